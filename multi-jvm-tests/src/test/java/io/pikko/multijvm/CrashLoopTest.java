package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A crash loop loses nothing: a node with fsync always is killed with kill -9 twenty times under
 * acknowledged-write load and restarted each time on the same data. Each restart opens the store
 * and serves every acknowledged write; the restart times are printed.
 */
class CrashLoopTest {
    private static final int KILLS = 20;
    private static final int WRITERS = 4;
    private static final int KEYS_PER_WRITER = 25;
    /** Writes acknowledged between two kills: load, not an idle node, is what each kill interrupts. */
    private static final long WRITES_PER_ROUND = 200;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void everyAcknowledgedWriteSurvivesTwentyKills() throws Exception {
        try (StandaloneNode node = new StandaloneNode(NodeDistribution.built(), Files.createDirectories(temp),
                Map.of("pikko.storage.fsync", "always"))) {
            node.start(READY_TIMEOUT);
            List<Long> restartMillis = new ArrayList<>();
            try (Writers writers = new Writers(node)) {
                for (int kill = 1; kill <= KILLS; kill++) {
                    writers.awaitAcknowledged(writers.acknowledged() + WRITES_PER_ROUND, ROUND_TIMEOUT, node);
                    node.kill9();
                    long killed = System.nanoTime();
                    node.start(READY_TIMEOUT);
                    restartMillis.add((System.nanoTime() - killed) / 1_000_000);
                    List<String> lost = writers.lost();
                    assertEquals(List.of(), lost, "after kill " + kill + ", acknowledged writes are missing");
                }
                writers.awaitAcknowledged(writers.acknowledged() + WRITES_PER_ROUND, ROUND_TIMEOUT, node);
                writers.stop();
                assertEquals(List.of(), writers.violations(), "replies that show a lost write");
                assertEquals(List.of(), writers.finalCheck(), "after the last kill and the writers' last write");
                System.out.printf("crash loop: %d kills, %d acknowledged writes, %d failed tries%n",
                        KILLS, writers.acknowledged(), writers.failures());
            }
            List<Long> sorted = new ArrayList<>(restartMillis);
            Collections.sort(sorted);
            System.out.printf("crash loop: restart after kill -9 (to ready) min %d ms, median %d ms, max %d ms%n",
                    sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
            assertEquals(KILLS, restartMillis.size());
        }
    }

    /**
     * Writers through the node, each with its own keys: counters it INCRs (a reply at or below the
     * last acknowledged one would mean an increment was lost) and strings it SETs to a growing
     * sequence number, a failed SET sent again with the same value until acknowledged, so each
     * string's final value is exactly its last acknowledged one.
     */
    private static final class Writers implements AutoCloseable {
        private final StandaloneNode node;
        private final AtomicLongArray countersAcked = new AtomicLongArray(WRITERS * KEYS_PER_WRITER);
        private final AtomicLongArray countersTried = new AtomicLongArray(WRITERS * KEYS_PER_WRITER);
        private final AtomicLongArray stringsAcked = new AtomicLongArray(WRITERS * KEYS_PER_WRITER);
        private final AtomicLong acknowledged = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
        private final List<Thread> threads = new ArrayList<>();

        Writers(StandaloneNode node) {
            this.node = node;
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread thread = new Thread(() -> write(writer), "crash-loop-writer-" + w);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        static String counter(int index) {
            return "counter:" + index;
        }

        static String string(int index) {
            return "string:" + index;
        }

        private void write(int writer) {
            Jedis jedis = null;
            long round = 0;
            while (running.get()) {
                round++;
                int index = writer * KEYS_PER_WRITER + (int) (round % KEYS_PER_WRITER);
                try {
                    if (jedis == null) {
                        jedis = node.jedis();
                    }
                    countersTried.incrementAndGet(index);
                    long value = jedis.incr(counter(index));
                    if (value <= countersAcked.get(index)) {
                        violations.add("INCR " + counter(index) + " = " + value + " after " + countersAcked.get(index)
                                + " was acknowledged");
                    }
                    countersAcked.set(index, value);
                    acknowledged.incrementAndGet();
                    jedis = setUntilAcknowledged(jedis, index, stringsAcked.get(index) + 1);
                } catch (JedisException e) {
                    failures.incrementAndGet();
                    jedis = reconnect(jedis);
                }
            }
            if (jedis != null) {
                jedis.close();
            }
        }

        /**
         * Runs on after the writers are told to stop, as a SET that failed may have landed: only
         * its acknowledgement makes the string's value known.
         */
        private Jedis setUntilAcknowledged(Jedis jedis, int index, long seq) {
            long deadline = System.nanoTime() + ROUND_TIMEOUT.toNanos();
            Jedis current = jedis;
            while (System.nanoTime() < deadline) {
                try {
                    if (current == null) {
                        current = node.jedis();
                    }
                    current.set(string(index), String.valueOf(seq));
                    stringsAcked.set(index, seq);
                    acknowledged.incrementAndGet();
                    return current;
                } catch (JedisException e) {
                    failures.incrementAndGet();
                    current = reconnect(current);
                }
            }
            violations.add("SET " + string(index) + " " + seq + " not acknowledged within " + ROUND_TIMEOUT);
            return current;
        }

        /** Drops a broken connection; the pause keeps a writer from spinning while the node is down. */
        private Jedis reconnect(Jedis broken) {
            if (broken != null) {
                broken.close();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("writer interrupted", e);
            }
            return null;
        }

        long acknowledged() {
            return acknowledged.get();
        }

        long failures() {
            return failures.get();
        }

        void awaitAcknowledged(long target, Duration timeout, StandaloneNode node) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (acknowledged.get() < target) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("only " + acknowledged.get() + " of " + target + " writes acknowledged within "
                            + timeout + "; the node's log:\n" + node.logTail());
                }
                Thread.sleep(10);
            }
        }

