package io.pikko.actors;

import static io.pikko.actors.SlotTesting.DATABASES;
import static io.pikko.actors.SlotTesting.command;
import static io.pikko.actors.SlotTesting.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.actors.migration.MigrationLimits;
import io.pikko.actors.migration.MigrationReceiver;
import io.pikko.actors.migration.MigrationReport;
import io.pikko.commands.ResolvedCommand;
import io.pikko.protocol.NodeClock;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotHash;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotReply;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.SlotKeyspace;
import io.pikko.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The slot entity's wiring, on a real store and a clock the test moves. */
class SlotEntityTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final int SLOT = 7;
    /** A hash tag of slot 7: a move refuses keys of other slots. */
    private static final String IN_SLOT = "{tag1939}";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final AtomicLong requestIds = new AtomicLong();
    private final TestProbe<SlotReply> client = TEST_KIT.createTestProbe();
    private PikkoStore store;
    private ActorRef<SlotEntity.Command> entity;

    @BeforeEach
    void start() {
        store = SlotTesting.open(dir.resolve("source"), clock);
        entity = TEST_KIT.spawn(SlotEntity.create(SLOT, store, DATABASES, clock));
    }

    @AfterEach
    void stop() {
        TEST_KIT.stop(entity);
        store.close();
    }

    @AfterAll
    static void stopTestKit() {
        TEST_KIT.shutdownTestKit();
    }

    private void send(SlotOp op, long requestId, TestProbe<SlotReply> from) {
        entity.tell(new SlotEntity.Request(op, requestId, from.ref()));
    }

    /** Runs a request and returns its reply, checked to answer the right request. */
    private String ask(SlotOp op) {
        long id = requestIds.incrementAndGet();
        send(op, id, client);
        SlotReply reply = client.receiveMessage();
        assertEquals(id, reply.requestId());
        return text(reply.reply());
    }

    private String ask(String line) {
        return ask(command(line));
    }

    @Test
    void aRequestSentTwiceRunsOnce() {
        SlotOp incr = command("incr counter");
        send(incr, 41, client);
        entity.tell(new SlotEntity.Request(incr, 41, client.ref(), true, 41));
        assertEquals(new SlotReply(41, Reply.integer(1)), client.receiveMessage());
        assertEquals(new SlotReply(41, Reply.integer(1)), client.receiveMessage(), "the copy gets the first answer");
        assertEquals("1", ask("get counter"), "and INCR counted once");
        assertEquals("(integer) 2", ask("incr counter"), "another request runs");
    }

    /**
     * A resend that comes after more writes than the old fixed memory held (1,024), from this
     * connection and others, still gets the first answer: the answer is kept while it is unsettled.
     */
    @Test
    void aRequestSentAgainAfterThousandsOfWritesStillRunsOnce() {
        TestProbe<SlotReply> others = TEST_KIT.createTestProbe();
        SlotOp incr = command("incr counter");
        entity.tell(new SlotEntity.Request(incr, 1, client.ref(), false, 1));
        assertEquals(new SlotReply(1, Reply.integer(1)), client.receiveMessage());
        int writes = 5000;
        for (int id = 2; id <= writes; id++) {
            entity.tell(new SlotEntity.Request(command("set k" + IN_SLOT + id + " v"), id, client.ref(), false, 1));
            entity.tell(new SlotEntity.Request(command("incr other"), id, others.ref(), false, id));
        }
        client.receiveSeveralMessages(writes - 1);
        others.receiveSeveralMessages(writes - 1);

        entity.tell(new SlotEntity.Request(incr, 1, client.ref(), true, 1));
        assertEquals(new SlotReply(1, Reply.integer(1)), client.receiveMessage(), "the copy gets the first answer");
        assertEquals("1", ask("get counter"), "and INCR counted once");
    }

    @Test
    void aBatchRunsInOrderAndAnswersAtOnce() {
        List<SlotReply> answered = new CopyOnWriteArrayList<>();
        CountDownLatch delivered = new CountDownLatch(1);
        entity.tell(new SlotEntity.LocalRequests(SLOT, List.of(
                new SlotEntity.Request(command("set b 1"), 7, client.ref()),
                new SlotEntity.Request(command("incr b"), 8, client.ref()),
                new SlotEntity.Request(command("lpush b x"), 9, client.ref()),
                new SlotEntity.Request(command("get b"), 10, client.ref())), replies -> {
                    answered.addAll(replies);
                    delivered.countDown();
                }));
        assertTrue(awaitQuietly(delivered), "the batch was answered");
        assertEquals(List.of(7L, 8L, 9L, 10L), answered.stream().map(SlotReply::requestId).toList());
        assertEquals(List.of("OK", "(integer) 2", "(error) WRONGTYPE Operation against a key holding the wrong kind of value", "2"),
                answered.stream().map(reply -> text(reply.reply())).toList());
        client.expectNoMessage(Duration.ofMillis(50));
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void keysExpireOnTheEntitysClock() {
        assertEquals("OK", ask("set k v EX 10"));
        assertEquals("(integer) 10", ask("ttl k"));
        clock.advance(Duration.ofSeconds(4));
        assertEquals("(integer) 6", ask("ttl k"));
        assertEquals("(integer) 6000", ask("pttl k"));
        assertEquals("v", ask("get k"));
        clock.advance(Duration.ofSeconds(6));
        assertEquals("(nil)", ask("get k"));
        assertEquals("(integer) -2", ask("ttl k"));
        assertEquals("(integer) -2", ask("pttl k"));
    }

    @Test
    void theSweeperDeletesDueKeysThroughTheEntity() {
        ask("set a 1 PX 1000");
        ask("set b 1 PX 1500");
        ask("set forever 1");
        TestProbe<ShardingEnvelope<SlotEntity.Command>> region = TEST_KIT.createTestProbe();
        ActorRef<Object> sweeper = TEST_KIT.spawn(
                ExpirySweeper.create(store, region.ref(), slot -> true, Duration.ofMillis(20), 100, clock));
        try {
            clock.advance(Duration.ofMillis(1500));
            ShardingEnvelope<SlotEntity.Command> envelope = region.receiveMessage();
            assertEquals(Integer.toString(SLOT), envelope.entityId());
            assertEquals("(integer) 3", ask(new SlotOp.CountKeys(0)), "DBSIZE counts expired keys until they are deleted");
            entity.tell(envelope.message());
            assertEquals("(integer) 1", ask(new SlotOp.CountKeys(0)));
            assertEquals("[forever]", ask(new SlotOp.ListKeys(0, null)));
            assertTrue(store.dueExpirations(clock.millis(), 100).isEmpty(), "the expire index is clean");
        } finally {
            TEST_KIT.stop(sweeper);
        }
    }

    @Test
    void aWaitingRequestIsServedByTheNextWrite() {
        TestProbe<SlotReply> waiting = TEST_KIT.createTestProbe();
        send(command("blpop list 0"), 1, waiting);
        assertEquals("(integer) 1", ask("rpush list x"));
        SlotReply served = waiting.receiveMessage();
        assertEquals(1, served.requestId());
        assertEquals("[list, x]", text(served.reply()));
        assertEquals("(integer) 0", ask("llen list"));
    }

    @Test
    void waitersAreServedFirstComeFirst() {
        TestProbe<SlotReply> first = TEST_KIT.createTestProbe();
        TestProbe<SlotReply> second = TEST_KIT.createTestProbe();
        send(command("blpop list 0"), 1, first);
        send(command("blpop list 0"), 1, second);
        ask("rpush list a");
        assertEquals("[list, a]", text(first.receiveMessage().reply()));
        ask("rpush list b");
        assertEquals("[list, b]", text(second.receiveMessage().reply()));
    }

    @Test
    void aWaitingRequestTimesOutOnTheEntitysClock() {
        TestProbe<SlotReply> waiting = TEST_KIT.createTestProbe();
        send(command("blpop list 0.2"), 1, waiting);
        waiting.expectNoMessage(Duration.ofMillis(500));
        clock.advance(Duration.ofMillis(200));
        assertEquals(new SlotReply(1, Reply.NIL_ARRAY), waiting.receiveMessage());
    }

    @Test
    void aCancelledRequestWaitsNoMore() {
        TestProbe<SlotReply> waiting = TEST_KIT.createTestProbe();
        send(command("blpop list 0"), 1, waiting);
        entity.tell(new SlotEntity.CancelBlocked(waiting.ref(), 1));
        ask("rpush list x");
        assertEquals("(integer) 1", ask("llen list"), "nobody took the element");
    }

    @Test
    void waitersAreToldToTryAgainWhenTheSlotStops() {
        TestProbe<SlotReply> waiting = TEST_KIT.createTestProbe();
        send(command("blpop list 0"), 1, waiting);
        ask("ping");
        TEST_KIT.stop(entity);
        assertEquals("(error) TRYAGAIN slot 7 moved while the request waited", text(waiting.receiveMessage().reply()));
        entity = TEST_KIT.spawn(SlotEntity.create(SLOT, store, DATABASES, clock));
    }

    @Test
    void anEmptySlotSealedForReassignmentRefusesWritesForItsTime() {
        TestProbe<SlotEntity.SealReply> sealing = TEST_KIT.createTestProbe();
        entity.tell(new SlotEntity.Seal(1000, sealing.ref()));
        assertEquals(new SlotEntity.SealReply(SLOT, true, 0), sealing.receiveMessage());
        assertEquals("(error) TRYAGAIN slot 7 is being given to another group", ask("set k v"));
        assertEquals("(error) TRYAGAIN slot 7 is being given to another group", ask(new SlotOp.FlushKeys(0)));
        assertEquals("(nil)", ask("get k"), "reads go on");
        clock.advance(Duration.ofMillis(1000));
        assertEquals("OK", ask("set k v"));
        entity.tell(new SlotEntity.Seal(1000, sealing.ref()));
        assertEquals(new SlotEntity.SealReply(SLOT, false, 1), sealing.receiveMessage(), "a slot with keys is not sealed");
        assertEquals("OK", ask("set k w"));
    }

    @Test
    void anUnsealedSlotTakesWritesAtOnce() {
        TestProbe<SlotEntity.SealReply> sealing = TEST_KIT.createTestProbe();
        entity.tell(new SlotEntity.Seal(60_000, sealing.ref()));
        sealing.receiveMessage();
        entity.tell(new SlotEntity.Unseal());
        assertEquals("OK", ask("set k v"));
    }

    /** A receiver in this same actor system, with a store of its own. */
    private record Target(PikkoStore store, ActorRef<MigrationReceiver.Command> receiver) implements AutoCloseable {
        @Override
        public void close() {
            TEST_KIT.stop(receiver);
            store.close();
        }
    }

    /** Moves the slot out until the session reports it ready to commit. */
    private Target moveOut(long session) {
        assertEquals(SLOT, SlotHash.slotOf(SlotTesting.b(IN_SLOT)));
        String node = "target-" + session;
        PikkoStore store = SlotTesting.open(dir.resolve(node), clock);
        Target target = new Target(store, TEST_KIT.spawn(MigrationReceiver.create(node, store, DATABASES, slot -> false, clock)));
        TestProbe<MigrationReport> reports = TEST_KIT.createTestProbe();
        entity.tell(new SlotEntity.MigrateOut(session, node, MigrationLimits.defaults(), reports.ref()));
        while (true) {
            MigrationReport report = reports.receiveMessage(Duration.ofSeconds(20));
            assertTrue(!(report instanceof MigrationReport.Failed), report.toString());
            if (report instanceof MigrationReport.ReadyToCommit) {
                return target;
            }
        }
    }

    /** A key's value in {@code store}'s copy of the slot. */
    private static String get(PikkoStore store, String key) {
        SlotCommands commands = new SlotCommands(new SlotKeyspace(store, SLOT, DATABASES), NodeClock.SYSTEM,
                LoggerFactory.getLogger(SlotEntityTest.class));
        return text(commands.run(ResolvedCommand.of(command("get " + key)).orElseThrow()));
    }

    private static long keys(PikkoStore store) {
        return new SlotKeyspace(store, SLOT, DATABASES).count(0);
    }

    @Test
    void aCommittedMoveLeavesTheDataOnTheTargetOnly() {
        ask("set " + IN_SLOT + "a 1");
        ask("rpush " + IN_SLOT + "list x y");
        try (Target target = moveOut(1)) {
            assertEquals("1", get(target.store(), IN_SLOT + "a"));
            assertEquals(2, keys(target.store()));
            assertEquals("(error) TRYAGAIN slot 7 is being given to another group", ask("set " + IN_SLOT + "a 2"), "the cutover refuses writes");
            assertEquals("1", ask("get " + IN_SLOT + "a"), "reads go on");
            entity.tell(new SlotEntity.CommitMigration(1));
            // A stop overtakes queued messages: a round trip first, so that the commit has run.
            assertEquals("1", ask("get " + IN_SLOT + "a"));
            TEST_KIT.stop(entity);
            assertEquals(0, keys(store), "the source's copy is gone");
            entity = TEST_KIT.spawn(SlotEntity.create(SLOT, store, DATABASES, clock));
        }
    }

    @Test
    void anAbortedMoveServesTheSlotAsBefore() {
        ask("set " + IN_SLOT + "a 1");
        try (Target target = moveOut(2)) {
            entity.tell(new SlotEntity.AbortMigration(2));
            assertEquals("OK", ask("set " + IN_SLOT + "a 2"));
            assertEquals("2", ask("get " + IN_SLOT + "a"));
            client.awaitAssert(() -> {
                assertEquals(0, keys(target.store()), "the target drops its partial copy");
                return null;
            });
        }
    }
}
