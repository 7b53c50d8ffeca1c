package io.pikko.actors.replication;

import static io.pikko.actors.SlotTesting.DATABASES;
import static io.pikko.actors.SlotTesting.command;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.actors.LocalSlots;
import io.pikko.actors.SlotEntity;
import io.pikko.actors.SlotTesting;
import io.pikko.protocol.NodeClock;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotReply;
import io.pikko.storage.BinlogRetention;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.SlotKeyspace;
import io.pikko.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica follows a real slot entity on another store: a full sync first, the log after it,
 * and afterwards an entity started on the replica's store (a promotion) serves the same keys.
 */
class SlotFollowerTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final int SLOT = 7;
    private static final String IN_SLOT = "{tag1939}";
    private static final Duration CATCH_UP = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final AtomicLong requestIds = new AtomicLong();
    private final TestProbe<SlotReply> client = TEST_KIT.createTestProbe();
    private PikkoStore masterStore;
    private PikkoStore replicaStore;
    private ActorRef<SlotEntity.Command> master;
    private final List<ActorRef<?>> spawned = new ArrayList<>();
    private final List<FollowerStatus> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        masterStore = SlotTesting.open(dir.resolve("master"), NodeClock.SYSTEM);
        replicaStore = SlotTesting.open(dir.resolve("replica"), NodeClock.SYSTEM);
        master = spawn(SlotEntity.create(SLOT, masterStore, DATABASES, NodeClock.SYSTEM));
    }

    @AfterEach
    void stop() {
        spawned.forEach(TEST_KIT::stop);
        masterStore.close();
        replicaStore.close();
    }

    @AfterAll
    static void stopTestKit() {
        TEST_KIT.shutdownTestKit();
    }

    private <T> ActorRef<T> spawn(org.apache.pekko.actor.typed.Behavior<T> behavior) {
        ActorRef<T> ref = TEST_KIT.spawn(behavior);
        spawned.add(ref);
        return ref;
    }

    private Reply ask(ActorRef<SlotEntity.Command> entity, String line) {
        long id = requestIds.incrementAndGet();
        entity.tell(new SlotEntity.Request(command(line), id, client.ref()));
        SlotReply reply = client.receiveMessage();
        assertEquals(id, reply.requestId());
        return reply.reply();
    }

    /** Keys of every type, some with a TTL, some changed again and deleted. */
    private List<String> write(String prefix, int keys) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            String k = IN_SLOT + prefix + i;
            switch (i % 5) {
                case 0 -> ask(master, "set " + k + " v" + i);
                case 1 -> ask(master, "hset " + k + " f1 a f2 b" + i);
                case 2 -> ask(master, "rpush " + k + " x y z" + i);
                case 3 -> ask(master, "sadd " + k + " m1 m2 m" + i);
                default -> ask(master, "zadd " + k + " 1 a 2.5 b " + i + " c");
            }
            if (i % 7 == 0) {
                ask(master, "expire " + k + " 3600");
            }
            names.add(k);
        }
        ask(master, "incrby " + IN_SLOT + prefix + "counter 5");
        ask(master, "del " + IN_SLOT + prefix + "1");
        ask(master, "lpop " + IN_SLOT + prefix + "2");
        names.add(IN_SLOT + prefix + "counter");
        return names;
    }

    private ActorRef<SlotFollower.Command> follow(LocalSlots localSlots) {
        TestProbe<FollowerStatus> reports = TEST_KIT.createTestProbe();
        ActorRef<FollowerStatus> collector = spawn(org.apache.pekko.actor.typed.javadsl.Behaviors.receiveMessage(status -> {
            statuses.add(status);
            return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
        }));
        return spawn(SlotFollower.create(SlotKeyspace.replica(replicaStore, SLOT, DATABASES), master, "master:1", "replica:1",
                localSlots, NodeClock.SYSTEM, collector));
    }

    private FollowerStatus last() {
        return statuses.isEmpty() ? null : statuses.get(statuses.size() - 1);
    }

    private void awaitCaughtUp() {
        long masterSeq = new SlotKeyspace(masterStore, SLOT, DATABASES).binlog().lastSeq();
        Eventually.await(CATCH_UP, () -> {
            FollowerStatus status = last();
            assertEquals("streaming", status.state());
            assertEquals(masterSeq, status.appliedSeq());
            assertEquals(0, status.lagRecords());
        });
    }

    /** Every key as the entity on the replica's store serves it, against the master's answers. */
    private void assertSameData(List<String> keys) {
        ActorRef<SlotEntity.Command> promoted = spawn(SlotEntity.create(SLOT, replicaStore, DATABASES, NodeClock.SYSTEM));
        int present = 0;
        for (String key : keys) {
            present += dumped(ask(master, "dump " + key)) == null ? 0 : 1;
            assertArrayEquals(dumped(ask(master, "dump " + key)), dumped(ask(promoted, "dump " + key)), "DUMP " + key);
            Reply ttl = ask(promoted, "ttl " + key);
            assertEquals(((Reply.Int) ask(master, "ttl " + key)).value(), ((Reply.Int) ttl).value(), 2, "TTL " + key);
        }
        long deleted = keys.stream().filter(k -> k.endsWith(":1")).count();
        assertEquals(keys.size() - deleted, present, "all but the deleted keys are there");
        assertEquals(ask(master, "dbsize"), ask(promoted, "dbsize"));
    }

    /** A DUMP payload, or null for a key that is not there. */
    private static byte[] dumped(Reply reply) {
        return reply instanceof Reply.Bulk bulk ? bulk.value() : null;
    }

    @Test
    void aNewReplicaSyncsFullyThenFollowsTheLogAndHoldsTheMastersKeys() {
        List<String> keys = write("before:", 300);
        ActorRef<SlotFollower.Command> follower = follow(new LocalSlots());
        keys.addAll(write("during:", 300));
        awaitCaughtUp();
        long appliedFromLog = last().recordsApplied();
        keys.addAll(write("after:", 300));
        awaitCaughtUp();
        assertEquals(1, last().fullSyncs(), "one full sync, then the log");
        assertTrue(last().recordsApplied() - appliedFromLog >= 300, "the writes after the snapshot came from the log");
        TEST_KIT.stop(follower);
        assertSameData(keys);
    }

    @Test
    void inConsistentModeAWriteIsAnsweredOnlyOnceTheReplicaHoldsIt() {
        ReplicationBoard board = new ReplicationBoard(masterStore::binlogRecords);
        int[] acks = new int[io.pikko.protocol.SlotHash.SLOTS];
        acks[SLOT] = 1;
        board.topology(new long[acks.length], new boolean[acks.length], acks);
        TEST_KIT.stop(master);
        spawned.remove(master);
        master = spawn(SlotEntity.create(SLOT, masterStore, DATABASES, NodeClock.SYSTEM, new LocalSlots(),
                io.pikko.protocol.KeyspaceEvents.NONE, board));
        assertEquals("(nil)", SlotTesting.text(ask(master, "get " + IN_SLOT + "k")), "a read needs no replica");

        master.tell(new SlotEntity.Request(command("set " + IN_SLOT + "k v1"), 1001, client.ref()));
        client.expectNoMessage(Duration.ofMillis(800));
        follow(new LocalSlots());
        SlotReply held = client.receiveMessage(CATCH_UP);
        assertEquals(new SlotReply(1001, Reply.OK), held, "answered once the replica has it");

        statuses.clear();
        TEST_KIT.stop(spawned.get(spawned.size() - 1));
        master.tell(new SlotEntity.Request(command("set " + IN_SLOT + "k v2"), 1002, client.ref()));
        SlotReply refused = client.receiveMessage(SlotEntity.ACK_WAIT.plusSeconds(5));
        assertEquals(1002, refused.requestId());
        assertEquals("(error) NOREPLICAS Not enough good replicas to write.", SlotTesting.text(refused.reply()),
                "with no replica to hold it, the write is not acknowledged");
    }

    @Test
    void aReplicaThatStoppedGoesOnFromItsPositionWithoutAFullSync() {
        List<String> keys = write("first:", 100);
        ActorRef<SlotFollower.Command> follower = follow(new LocalSlots());
        awaitCaughtUp();
        TEST_KIT.stop(follower);
        keys.addAll(write("meanwhile:", 100));
        statuses.clear();
        follow(new LocalSlots());
        awaitCaughtUp();
        assertEquals(0, last().fullSyncs(), "its position was still in the master's log");
        assertTrue(last().recordsApplied() >= 100);
    }

    @Test
    void aReplicaWhosePositionWasTrimmedAwaySyncsFullyAgain() {
        List<String> keys = write("first:", 50);
        ActorRef<SlotFollower.Command> follower = follow(new LocalSlots());
        awaitCaughtUp();
        TEST_KIT.stop(follower);
        masterStore.setBinlogRetention(new BinlogRetention(0, 0, 0));
        // The entity looks at its log every 1,024 appends; a replica silent this long is not waited for.
        keys.addAll(write("meanwhile:", 1100));
        statuses.clear();
        follow(new LocalSlots());
        awaitCaughtUp();
        assertEquals(1, last().fullSyncs());
        TEST_KIT.stop(master);
        spawned.remove(master);
        master = spawn(SlotEntity.create(SLOT, masterStore, DATABASES, NodeClock.SYSTEM));
        assertSameData(keys);
    }

    @Test
    void aSlotThatLeftTheGroupIsDroppedFromTheReplicaAndCopiedAfreshIfItComesBack() {
        List<String> keys = write("first:", 100);
        ActorRef<SlotFollower.Command> follower = follow(new LocalSlots());
        awaitCaughtUp();
        TestProbe<Object> watcher = TEST_KIT.createTestProbe();
        follower.tell(SlotFollower.Drop.INSTANCE);
        watcher.expectTerminated(follower, CATCH_UP);
        SlotKeyspace copy = SlotKeyspace.replica(replicaStore, SLOT, DATABASES);
        assertEquals(0, copy.binlog().lastSeq(), "the position went with the data");
        try (var records = replicaStore.range(io.pikko.storage.ColumnFamily.META,
                io.pikko.storage.KeyCodec.prefix(0, SLOT), io.pikko.storage.KeyCodec.prefixEnd(0, SLOT))) {
            assertFalse(records.valid(), "no key of the slot is left on the replica");
        }

        keys.addAll(write("later:", 50));
        statuses.clear();
        follow(new LocalSlots());
        awaitCaughtUp();
        assertEquals(1, last().fullSyncs(), "back in the group, the slot is copied afresh");
        assertSameData(keys);
    }
}
