package io.pikko.multijvm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Clients that write and read continuously through every node and remember what the cluster
 * acknowledged, so a test can tell afterwards whether any acknowledged write was lost, and whether
 * any read returned a value older than a write acknowledged before the read began.
 *
 * <p>Each writer owns its keys and writes {@code writer:key:seq} with a growing {@code seq}. A write
 * that failed may or may not have landed, so a key's final value must lie between its last
 * acknowledged and its last attempted sequence number.
 */
final class AcknowledgedWorkload implements AutoCloseable {
    static final int KEYS_PER_WRITER = 500;

    private final List<ClusterNode> nodes;
    private final String prefix;
    private final AtomicLongArray acked;
    private final AtomicLongArray attempted;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    /** Acknowledged writes per writer, and successful reads per reader (the reader of writer i's keys is i). */
    private final AtomicLongArray writes;
    private final AtomicLongArray reads;
    private final RequestFailures writeFailures = new RequestFailures();
    private final RequestFailures readFailures = new RequestFailures();
    private final AtomicLong longestNanos = new AtomicLong();
    private final List<String> violations = new ArrayList<>();

    AcknowledgedWorkload(List<ClusterNode> nodes, String prefix) {
        this.nodes = nodes;
        this.prefix = prefix;
        this.acked = new AtomicLongArray(nodes.size() * KEYS_PER_WRITER);
        this.attempted = new AtomicLongArray(nodes.size() * KEYS_PER_WRITER);
        this.writes = new AtomicLongArray(nodes.size());
        this.reads = new AtomicLongArray(nodes.size());
    }

    /** One writer and one reader per node. */
    AcknowledgedWorkload start() {
        for (int w = 0; w < nodes.size(); w++) {
            int writer = w;
            threads.add(new Thread(() -> write(writer), "writer-" + w));
            threads.add(new Thread(() -> read(writer), "reader-" + w));
        }
        threads.forEach(Thread::start);
        return this;
    }

    String key(int writer, int k) {
        return prefix + writer + ":" + k;
    }

    private void write(int writer) {
        ClusterNode node = nodes.get(writer);
        long seq = 0;
        Jedis jedis = node.jedis();
        while (running.get()) {
            int k = ThreadLocalRandom.current().nextInt(KEYS_PER_WRITER);
            int index = writer * KEYS_PER_WRITER + k;
            seq++;
            attempted.set(index, seq);
            long start = System.nanoTime();
            try {
                jedis.set(key(writer, k), writer + ":" + k + ":" + seq);
                acked.set(index, seq);
                writes.incrementAndGet(writer);
            } catch (JedisException e) {
                writeFailures.record(e);
                jedis.close();
                jedis = node.jedis();
            } finally {
                longestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
            }
        }
        jedis.close();
    }

    /** Reads the keys of writer {@code of} through a node other than the writer's. */
    private void read(int of) {
        ClusterNode node = nodes.get((of + 1) % nodes.size());
        Jedis jedis = node.jedis();
        while (running.get()) {
            int k = ThreadLocalRandom.current().nextInt(KEYS_PER_WRITER);
            int index = of * KEYS_PER_WRITER + k;
            long floor = acked.get(index);
            long start = System.nanoTime();
            try {
                String value = jedis.get(key(of, k));
                reads.incrementAndGet(of);
                long seen = value == null ? 0 : sequence(value);
                if (seen < floor) {
                    synchronized (violations) {
                        violations.add("read " + key(of, k) + " = " + value + " after seq " + floor + " was acknowledged");
                    }
                }
            } catch (JedisException e) {
                readFailures.record(e);
                jedis.close();
                jedis = node.jedis();
            } finally {
                longestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
            }
        }
        jedis.close();
    }

    private static long sequence(String value) {
        return Long.parseLong(value.substring(value.lastIndexOf(':') + 1));
    }

    /** Every key's value now, read through {@code node}, checked against what was acknowledged and attempted. */
    List<String> lostOrWrong(ClusterNode node) {
        List<String> problems = new ArrayList<>();
        try (Jedis jedis = node.jedis()) {
            for (int writer = 0; writer < nodes.size(); writer++) {
                for (int k = 0; k < KEYS_PER_WRITER; k++) {
                    int index = writer * KEYS_PER_WRITER + k;
                    String value = jedis.get(key(writer, k));
                    long seen = value == null ? 0 : sequence(value);
                    if (seen < acked.get(index) || seen > attempted.get(index)) {
                        problems.add(key(writer, k) + " = " + value + ", acknowledged " + acked.get(index)
                                + ", attempted " + attempted.get(index));
                    }
                }
            }
        }
        return problems;
    }

    List<String> staleReads() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /** Acknowledged writes so far, per writer. */
    long[] writes() {
        return snapshot(writes);
    }

    /** Successful reads so far, per reader. */
    long[] reads() {
        return snapshot(reads);
    }

    private static long[] snapshot(AtomicLongArray counts) {
        long[] out = new long[counts.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.get(i);
        }
        return out;
    }

    RequestFailures writeFailures() {
        return writeFailures;
    }

    RequestFailures readFailures() {
        return readFailures;
    }

    long longestMillis() {
        return longestNanos.get() / 1_000_000;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
    }
}
