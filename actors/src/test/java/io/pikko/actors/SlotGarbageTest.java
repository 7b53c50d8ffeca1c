package io.pikko.actors;

import static io.pikko.actors.SlotTesting.DATABASES;
import static io.pikko.actors.SlotTesting.resolved;
import static io.pikko.actors.SlotTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.protocol.NodeClock;
import io.pikko.storage.ColumnFamily;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.RangeIterator;
import io.pikko.storage.SlotKeyspace;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A deleted collection's members are reclaimed a bounded step at a time, until none is left. */
class SlotGarbageTest {
    @TempDir
    Path dir;

    private PikkoStore store;
    private SlotCommands commands;
    private SlotGarbage garbage;

    @BeforeEach
    void open() {
        store = SlotTesting.open(dir, NodeClock.SYSTEM);
        SlotKeyspace keyspace = new SlotKeyspace(store, 7, DATABASES);
        commands = new SlotCommands(keyspace, NodeClock.SYSTEM, LoggerFactory.getLogger(SlotGarbageTest.class));
        garbage = new SlotGarbage(keyspace);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Member records in the store, of live collections and dead ones alike. */
    private long memberRecords() {
        byte[] end = new byte[16];
        Arrays.fill(end, (byte) 0xff);
        long records = 0;
        try (RangeIterator it = store.range(ColumnFamily.DATA, new byte[0], end)) {
            for (; it.valid(); it.next()) {
                records++;
            }
        }
        return records;
    }

    @Test
    void aCleanSlotHasNothingToSweep() {
        commands.run(resolved("hset h f v"));
        assertFalse(garbage.step(10));
        assertEquals(1, memberRecords());
    }

    @Test
    void aDeletedHashsFieldsGoInSteps() {
        StringBuilder hset = new StringBuilder("hset big");
        for (int i = 0; i < 100; i++) {
            hset.append(" f").append(i).append(" v");
        }
        assertEquals("(integer) 100", text(commands.run(resolved(hset.toString()))));
        commands.run(resolved("hset small f v"));
        assertEquals("(integer) 1", text(commands.run(resolved("del big"))));
        assertEquals(101, memberRecords(), "DEL leaves the fields to the sweep");
        assertTrue(garbage.step(10), "a step of 10 records leaves garbage for the next");
        int steps = 1;
        while (garbage.step(10)) {
            steps++;
        }
        assertTrue(steps >= 10, "took " + steps + " steps");
        assertEquals(1, memberRecords(), "only the live hash's field is left");
        assertEquals("v", text(commands.run(resolved("hget small f"))));
    }
}
