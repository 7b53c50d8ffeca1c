package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/** Pipelining keeps request order, values are binary safe, and many clients work at once. */
class PipelineAndConcurrencyTest extends NodeTest {
    @Test
    void tenThousandPipelinedCommandsAnswerInOrder() {
        Pipeline pipeline = jedis.pipelined();
        List<Response<String>> sets = new ArrayList<>();
        List<Response<Long>> incrs = new ArrayList<>();
        List<Response<String>> gets = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            // Keys spread over many slots, each followed by commands on it, so order matters.
            sets.add(pipeline.set("p:" + i, "v" + i));
            incrs.add(pipeline.incr("c:" + (i % 37)));
            gets.add(pipeline.get("p:" + i));
        }
        pipeline.sync();
        long[] counters = new long[37];
        for (int i = 0; i < 10_000; i++) {
            assertEquals("OK", sets.get(i).get());
            assertEquals(++counters[i % 37], incrs.get(i).get(), "INCR reply " + i + " out of order");
            assertEquals("v" + i, gets.get(i).get());
        }
    }

    @Test
    void everyByteValueRoundTripsInKeysAndValues() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        jedis.set(all, all);
        assertArrayEquals(all, jedis.get(all));
        for (int i = 0; i < 256; i++) {
            byte[] key = {(byte) i, 'k', (byte) (255 - i)};
            byte[] value = {(byte) i, '\r', '\n', 0, (byte) i};
            jedis.set(key, value);
        }
        for (int i = 0; i < 256; i++) {
            byte[] key = {(byte) i, 'k', (byte) (255 - i)};
            assertArrayEquals(new byte[] {(byte) i, '\r', '\n', 0, (byte) i}, jedis.get(key));
        }
        assertEquals(257, jedis.dbSize());
    }

    @Test
    void sixteenMegabyteValue() {
        byte[] big = new byte[16 * 1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + (i >>> 11));
        }
        assertEquals("OK", jedis.set("big".getBytes(), big));
        assertArrayEquals(big, jedis.get("big".getBytes()));
        assertEquals(big.length, jedis.strlen("big"));
        assertEquals(big.length + 3, jedis.append("big".getBytes(), "end".getBytes()));
    }

    @Test
    void fiftyConcurrentClients() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<Integer>> results = new ArrayList<>();
        for (int c = 0; c < 50; c++) {
            int client = c;
            results.add(pool.submit(() -> {
                int ok = 0;
                try (Jedis connection = node.client()) {
                    for (int i = 0; i < 200; i++) {
                        connection.set("client" + client + ":" + i, Integer.toString(i));
                        connection.incr("shared-counter");
                        if (connection.get("client" + client + ":" + i).equals(Integer.toString(i))) {
                            ok++;
                        }
                    }
                }
                return ok;
            }));
        }
        for (Future<Integer> result : results) {
            assertEquals(200, result.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals("10000", jedis.get("shared-counter"), "INCR lost updates under concurrency");
        assertEquals(10_001, jedis.dbSize());
        assertTrue(jedis.info("stats").contains("total_connections_received:"));
    }
}
