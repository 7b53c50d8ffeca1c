package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A million members cost disk, not RAM: each type is filled to 1,000,000 members, read in ranges,
 * deleted at once, and re-created without a trace of the old members.
 */
class MillionMemberCollectionsTest extends NodeTest {
    private static final int MEMBERS = 1_000_000;
    private static final int PER_COMMAND = 1_000;
    /** Commands sent before their replies are read. */
    private static final int IN_FLIGHT = 4;

    @Override
    protected Map<String, Object> nodeSettings() {
        return Map.of("pikko.storage.write-buffer", "64m");
    }

    /**
     * Sends {@code MEMBERS / PER_COMMAND} commands, each adding PER_COMMAND members, pipelined a few
     * at a time, and fails on any error reply: a command that timed out in the slot's queue must not
     * pass for one that ran.
     */
    private void fill(java.util.function.BiConsumer<Pipeline, Integer> addBatchStartingAt) {
        Pipeline pipeline = jedis.pipelined();
        for (int start = 0; start < MEMBERS; start += PER_COMMAND) {
            addBatchStartingAt.accept(pipeline, start);
            // Keep the slot's queue short: every command of a key waits its turn on one slot, and a
            // long queue would outlast the request timeout on a slow machine.
            if ((start / PER_COMMAND) % IN_FLIGHT == IN_FLIGHT - 1) {
                assertNoErrors(pipeline.syncAndReturnAll());
            }
        }
        assertNoErrors(pipeline.syncAndReturnAll());
    }

    private static void assertNoErrors(List<Object> replies) {
        for (Object reply : replies) {
            assertFalse(reply instanceof Exception, () -> "a fill command failed: " + reply);
        }
    }

    private static String member(int i) {
        return String.format("m%07d", i);
    }

    @Test
    void hash() {
        fill((p, start) -> {
            Map<String, String> fields = new HashMap<>();
            for (int i = start; i < start + PER_COMMAND; i++) {
                fields.put(member(i), "v" + i);
            }
            p.hset("big:hash", fields);
        });
        assertEquals(MEMBERS, jedis.hlen("big:hash"));
        assertEquals("v765432", jedis.hget("big:hash", member(765_432)));
        ScanResult<Map.Entry<String, String>> page = jedis.hscan("big:hash", ScanParams.SCAN_POINTER_START, new ScanParams().count(500));
        assertTrue(page.getResult().size() >= 500);

        deleteAtOnce("big:hash");
        jedis.hset("big:hash", Map.of("fresh", "1"));
        assertEquals(Map.of("fresh", "1"), jedis.hgetAll("big:hash"));
        assertNull(jedis.hget("big:hash", member(765_432)));
        jedis.del("big:hash");
    }

    @Test
    void list() {
        fill((p, start) -> {
            String[] elements = new String[PER_COMMAND];
            for (int i = 0; i < PER_COMMAND; i++) {
                elements[i] = member(start + i);
            }
            p.rpush("big:list", elements);
        });
        assertEquals(MEMBERS, jedis.llen("big:list"));
        assertEquals(List.of(member(0), member(1), member(2)), jedis.lrange("big:list", 0, 2));
        assertEquals(List.of(member(500_000), member(500_001)), jedis.lrange("big:list", 500_000, 500_001));
        assertEquals(List.of(member(MEMBERS - 2), member(MEMBERS - 1)), jedis.lrange("big:list", -2, -1));
        assertEquals(member(999_999), jedis.lindex("big:list", -1));

        deleteAtOnce("big:list");
        jedis.rpush("big:list", "fresh");
        assertEquals(List.of("fresh"), jedis.lrange("big:list", 0, -1));
        jedis.del("big:list");
    }

    @Test
    void set() {
        fill((p, start) -> {
            String[] members = new String[PER_COMMAND];
            for (int i = 0; i < PER_COMMAND; i++) {
                members[i] = member(start + i);
            }
            p.sadd("big:set", members);
        });
        assertEquals(MEMBERS, jedis.scard("big:set"));
        assertTrue(jedis.sismember("big:set", member(123_456)));

        deleteAtOnce("big:set");
        jedis.sadd("big:set", "fresh");
        assertEquals(java.util.Set.of("fresh"), jedis.smembers("big:set"));
        jedis.del("big:set");
    }

    @Test
    void sortedSet() {
        fill((p, start) -> {
            Map<String, Double> scores = new HashMap<>();
            for (int i = start; i < start + PER_COMMAND; i++) {
                scores.put(member(i), (double) i);
            }
            p.zadd("big:zset", scores);
        });
        assertEquals(MEMBERS, jedis.zcard("big:zset"));
        assertEquals(List.of(member(0), member(1)), jedis.zrange("big:zset", 0, 1));
        assertEquals(List.of(member(900_000), member(900_001), member(900_002)),
                jedis.zrangeByScore("big:zset", 900_000, 900_002));
        assertEquals(250_000L, jedis.zcount("big:zset", 0, 249_999));

        deleteAtOnce("big:zset");
        jedis.zadd("big:zset", 1, "fresh");
        assertEquals(List.of("fresh"), jedis.zrange("big:zset", 0, -1));
        assertNull(jedis.zscore("big:zset", member(900_000)));
        jedis.del("big:zset");
    }

    /**
     * DEL drops only the metadata record (the storage tests show the member records are left to
     * the sweeper); the time it took is printed for the record, not asserted.
     */
    private void deleteAtOnce(String key) {
        long started = System.nanoTime();
        assertEquals(1, jedis.del(key));
        System.out.printf("DEL of %,d members of %s: %.1f ms%n", MEMBERS, key, (System.nanoTime() - started) / 1e6);
        assertEquals(false, jedis.exists(key));
    }
}
