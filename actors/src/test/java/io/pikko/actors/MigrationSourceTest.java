package io.pikko.actors;

import static io.pikko.actors.SlotTesting.DATABASES;
import static io.pikko.actors.SlotTesting.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.actors.migration.MigrationLimits;
import io.pikko.actors.migration.MigrationReport;
import io.pikko.actors.migration.MigrationSession;
import io.pikko.commands.ResolvedCommand;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.SlotKeyspace;
import io.pikko.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source side of a move, without a session running: the session is a probe, and the test
 * plays its part (taking the dirty keys, ending ready) by hand.
 */
class MigrationSourceTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final Logger LOG = LoggerFactory.getLogger(MigrationSourceTest.class);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final TestProbe<MigrationSession.Command> session = TEST_KIT.createTestProbe();
    private final TestProbe<MigrationReport> reports = TEST_KIT.createTestProbe();
    private final TestProbe<MigrationSession.Command> dirty = TEST_KIT.createTestProbe();
    private final AtomicInteger sessionsStarted = new AtomicInteger();
    private PikkoStore store;
    private SlotCommands commands;
    private SlotSeal seal;
    private MigrationSource source;

    @BeforeEach
    void open() {
        store = SlotTesting.open(dir, clock);
        SlotKeyspace keyspace = new SlotKeyspace(store, 7, DATABASES);
        commands = new SlotCommands(keyspace, clock, LOG);
        seal = new SlotSeal(clock);
        source = new MigrationSource(keyspace, seal, clock, LOG);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    private void start(long id) {
        source.start(new SlotEntity.MigrateOut(id, "target:6380", MigrationLimits.defaults(), reports.ref()), (out, export) -> {
            sessionsStarted.incrementAndGet();
            export.close();
            return session.ref();
        });
    }

    private void write(String line) {
        ResolvedCommand command = resolved(line);
        commands.run(command);
        source.wrote(command);
    }

    private MigrationSession.DirtyKeys takeDirty(long id, boolean sealNow) {
        source.handOverDirty(id, sealNow, dirty.ref().narrow());
        return dirty.expectMessageClass(MigrationSession.DirtyKeys.class);
    }

    private static List<String> keys(MigrationSession.DirtyKeys keys) {
        return keys.chunks().stream().map(c -> new String(c.key(), StandardCharsets.UTF_8) + (c.deleted() ? " deleted" : "")).toList();
    }

    @Test
    void writesSinceTheSnapshotAreHandedOverOnce() {
        write("set before 1");
        start(1);
        write("set a 1");
        write("get before");
        write("set b 1");
        write("del b");
        MigrationSession.DirtyKeys first = takeDirty(1, false);
        assertEquals(2, first.keys());
        assertEquals(List.of("a", "b deleted"), keys(first));
        assertFalse(first.sealed());
        assertFalse(seal.refusesWrites());
        assertEquals(0, takeDirty(1, false).keys(), "handed over keys are clean again");
    }

    @Test
    void copyToAnotherDatabaseMarksTheKeysInEveryDatabase() {
        start(1);
        write("set a 1");
        write("copy a b DB 3");
        MigrationSession.DirtyKeys keys = takeDirty(1, false);
        assertEquals(2 * DATABASES, keys.keys());
        assertTrue(keys.chunks().stream().anyMatch(c -> c.db() == 3 && !c.deleted()), "b in database 3 is sent");
    }

    @Test
    void theLastRoundSealsTheSlotUntilTheMoveIsAborted() {
        start(1);
        MigrationSession.DirtyKeys last = takeDirty(1, true);
        assertTrue(last.sealed());
        assertTrue(seal.refusesWrites());
        source.abort(1);
        session.expectMessage(MigrationSession.Abort.INSTANCE);
        assertFalse(seal.refusesWrites(), "an aborted move takes writes again");
    }

    @Test
    void aCommittedMoveStaysSealedAndDropsTheCopyWhenTheEntityStops() {
        write("set a 1");
        start(1);
        source.commit(1);
        takeDirty(1, true);
        source.sessionEnded(1, true);
        source.abort(1);
        session.expectMessage(MigrationSession.Abort.INSTANCE);
        assertFalse(seal.refusesWrites(), "a commit before the session is ready does nothing; the abort then ends it");

        start(2);
        takeDirty(2, true);
        source.sessionEnded(2, true);
        source.commit(2);
        session.expectMessage(MigrationSession.Commit.INSTANCE);
        source.abort(2);
        source.sessionEnded(2, false);
        assertTrue(seal.refusesWrites(), "after the commit neither an abort nor the session's end unseals");
        assertEquals(1, commands.keysOrMax());
        source.entityStopped();
        assertEquals(0, commands.keysOrMax(), "this node's copy is gone");
    }

    @Test
    void aSessionThatFailsEndsTheMove() {
        start(1);
        source.sessionEnded(1, false);
        start(1);
        assertEquals(2, sessionsStarted.get(), "the failed session's id may start again");
        start(1);
        assertEquals(2, sessionsStarted.get(), "the running session is not started twice");
        start(2);
        session.expectMessage(MigrationSession.Abort.INSTANCE);
        assertEquals(3, sessionsStarted.get(), "a different session replaces the running one");
    }

    @Test
    void aFlushCallsTheMoveOff() {
        start(1);
        source.flushing();
        MigrationReport.Failed failed = reports.expectMessageClass(MigrationReport.Failed.class);
        assertEquals("slot flushed during the move", failed.reason());
        assertEquals(7, failed.slot());
        session.expectMessage(MigrationSession.Abort.INSTANCE);
    }

    @Test
    void stoppingWithoutACommitKeepsTheData() {
        write("set a 1");
        start(1);
        source.entityStopped();
        assertEquals(1, commands.keysOrMax());
    }
}
