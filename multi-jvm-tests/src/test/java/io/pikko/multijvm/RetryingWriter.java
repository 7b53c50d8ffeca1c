package io.pikko.multijvm;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A client that keeps writing its keys through one node, in a round, while the cluster fails
 * around it, as an application with a retrying client does: a write that fails (an error reply, a
 * timeout, a broken connection) is sent again, same key and same value, until it is acknowledged.
 * A failed try may or may not have landed, but the retry of the same value makes each key's final
 * value the last acknowledged one, which {@link #acknowledged()} holds.
 */
final class RetryingWriter implements AutoCloseable {
    /** A write not acknowledged within this is a failure of the cluster, not a moment of failover. */
    private static final Duration GIVE_UP = Duration.ofSeconds(90);
    private static final long PAUSE_MILLIS = 5;
    private static final long RETRY_MILLIS = 50;
    private static final int MAX_FAILURES_KEPT = 10;

    private final ClusterNode node;
    private final List<String> keys;
    private final String tag;
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong failedTries = new AtomicLong();
    private final AtomicLong longestNanos = new AtomicLong();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    /** The first failed tries, with when they happened, for the report. */
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;

    /** Starts writing {@code keys} through {@code node}, values {@code tag:seq}. */
    RetryingWriter(ClusterNode node, List<String> keys, String tag) {
        this.node = node;
        this.keys = List.copyOf(keys);
        this.tag = tag;
        this.thread = new Thread(this::run, "writer-" + tag);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Jedis jedis = null;
        try {
            for (long seq = 1; running.get(); seq++) {
                String key = keys.get((int) ((seq - 1) % keys.size()));
                String value = tag + ":" + seq;
                long start = System.nanoTime();
                String lastError = "";
                while (true) {
                    try {
                        if (jedis == null) {
                            jedis = node.jedis();
                        }
                        String reply = jedis.set(key, value);
                        if ("OK".equals(reply)) {
                            break;
                        }
                        lastError = "reply " + reply;
                    } catch (JedisDataException e) {
                        lastError = e.getMessage();
                    } catch (JedisConnectionException e) {
                        lastError = e.getMessage();
                        jedis.close();
                        jedis = null;
                    }
                    if (failedTries.incrementAndGet() <= MAX_FAILURES_KEPT) {
                        failures.add(LocalTime.now() + " " + key + ": " + lastError);
                    }
                    if (System.nanoTime() - start > GIVE_UP.toNanos()) {
                        problems.add(node + " SET " + key + " " + value + " not acknowledged within " + GIVE_UP
                                + "; last error: " + lastError);
                        return;
                    }
                    Thread.sleep(RETRY_MILLIS);
                }
                acknowledged.put(key, value);
                writes.incrementAndGet();
                longestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                Thread.sleep(PAUSE_MILLIS);
            }
        } catch (InterruptedException e) {
            problems.add("writer " + tag + " interrupted");
        } catch (RuntimeException e) {
            problems.add("writer " + tag + " failed: " + e);
        } finally {
            if (jedis != null) {
                jedis.close();
            }
        }
    }

    /** Stops once the write in progress is acknowledged (or given up on), and waits for that. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(GIVE_UP.plusSeconds(20).toMillis());
        if (thread.isAlive()) {
            problems.add("writer " + tag + " did not stop");
        }
    }

    /** Each key written so far with its last acknowledged value. */
    Map<String, String> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    /** Writes that were given up on, or what went wrong with the writer itself. */
    List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    private List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    @Override
    public String toString() {
        return "writer " + tag + " through " + node + ": " + writes.get() + " writes acknowledged, "
                + failedTries.get() + " tries failed, longest wait for an acknowledgement "
                + Duration.ofNanos(longestNanos.get()).toMillis() + " ms"
                + (failures.isEmpty() ? "" : "; first failed tries: " + failures());
    }
}
