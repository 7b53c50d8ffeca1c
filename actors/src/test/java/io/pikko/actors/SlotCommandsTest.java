package io.pikko.actors;

import static io.pikko.actors.SlotTesting.DATABASES;
import static io.pikko.actors.SlotTesting.command;
import static io.pikko.actors.SlotTesting.resolved;
import static io.pikko.actors.SlotTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pikko.commands.ResolvedCommand;
import io.pikko.protocol.SlotOp;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.SlotKeyspace;
import io.pikko.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A slot's commands run on a real store and see the time of the clock they are given. */
class SlotCommandsTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private PikkoStore store;
    private SlotCommands commands;

    @BeforeEach
    void open() {
        store = SlotTesting.open(dir, clock);
        commands = new SlotCommands(new SlotKeyspace(store, 7, DATABASES), clock, LoggerFactory.getLogger(SlotCommandsTest.class));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String run(String line) {
        return text(commands.run(resolved(line)));
    }

    @Test
    void aCommandsWritesAreThereForTheNext() {
        assertEquals("OK", run("set k v"));
        assertEquals("v", run("get k"));
        assertEquals("(integer) 2", run("rpush list a b"));
        assertEquals("(integer) 0", text(commands.apply(new SlotOp.CountKeys(1))), "database 1 holds nothing");
        assertEquals("(integer) 2", text(commands.apply(new SlotOp.CountKeys(0))));
        assertEquals(2, commands.keysOrMax());
    }

    @Test
    void aKeyExpiresWhenTheClockPassesItsTtl() {
        assertEquals("OK", run("set k v EX 10"));
        assertEquals("(integer) 10", run("ttl k"));
        clock.advance(Duration.ofMillis(3_500));
        assertEquals("(integer) 7", run("ttl k"));
        assertEquals("(integer) 6500", run("pttl k"));
        assertEquals("v", run("get k"));
        clock.advance(Duration.ofMillis(6_500));
        assertEquals("(nil)", run("get k"));
        assertEquals("(integer) -2", run("ttl k"));
        assertEquals("(integer) 0", run("exists k"));
    }

    @Test
    void expiredKeysAreLeftOutOfKeysAndScan() {
        run("set short v PX 100");
        run("set long v");
        clock.advance(Duration.ofMillis(100));
        assertEquals("[long]", text(commands.apply(new SlotOp.ListKeys(0, null))));
        assertEquals("[(integer) 0, [long]]", text(commands.apply(new SlotOp.ScanKeys(0, 0, 10, null, null))));
    }

    @Test
    void aFlushEmptiesOneDatabaseOrAll() {
        commands.run(ResolvedCommand.of(command(0, "set a 1")).orElseThrow());
        commands.run(ResolvedCommand.of(command(1, "set b 1")).orElseThrow());
        assertEquals("OK", text(commands.apply(new SlotOp.FlushKeys(0))));
        assertEquals(1, commands.keysOrMax());
        assertEquals("OK", text(commands.apply(new SlotOp.FlushKeys(-1))));
        assertEquals(0, commands.keysOrMax());
    }

    @Test
    void anErrorIsTheCommandsReplyAndTheSlotGoesOn() {
        assertEquals("(error) ERR value is not an integer or out of range", run("incrby k nope"));
        assertEquals("(error) ERR unknown command 'frobnicate'", text(SlotCommands.unknown(command("frobnicate"))));
        assertEquals("(integer) 1", run("incr k"));
    }
}
