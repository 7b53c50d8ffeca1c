package io.pikko.actors;

import static io.pikko.actors.SlotTesting.DATABASES;
import static io.pikko.actors.SlotTesting.resolved;
import static io.pikko.actors.SlotTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.protocol.SlotOp;
import io.pikko.storage.DueExpiration;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.SlotKeyspace;
import io.pikko.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Active expiry deletes the keys that are due on the slot's clock, and only those. */
class SlotExpiryTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private PikkoStore store;
    private SlotCommands commands;
    private SlotExpiry expiry;

    @BeforeEach
    void open() {
        store = SlotTesting.open(dir, clock);
        SlotKeyspace keyspace = new SlotKeyspace(store, 7, DATABASES);
        commands = new SlotCommands(keyspace, clock, LoggerFactory.getLogger(SlotExpiryTest.class));
        expiry = new SlotExpiry(keyspace, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String run(String line) {
        return text(commands.run(resolved(line)));
    }

    /** DBSIZE counts expired keys not yet deleted, as Redis's does: it shows what active expiry did. */
    private String dbsize() {
        return text(commands.apply(new SlotOp.CountKeys(0)));
    }

    private static List<String> keys(List<DueExpiration> due) {
        return due.stream().map(d -> new String(d.key(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void dueKeysAreDeletedOnceTheClockPassesTheirTtl() {
        run("set a 1 PX 1000");
        run("set b 1 PX 2000");
        run("set forever 1");
        assertTrue(store.dueExpirations(clock.millis(), 100).isEmpty());
        clock.advance(Duration.ofMillis(1500));
        List<DueExpiration> due = store.dueExpirations(clock.millis(), 100);
        assertEquals(List.of("a"), keys(due));
        expiry.expire(due);
        assertEquals("(integer) 2", dbsize());
        clock.advance(Duration.ofMillis(500));
        expiry.expire(store.dueExpirations(clock.millis(), 100));
        assertEquals("(integer) 1", dbsize());
        assertTrue(store.dueExpirations(clock.millis(), 100).isEmpty(), "the expire index is clean");
    }

    @Test
    void aKeySetAgainSinceItsEntryCameDueStays() {
        run("set k old PX 1000");
        clock.advance(Duration.ofMillis(1000));
        List<DueExpiration> due = store.dueExpirations(clock.millis(), 100);
        assertEquals(List.of("k"), keys(due));
        run("set k new");
        expiry.expire(due);
        assertEquals("new", run("get k"));
        assertEquals("(integer) 1", dbsize());
        assertTrue(store.dueExpirations(clock.millis(), 100).isEmpty(), "the stale entry is dropped");
    }
}