        /**
         * Keys whose value, read now, is below what was acknowledged before the read; the writers
         * keep writing meanwhile, so only the floor is checked.
         */
        List<String> lost() {
            List<String> lost = new ArrayList<>();
            try (Jedis jedis = node.jedis()) {
                for (int index = 0; index < WRITERS * KEYS_PER_WRITER; index++) {
                    long counterFloor = countersAcked.get(index);
                    long stringFloor = stringsAcked.get(index);
                    long counter = number(jedis.get(counter(index)));
                    long string = number(jedis.get(string(index)));
                    if (counter < counterFloor) {
                        lost.add(counter(index) + " = " + counter + ", acknowledged " + counterFloor);
                    }
                    if (string < stringFloor) {
                        lost.add(string(index) + " = " + string + ", acknowledged " + stringFloor);
                    }
                }
            }
            return lost;
        }

        /** With the writers stopped: each counter between its last acknowledged value and its tries, each string exact. */
        List<String> finalCheck() {
            List<String> wrong = new ArrayList<>();
            try (Jedis jedis = node.jedis()) {
                for (int index = 0; index < WRITERS * KEYS_PER_WRITER; index++) {
                    long counter = number(jedis.get(counter(index)));
                    if (counter < countersAcked.get(index) || counter > countersTried.get(index)) {
                        wrong.add(counter(index) + " = " + counter + ", acknowledged " + countersAcked.get(index)
                                + ", tried " + countersTried.get(index));
                    }
                    String string = jedis.get(string(index));
                    if (!String.valueOf(stringsAcked.get(index)).equals(string)) {
                        wrong.add(string(index) + " = " + string + ", acknowledged " + stringsAcked.get(index));
                    }
                }
            }
            return wrong;
        }

        private static long number(String value) {
            return value == null ? 0 : Long.parseLong(value);
        }

        List<String> violations() {
            synchronized (violations) {
                return List.copyOf(violations);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(30_000);
                assertTrue(!thread.isAlive(), thread.getName() + " still running");
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
