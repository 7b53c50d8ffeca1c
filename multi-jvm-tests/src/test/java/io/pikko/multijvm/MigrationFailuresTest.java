package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pikko.testing.Eventually;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.Tuple;

/**
 * Failures in the middle of slot migration (issue 5, part 6), on one three-node cluster, in order:
 * <ol>
 *   <li>{@code kill -9} of the target node mid-copy: the slots stay served by their source, the moves
 *       fall back and are tried again, and once the target is back the migration completes; one
 *       move is cancelled while the target is away, and its slot stays with the source;</li>
 *   <li>that slot, emptied and then assigned to the target's group, is empty there too: what the
 *       target had imported of it before it was killed does not come back;</li>
 *   <li>{@code kill -9} of the dashboard's node mid-migration (the move runs between the two other
 *       nodes), while some moves copy and others finish their copy and wait, sealed, for a commit
 *       that cannot come: the API answers again from the new singleton, which resumes the moves to
 *       the end.</li>
 * </ol>
 * In the moves, clients keep writing the moving slots through surviving nodes, retrying a write until it
 * is acknowledged, and afterwards every key holds its last acknowledged value on every node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationFailuresTest {
    @RegisterExtension
    static final PikkoCluster cluster = PikkoCluster.of(3);

    /** Keys in the 32 moving slots: about 625 a slot, more than one batch (512 keys) each. */
    private static final int KEYS = 20_000;
    private static final int BATCH_KEYS = 512;
    /**
     * Per move: a slot's first batch goes at once, its second one 512 / 10 = 51 s later, so a copy
     * is surely under way for as long as a test needs it to be.
     */
    private static final String CRAWLING = "{\"parallel\":4,\"max_keys_per_sec\":10}";
    /**
     * Per move: a slot of ~625 keys copies in 2.6 s, so one caught copying completes and seals
     * while the dashboard is away; the two slots holding {@link #BIG_KEYS} more copy for ~28 s.
     */
    private static final String PACED = "{\"parallel\":4,\"max_keys_per_sec\":200}";
    private static final int BIG_KEYS = 10_000;
    private static final List<Integer> BIG_SLOTS = List.of(64, 65);

    /** The slot whose move the first test cancels while the target is away, and every key it held. */
    private static int abandoned = -1;
    private static final List<String> abandonedKeys = new ArrayList<>();
    private static final String UNTHROTTLED = "{\"parallel\":16,\"max_keys_per_sec\":0}";
    /** A move starts, its first batch is acknowledged and reported (every half second). */
    private static final Duration COPY_STARTS = Duration.ofSeconds(30);
    /** Failure detection, the split brain resolver's stable-after (7 s), then the 3 s retry delay. */
    private static final Duration FALLS_BACK = Duration.ofSeconds(60);
    /** As above, then the singleton's hand-over and recovery from the journal. */
    private static final Duration DASHBOARD_BACK = Duration.ofSeconds(60);
    /** 32 unthrottled moves, 16 at a time, each with its cutover. */
    private static final Duration COMPLETES = Duration.ofSeconds(90);

    @Test
    @Order(1)
    void aTargetKilledMidCopyLeavesTheSlotsWithTheirSourceAndTheMoveCompletesWhenItIsBack() throws Exception {
        // Group 1 = node 0 owns every slot and runs the dashboard (the oldest node); group 2 = node 1
        // takes slots 0..31. Node 2 is a bystander that clients also use.
        ClusterNode source = cluster.node(0);
        ClusterNode target = cluster.node(1);
        ClusterNode bystander = cluster.node(2);
        assertEquals(source.respAddress(), bystander.admin().dashboardNode(), "the dashboard runs on the oldest node");
        bystander.admin().createGroup(2);
        source.admin().addServer(2, target.respAddress());

        Map<String, String> expected = strings("t:", 0, 31, KEYS);
        assertEverySlotTakesMoreThanOneBatch(expected.keySet(), 0, 31);
        load(bystander, expected);
        TypedKeys typed = TypedKeys.in("t:", 0, 31);
        typed.write(bystander);

        AdminClient admin = bystander.admin();
        admin.actionSettingsOk(CRAWLING);
        List<RetryingWriter> writers = List.of(
                new RetryingWriter(source, SlotKeys.inSlots("t:w0:", 0, 31, 64), "t-w0"),
                new RetryingWriter(bystander, SlotKeys.inSlots("t:w2:", 0, 31, 64), "t-w2"));
        try {
            admin.migrateOk(0, 31, 2);
            Set<Integer> copying = awaitMidCopy(admin);

            cluster.kill9(1);
            long killed = System.nanoTime();
            log("target killed while slots " + copying + " were copying");

            // Right away, before the cluster noticed: the slots are the source's, and every key reads
            // right and takes writes through node 0 and node 2.
            assertSlots(source, 0, 31, 1);
            for (ClusterNode node : List.of(source, bystander)) {
                assertReads(node, expected);
                typed.assertOn(node);
            }
            overwrite(expected, List.of(source, bystander), "v2");
            log("target killed: every key read and written through the survivors " + since(killed) + " after the kill");

            // Node 1 is downed; the moves that were copying fall back to pending and start again
            // (preparing). None reaches migrating, let alone finishes, while the target is away.
            Eventually.await(FALLS_BACK, () -> {
                List<JsonNode> actions = admin.actions();
                assertEquals(32, actions.size(), "every action is still there: " + actions);
                assertTrue(actions.stream().noneMatch(a -> state(a).equals("migrating")),
                        "nothing moves while the target is away: " + actions);
                assertTrue(copying.stream().anyMatch(slot -> state(actionOf(actions, slot)).equals("preparing")),
                        "a move that was copying (slots " + copying + ") is tried again: " + actions);
            });
            log("target killed: a failed move was tried again " + since(killed) + " after the kill");

            // One move that was copying is called off while the target is away: its slot stays with
            // the source. The target keeps what it imported of it (see the next test).
            abandoned = copying.iterator().next();
            AdminClient.expectOk(admin.delete("/api/actions/" + abandoned), "cancel the move of slot " + abandoned);

            // A bit later, with node 1 out of the cluster: still the source's slots, still served.
            for (ClusterNode node : List.of(source, bystander)) {
                assertSlots(node, 0, 31, 1);
                assertReads(node, expected);
                typed.assertOn(node);
            }
            overwrite(expected, List.of(bystander, source), "v3");

            // The operator lifts the rate and the target comes back on its ports and data: the
            // migration completes.
            admin.actionSettingsOk(UNTHROTTLED);
            cluster.restart(1);
            long restarted = System.nanoTime();
            Eventually.await(COMPLETES, () -> assertEquals(List.of(), admin.actions(), "actions left"));
            log("target killed: migration complete " + since(restarted) + " after the target's restart");
            for (ClusterNode node : cluster.nodes()) {
                Eventually.await(Duration.ofSeconds(10), () -> {
                    int[] slots = node.admin().slots();
                    for (int slot = 0; slot <= 31; slot++) {
                        assertEquals(slot == abandoned ? 1 : 2, slots[slot], node + ": group of slot " + slot);
                    }
                });
            }
        } finally {
            closeAll(writers);
        }
        collect(writers, expected);

        // Everything, the writes made while node 1 was down included, reads right through every node.
        for (ClusterNode node : cluster.nodes()) {
            Eventually.await(Topologies.HANDOFF, () -> {
                assertReads(node, expected);
                typed.assertOn(node);
            });
        }
        expected.keySet().stream().filter(key -> SlotKeys.slotOf(key) == abandoned).forEach(abandonedKeys::add);
        typed.keys().stream().filter(key -> SlotKeys.slotOf(key) == abandoned).forEach(abandonedKeys::add);
    }

    @Test
    @Order(2)
    void aSlotAssignedEmptyToTheTargetOfAnAbandonedMoveHoldsNoLeftovers() throws Exception {
        assumeTrue(abandoned >= 0 && !abandonedKeys.isEmpty(), "the test above abandons a move");
        // Slot `abandoned` is group 1's (node 0); node 1 was killed while importing it, and the move
        // was cancelled. The slot is emptied, then given to group 2 (node 1) as an empty slot.
        try (Jedis jedis = cluster.node(2).jedis()) {
            for (String key : abandonedKeys) {
                jedis.del(key);
            }
        }
        Topologies.assignSlots(cluster, cluster.node(2), 2, abandoned, abandoned);

        // It is empty on its new master too: the keys deleted before do not come back from the
        // import that was abandoned on node 1.
        for (ClusterNode node : cluster.nodes()) {
            try (Jedis jedis = node.jedis()) {
                List<String> back = abandonedKeys.stream().filter(key -> jedis.get(key) != null).toList();
                assertEquals(List.of(), back.subList(0, Math.min(5, back.size())),
                        node + ": " + back.size() + " of the " + abandonedKeys.size() + " deleted keys of slot "
                                + abandoned + " are back");
            }
        }
    }

    @Test
    @Order(3)
    void aDashboardKilledMidMigrationIsResumedByTheNewSingleton() throws Exception {
        // The dashboard runs on node 0; slots 64..95 move from group 2 (node 1) to group 3 (node 2),
        // so killing node 0 takes neither end of the move.
        ClusterNode dashboard = cluster.node(0);
        ClusterNode source = cluster.node(1);
        ClusterNode target = cluster.node(2);
        List<ClusterNode> survivors = List.of(source, target);
        assertEquals(dashboard.respAddress(), target.admin().dashboardNode(), "the dashboard runs on the oldest node");
        if (!source.admin().groups().containsKey(2)) {
            source.admin().createGroup(2);
            source.admin().addServer(2, source.respAddress());
        }
        source.admin().createGroup(3);
        target.admin().addServer(3, target.respAddress());
        Topologies.assignSlots(cluster, target, 2, 64, 95);

        // The first two slots to move hold ~5,600 keys each, the rest ~625.
        Map<String, String> expected = strings("d:", 64, 95, KEYS);
        expected.putAll(strings("d:big:", BIG_SLOTS.get(0), BIG_SLOTS.get(1), BIG_KEYS));
        assertEverySlotTakesMoreThanOneBatch(expected.keySet(), 64, 95);
        load(target, expected);
        TypedKeys typed = TypedKeys.in("d:", 64, 95);
        typed.write(source);

        AdminClient admin = source.admin();
        admin.actionSettingsOk(PACED);
        List<RetryingWriter> writers = List.of(
                new RetryingWriter(source, SlotKeys.inSlots("d:w1:", 64, 95, 64), "d-w1"),
                new RetryingWriter(target, SlotKeys.inSlots("d:w2:", 64, 95, 64), "d-w2"));
        try {
            admin.migrateOk(64, 95, 3);
            Set<Integer> copying = awaitMidCopy(admin);

            // No cutover can happen from here until a new singleton runs: the small slots finish
            // their copy and wait sealed for a commit; the big ones go on copying.
            cluster.kill9(0);
            long killed = System.nanoTime();
            log("dashboard killed while slots " + copying + " were copying");

            // The slots serve reads on, through both survivors, while there is no dashboard.
            for (ClusterNode node : survivors) {
                assertReads(node, expected);
                typed.assertOn(node);
            }

            // The API answers again from a new singleton on a survivor, which recovered every action
            // (on a slow machine a small slot may have been moved before the kill; none is lost).
            for (ClusterNode node : survivors) {
                Eventually.await(DASHBOARD_BACK, () -> {
                    String now = node.admin().dashboardNode();
                    assertTrue(now.equals(source.respAddress()) || now.equals(target.respAddress()),
                            node + ": the dashboard runs on a survivor, not on " + now);
                    assertMovingOrMoved(node, 64, 95, 2, 3);
                });
            }
            List<JsonNode> recovered = admin.actions();
            assertTrue(BIG_SLOTS.stream().allMatch(slot -> recovered.stream().anyMatch(a -> a.path("slot").asInt() == slot)),
                    "the big slots " + BIG_SLOTS + " cannot have finished before the kill: " + recovered);
            log("dashboard killed: the API answers from the new singleton " + since(killed) + " after the kill");

            // It resumes the moves and completes them: the cutover of the big slots can only be the new one's.
            admin.actionSettingsOk(UNTHROTTLED);
            Eventually.await(COMPLETES, () -> assertEquals(List.of(), admin.actions(), "actions left"));
            log("dashboard killed: migration complete " + since(killed) + " after the kill");
            for (ClusterNode node : survivors) {
                Eventually.await(Duration.ofSeconds(10), () -> assertSlots(node, 64, 95, 3));
            }
        } finally {
            closeAll(writers);
        }
        collect(writers, expected);

        for (ClusterNode node : survivors) {
            Eventually.await(Topologies.HANDOFF, () -> {
                assertReads(node, expected);
                typed.assertOn(node);
            });
        }
    }

    /** A line in the test's output, timed like the nodes' logs so the two can be read side by side. */
    private static void log(String line) {
        System.out.println(LocalTime.now() + " MigrationFailuresTest: " + line);
    }

    private static String since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis() + " ms";
    }

    /** Waits until some action is mid-copy: migrating, with keys sent and keys of its snapshot left; returns their slots. */
    private static Set<Integer> awaitMidCopy(AdminClient admin) throws InterruptedException {
        Set<Integer> copying = new LinkedHashSet<>();
        Eventually.await(COPY_STARTS, () -> {
            copying.clear();
            List<JsonNode> actions = admin.actions();
            for (JsonNode action : actions) {
                long keysLeft = action.path("progress").path("keys_left").asLong(0);
                if (state(action).equals("migrating") && keysMoved(action) > 0 && keysLeft > 0) {
                    copying.add(action.get("slot").asInt());
                }
            }
            assertFalse(copying.isEmpty(), "no move is copying yet: " + actions);
        });
        return copying;
    }

    private static String state(JsonNode action) {
        return action.path("state").asText();
    }

    private static long keysMoved(JsonNode action) {
        return action.path("progress").path("keys_moved").asLong(0);
    }

    private static JsonNode actionOf(List<JsonNode> actions, int slot) {
        return actions.stream().filter(a -> a.path("slot").asInt() == slot).findFirst()
                .orElseThrow(() -> new AssertionError("no action for slot " + slot + ": " + actions));
    }

    /** Each slot of {@code from..to} is either still moving, in its source group, or moved to the target group. */
    private static void assertMovingOrMoved(ClusterNode node, int from, int to, int source, int target) {
        List<JsonNode> actions = node.admin().actions();
        Set<Integer> moving = actions.stream().map(a -> a.path("slot").asInt()).collect(Collectors.toSet());
        int[] slots = node.admin().slots();
        for (int slot = from; slot <= to; slot++) {
            int expected = moving.contains(slot) ? source : target;
            assertEquals(expected, slots[slot], node + ": group of slot " + slot + ", with actions " + actions);
        }
    }

    private static void assertSlots(ClusterNode node, int from, int to, int group) {
        int[] slots = node.admin().slots();
        IntStream.rangeClosed(from, to).forEach(slot -> assertEquals(group, slots[slot], node + ": group of slot " + slot));
    }

    /** A slot's copy takes two batches at least, so a throttled copy is caught between them. */
    private static void assertEverySlotTakesMoreThanOneBatch(Set<String> keys, int from, int to) {
        Map<Integer, Long> perSlot = keys.stream().collect(Collectors.groupingBy(SlotKeys::slotOf, Collectors.counting()));
        for (int slot = from; slot <= to; slot++) {
            assertTrue(perSlot.getOrDefault(slot, 0L) > BATCH_KEYS, "slot " + slot + " has " + perSlot.get(slot) + " keys");
        }
    }

    private static Map<String, String> strings(String prefix, int from, int to, int count) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : SlotKeys.inSlots(prefix, from, to, count)) {
            values.put(key, "v1-" + key);
        }
        return values;
    }

    /** Writes the values through one node, pipelined; every SET must be acknowledged. */
    private static void load(ClusterNode node, Map<String, String> values) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(values.entrySet());
        try (Jedis jedis = node.jedis()) {
            for (int start = 0; start < entries.size(); start += 1000) {
                List<Map.Entry<String, String>> chunk = entries.subList(start, Math.min(entries.size(), start + 1000));
                Pipeline pipeline = jedis.pipelined();
                List<Response<String>> replies = chunk.stream().map(e -> pipeline.set(e.getKey(), e.getValue())).toList();
                pipeline.sync();
                for (int i = 0; i < chunk.size(); i++) {
                    assertEquals("OK", replies.get(i).get(), node + " SET " + chunk.get(i).getKey());
                }
            }
        }
    }

    /** Every key reads its value through the node (pipelined GETs); the report names the first few that do not. */
    private static void assertReads(ClusterNode node, Map<String, String> expected) {
        List<String> keys = new ArrayList<>(expected.keySet());
        List<String> wrong = new ArrayList<>();
        int wrongCount = 0;
        try (Jedis jedis = node.jedis()) {
            for (int start = 0; start < keys.size(); start += 1000) {
                List<String> chunk = keys.subList(start, Math.min(keys.size(), start + 1000));
                Pipeline pipeline = jedis.pipelined();
                List<Response<String>> replies = chunk.stream().map(pipeline::get).toList();
                pipeline.sync();
                for (int i = 0; i < chunk.size(); i++) {
                    String key = chunk.get(i);
                    String actual = replies.get(i).get();
                    if (!expected.get(key).equals(actual)) {
                        if (wrong.size() < 5) {
                            wrong.add(key + " (slot " + SlotKeys.slotOf(key) + ") = " + actual + ", not " + expected.get(key));
                        }
                        wrongCount++;
                    }
                }
            }
        }
        if (wrongCount > 0) {
            fail(node + ": " + wrongCount + " of " + keys.size() + " keys read wrong, e.g. " + wrong);
        }
    }

    /** Writes a new value to every tenth key, each through the next node in turn, and reads it back through another. */
    private static void overwrite(Map<String, String> expected, List<ClusterNode> nodes, String version) {
        Map<ClusterNode, Map<String, String>> byNode = new HashMap<>();
        int i = 0;
        for (String key : expected.keySet()) {
            if (i % 10 == 0) {
                ClusterNode writer = nodes.get((i / 10) % nodes.size());
                byNode.computeIfAbsent(writer, n -> new LinkedHashMap<>()).put(key, version + "-" + key);
            }
            i++;
        }
        byNode.forEach(MigrationFailuresTest::load);
        byNode.values().forEach(expected::putAll);
        for (ClusterNode node : nodes) {
            assertReads(node, expected);
        }
    }

    private static void closeAll(List<RetryingWriter> writers) throws InterruptedException {
        for (RetryingWriter writer : writers) {
            writer.close();
        }
    }

    /** The writers' keys join the expected data with their last acknowledged values; none gave up on a write. */
    private static void collect(List<RetryingWriter> writers, Map<String, String> expected) {
        for (RetryingWriter writer : writers) {
            log(writer.toString());
            assertEquals(List.of(), writer.problems(), writer.toString());
            assertFalse(writer.acknowledged().isEmpty(), writer + " wrote nothing");
            expected.putAll(writer.acknowledged());
        }
    }

    /**
     * One key of each other type in the moving slots, with its TTL for the string: the hash has more
     * fields than a chunk (1024 elements), so it crosses in several chunks.
     */
    private record TypedKeys(String hash, String list, String set, String zset, String expiring) {
        private static final int HASH_FIELDS = 3000;
        private static final int ELEMENTS = 200;
        private static final long TTL_SECONDS = 3600;

        static TypedKeys in(String prefix, int from, int to) {
            return new TypedKeys(SlotKeys.inSlots(prefix + "hash:", from, to, 1).get(0),
                    SlotKeys.inSlots(prefix + "list:", from, to, 1).get(0),
                    SlotKeys.inSlots(prefix + "set:", from, to, 1).get(0),
                    SlotKeys.inSlots(prefix + "zset:", from, to, 1).get(0),
                    SlotKeys.inSlots(prefix + "expiring:", from, to, 1).get(0));
        }

        void write(ClusterNode node) {
            try (Jedis jedis = node.jedis()) {
                assertEquals(HASH_FIELDS, jedis.hset(hash, hashFields()));
                assertEquals(ELEMENTS, jedis.rpush(list, elements("l").toArray(new String[0])));
                assertEquals(ELEMENTS, jedis.sadd(set, elements("s").toArray(new String[0])));
                Map<String, Double> scores = new HashMap<>();
                IntStream.range(0, ELEMENTS).forEach(i -> scores.put("z" + i, (double) i));
                assertEquals(ELEMENTS, jedis.zadd(zset, scores));
                assertEquals("OK", jedis.set(expiring, "expires in an hour", SetParams.setParams().ex(TTL_SECONDS)));
            }
        }

        List<String> keys() {
            return List.of(hash, list, set, zset, expiring);
        }

        void assertOn(ClusterNode node) {
            try (Jedis jedis = node.jedis()) {
                assertEquals(hashFields(), jedis.hgetAll(hash), node + " HGETALL " + hash);
                assertEquals(elements("l"), jedis.lrange(list, 0, -1), node + " LRANGE " + list);
                assertEquals(Set.copyOf(elements("s")), jedis.smembers(set), node + " SMEMBERS " + set);
                List<Tuple> members = jedis.zrangeWithScores(zset, 0, -1);
                assertEquals(ELEMENTS, members.size(), node + " ZCARD " + zset);
                for (int i = 0; i < ELEMENTS; i++) {
                    assertEquals("z" + i, members.get(i).getElement(), node + " ZRANGE " + zset);
                    assertEquals(i, members.get(i).getScore(), node + " ZRANGE " + zset);
                }
                assertEquals("expires in an hour", jedis.get(expiring), node + " GET " + expiring);
                long ttl = jedis.ttl(expiring);
                assertTrue(ttl > TTL_SECONDS - 600 && ttl <= TTL_SECONDS, node + " TTL " + expiring + " = " + ttl);
            }
        }

        private static Map<String, String> hashFields() {
            Map<String, String> fields = new HashMap<>();
            IntStream.range(0, HASH_FIELDS).forEach(i -> fields.put("f" + i, "value of field " + i));
            return fields;
        }

        private static List<String> elements(String prefix) {
            return IntStream.range(0, ELEMENTS).mapToObj(i -> prefix + i).toList();
        }
    }
}
