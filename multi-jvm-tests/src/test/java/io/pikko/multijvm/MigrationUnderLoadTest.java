package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pikko.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Slots move between groups while clients keep writing and reading through every node: half the
 * slots under load, then a million-field hash, then a rebalance over a third group. Nothing
 * acknowledged may be lost, no read may go back in time, and every key arrives whole.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationUnderLoadTest {
    private static final Duration MOVE_TIMEOUT = Duration.ofMinutes(4);
    /**
     * The share of the workload's requests that may time out (each waited out the gateway's 5 s
     * request timeout) while slots move: none on an idle machine, under 1% on a 2-core one running
     * several builds at once.
     */
    private static final double MAX_TIMEOUT_SHARE = 0.02;
    /** Requests every writer and every reader must get answered while slots move, and before and after. */
    private static final long MIN_DURING_MOVE = 20;
    private static final long MIN_AROUND_MOVE = 100;

    @RegisterExtension
    static final PikkoCluster cluster = PikkoCluster.of(3);

    private static final MixedDataset DATA = new MixedDataset("d:", 100_000);

    @BeforeAll
    static void groupTwoOnNodeOne() {
        AdminClient admin = cluster.node(0).admin();
        admin.createGroup(2);
        admin.addServer(2, cluster.node(1).respAddress());
        // Several moves at once per group pair, so 512 slots move in CI's time.
        put(admin, "/api/actions/settings", "{\"parallel\":16}");
    }

    @Test
    @Order(1)
    void halfTheSlotsMoveUnderLoadWithNothingLostAndNoStaleRead() throws Exception {
        List<String> refused = DATA.write(cluster.node(2));
        System.out.println("writing the data set: " + refused.size() + " commands answered with an error and written again"
                + (refused.isEmpty() ? "" : ", e.g. " + refused.subList(0, Math.min(5, refused.size()))));
        AcknowledgedWorkload load = new AcknowledgedWorkload(cluster.nodes(), "w:").start();
        awaitProgress(load, new long[cluster.nodes().size()], new long[cluster.nodes().size()], "before the move");
        long[] writesBefore = load.writes();
        long[] readsBefore = load.reads();
        long started = System.nanoTime();
        AdminClient.expectOk(cluster.node(1).admin().post("/api/slots/migrate", "{\"from\":0,\"to\":511,\"group\":2}"),
                "migrate 0..511");
        awaitMoved(0, 511, 2);
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] writesDuring = minus(load.writes(), writesBefore);
        long[] readsDuring = minus(load.reads(), readsBefore);
        awaitProgress(load, load.writes(), load.reads(), "after the move");
        load.close();

        System.out.printf("moved 512 slots (100,000 keys + load) in %.1f s; clients: %d writes, %d reads, longest request"
                        + " %d ms; %.0f writes/s during the move, per writer %s, per reader %s; writes failed: %s;"
                        + " reads failed: %s%n",
                seconds, sum(load.writes()), sum(load.reads()), load.longestMillis(), sum(writesDuring) / seconds,
                Arrays.toString(writesDuring), Arrays.toString(readsDuring), load.writeFailures(), load.readFailures());
        assertEquals(List.of(), load.writeFailures().errors(), "writes that failed other than by a timeout");
        assertEquals(List.of(), load.readFailures().errors(), "reads that failed other than by a timeout");
        long timeouts = load.writeFailures().timeouts() + load.readFailures().timeouts();
        long requests = sum(load.writes()) + sum(load.reads()) + timeouts;
        assertTrue(timeouts <= MAX_TIMEOUT_SHARE * requests,
                timeouts + " of " + requests + " requests timed out (at most " + MAX_TIMEOUT_SHARE * 100 + "%)");
        for (int i = 0; i < writesDuring.length; i++) {
            assertTrue(writesDuring[i] >= MIN_DURING_MOVE, "writer " + i + " made " + writesDuring[i] + " writes during the move");
            assertTrue(readsDuring[i] >= MIN_DURING_MOVE, "reader " + i + " made " + readsDuring[i] + " reads during the move");
        }
        // A write that timed out may or may not have landed: the checks below accept either.
        assertEquals(List.of(), load.staleReads(), "reads older than an acknowledged write");
        for (ClusterNode node : cluster.nodes()) {
            assertEquals(List.of(), load.lostOrWrong(node), "acknowledged writes, read through " + node);
        }
        assertEquals(List.of(), DATA.differences(cluster.node(0)), "the data set, read through node 0");
        assertEquals(List.of(), DATA.differences(cluster.node(2)), "the data set, read through node 2");
        try (Jedis jedis = cluster.node(1).jedis()) {
            assertTrue(jedis.dbSize() >= 100_000, "DBSIZE spans both groups");
        }
    }

    @Test
    @Order(2)
    void aMillionFieldHashMovesWhileItsSlotStaysReadable() throws Exception {
        String tag = tagInSlot(700);
        String big = "{" + tag + "}:big";
        List<String> neighbours = IntStream.range(0, 50).mapToObj(i -> "{" + tag + "}:n" + i).toList();
        try (Jedis jedis = cluster.node(0).jedis()) {
            Pipeline pipeline = jedis.pipelined();
            for (int batch = 0; batch < 1000; batch++) {
                Map<String, String> fields = new HashMap<>();
                for (int f = 0; f < 1000; f++) {
                    int field = batch * 1000 + f;
                    fields.put("f" + field, "v" + field);
                }
                pipeline.hset(big, fields);
                if (batch % 50 == 49) {
                    pipeline.sync();
                }
            }
            neighbours.forEach(key -> pipeline.set(key, "next to the big one: " + key));
            pipeline.sync();
            assertEquals(1_000_000L, jedis.hlen(big));
        }
        int from = cluster.node(0).admin().slots()[700];
        int to = from == 1 ? 2 : 1;

        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong longest = new AtomicLong();
        AtomicLong readsDuringMove = new AtomicLong();
        List<String> wrong = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (Jedis jedis = cluster.node(2).jedis()) {
                while (reading.get()) {
                    for (String key : neighbours) {
                        long start = System.nanoTime();
                        try {
                            String value = jedis.get(key);
                            if (!("next to the big one: " + key).equals(value)) {
                                wrong.add(key + " = " + value);
                            }
                            readsDuringMove.incrementAndGet();
                        } catch (JedisException e) {
                            wrong.add(key + ": " + e.getMessage());
                        }
                        longest.accumulateAndGet(System.nanoTime() - start, Math::max);
                    }
                }
            }
        }, "neighbour-reader");
        reader.start();
        long started = System.nanoTime();
        AdminClient.expectOk(cluster.node(2).admin().post("/api/slots/migrate",
                "{\"from\":700,\"to\":700,\"group\":" + to + "}"), "migrate slot 700");
        awaitMoved(700, 700, to);
        double seconds = (System.nanoTime() - started) / 1e9;
        reading.set(false);
        reader.join();

        System.out.printf("moved a 1,000,000-field hash in %.1f s; its slot's other keys read %d times, in at most %d ms%n",
                seconds, readsDuringMove.get(), longest.get() / 1_000_000);
        assertEquals(List.of(), wrong, "reads of the slot's other keys during the move");
        assertTrue(readsDuringMove.get() >= neighbours.size(), "the slot's other keys read during the move: " + readsDuringMove);
        for (ClusterNode node : cluster.nodes()) {
            try (Jedis jedis = node.jedis()) {
                assertEquals(1_000_000L, jedis.hlen(big), node + " HLEN");
                for (int field = 0; field < 1_000_000; field += 99_991) {
                    assertEquals("v" + field, jedis.hget(big, "f" + field), node + " HGET f" + field);
                }
            }
        }
    }

    @Test
    @Order(3)
    void aThirdGroupAndARebalanceLeaveEveryGroupWithinOneSlotOfTheMeanAndAllDataReadable() throws Exception {
        AdminClient admin = cluster.node(2).admin();
        admin.createGroup(3);
        admin.addServer(3, cluster.node(2).respAddress());
        JsonNode plan = AdminClient.expectOk(admin.post("/api/rebalance", "{\"confirm\":false}"), "plan").json();
        assertEquals(false, plan.get("scheduled").asBoolean());
        int moves = plan.get("moves").size();
        assertTrue(moves >= 340 && moves <= 342, "a new third group takes a third of the slots: " + moves);
        assertEquals(0, admin.get("/api/actions").json().get("actions").size(), "a plan alone schedules nothing");

        AdminClient.expectOk(admin.post("/api/rebalance", "{\"confirm\":true}"), "rebalance");
        Eventually.await(MOVE_TIMEOUT, () -> assertEquals(0, admin.get("/api/actions").json().get("actions").size()));
        int[] slots = admin.slots();
        Map<Integer, Integer> counts = new HashMap<>();
        for (int group : slots) {
            counts.merge(group, 1, Integer::sum);
        }
        assertEquals(3, counts.size(), counts.toString());
        counts.values().forEach(count -> assertTrue(count == 341 || count == 342, counts.toString()));
        for (ClusterNode node : cluster.nodes()) {
            assertEquals(List.of(), DATA.differences(node), "the data set after the rebalance, through " + node);
        }
    }

    /** Waits until every writer and every reader has had {@code MIN_AROUND_MOVE} more requests answered than {@code writes} and {@code reads}. */
    private static void awaitProgress(AcknowledgedWorkload load, long[] writes, long[] reads, String when) {
        Eventually.await(Duration.ofSeconds(60), () -> {
            long[] writesNow = load.writes();
            long[] readsNow = load.reads();
            for (int i = 0; i < writes.length; i++) {
                assertTrue(writesNow[i] - writes[i] >= MIN_AROUND_MOVE, "writer " + i + " " + when + ": " + (writesNow[i] - writes[i]));
                assertTrue(readsNow[i] - reads[i] >= MIN_AROUND_MOVE, "reader " + i + " " + when + ": " + (readsNow[i] - reads[i]));
            }
        });
    }

    private static long[] minus(long[] a, long[] b) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    private static long sum(long[] counts) {
        return Arrays.stream(counts).sum();
    }

    /** Waits until no action is left and every node shows slots {@code from..to} in {@code group}. */
    private static void awaitMoved(int from, int to, int group) throws InterruptedException {
        Eventually.await(MOVE_TIMEOUT, () -> {
            for (ClusterNode node : cluster.nodes()) {
                int[] slots = node.admin().slots();
                IntStream.rangeClosed(from, to).forEach(slot -> assertEquals(group, slots[slot], node + ": slot " + slot));
            }
            assertEquals(0, cluster.node(0).admin().get("/api/actions").json().get("actions").size());
        });
    }

    private static String tagInSlot(int slot) {
        for (int i = 0; ; i++) {
            if (SlotKeys.slotOf("t" + i) == slot) {
                return "t" + i;
            }
        }
    }

    private static void put(AdminClient admin, String path, String json) {
        AdminClient.expectOk(admin.put(path, json), "PUT " + path);
    }
}
