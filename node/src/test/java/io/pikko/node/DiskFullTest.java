package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pikko.testing.Eventually;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A node whose data directory fills up: writes get the disk-full error, reads and the node go on,
 * and writes work again by themselves once space is freed, with nothing lost or half-written.
 * The data directory is a small tmpfs the test mounts, which needs root (as in CI).
 */
class DiskFullTest {
    private static final String DISK_FULL = "ERR disk full: writes are refused until the data directory has free space";
    private static final int VALUE_BYTES = 256 * 1024;
    /** Room left for the node's writes after the filler: less than a 64 MB memtable, many 1 MB ones. */
    private static final long ROOM = 10L * 1024 * 1024;

    @TempDir
    Path temp;
    private Path mount;
    private boolean mounted;

    @AfterEach
    void unmount() throws IOException, InterruptedException {
        if (mounted) {
            run("umount", mount.toString());
        }
    }

    /**
     * With a memtable bigger than the room left, the write-ahead log is what runs out of space;
     * with a small one, mostly a memtable flush does. RocksDB recovers from each differently, and
     * only once the free space is at least a memtable (its reserve), hence the filesystem sizes.
     */
    @ParameterizedTest(name = "write buffer {0} on {1}")
    @CsvSource({"64m, 160m", "1m, 32m"})
    void writesFailClearlyWhileTheDiskIsFullAndResumeOnceSpaceIsFreed(String writeBuffer, String size)
            throws IOException, InterruptedException {
        mount = Files.createDirectory(temp.resolve("small"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString()) == 0;
        assumeTrue(mounted, "skipped: cannot mount a tmpfs at " + mount + " (needs root, as in CI)");
        Path data = mount.resolve("data");
        Path filler = mount.resolve("filler");
        List<Integer> acknowledged = new ArrayList<>();
        int refused;
        try (TestNode node = TestNode.start(data, Map.of("pikko.storage.write-buffer", writeBuffer))) {
            long usable = Files.getFileStore(mount).getUsableSpace();
            Files.write(filler, new byte[(int) Math.max(0, usable - ROOM)]);
            try (Jedis jedis = node.client()) {
                refused = fillUntilRefused(jedis, acknowledged);

                assertEquals("PONG", jedis.ping());
                assertEquals(acknowledged.size(), jedis.dbSize());
                for (int i : acknowledged) {
                    assertArrayEquals(value(i), jedis.get(key(i)), "read of key " + i + " while the disk is full");
                }
                assertNull(jedis.get(key(refused)), "the refused write left a value");

                Files.delete(filler);
                Eventually.await(Duration.ofSeconds(60), () -> assertTrue(tryWrite(jedis, refused), "writes still refused after the filler was deleted"));
                acknowledged.add(refused);
                jedis.set(key(refused + 1), value(refused + 1));
                acknowledged.add(refused + 1);
            }
            node.restart();
            try (Jedis jedis = node.client()) {
                assertEquals(acknowledged.size(), jedis.dbSize());
                for (int i : acknowledged) {
                    assertArrayEquals(value(i), jedis.get(key(i)), "key " + i + " after the restart");
                }
            }
        }
    }

    /** Writes distinct values until the node refuses one with the disk-full error; returns its index. */
    private static int fillUntilRefused(Jedis jedis, List<Integer> acknowledged) {
        int limit = (int) (4 * ROOM / VALUE_BYTES);
        for (int i = 0; i < limit; i++) {
            try {
                jedis.set(key(i), value(i));
                acknowledged.add(i);
            } catch (JedisDataException e) {
                assertEquals(DISK_FULL, e.getMessage());
                assertNotNull(jedis.get(key(0)));
                return i;
            }
        }
        throw new AssertionError("the node accepted " + limit + " values of " + VALUE_BYTES + " bytes; the disk never filled");
    }

    private static boolean tryWrite(Jedis jedis, int i) {
        try {
            return "OK".equals(jedis.set(key(i), value(i)));
        } catch (JedisDataException e) {
            assertEquals(DISK_FULL, e.getMessage());
            return false;
        }
    }

    private static byte[] key(int i) {
        return ("value:" + i).getBytes(StandardCharsets.UTF_8);
    }

    /** Random bytes, so RocksDB cannot compress them into less space than they take in the log. */
    private static byte[] value(int i) {
        byte[] bytes = new byte[VALUE_BYTES];
        new Random(i).nextBytes(bytes);
        return bytes;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
