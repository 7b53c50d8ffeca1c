package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * CONFIG SET appendfsync changes what a running node asks of the disk, counted in the fsync and
 * fdatasync calls its process makes (strace): under always every acknowledged write has synced
 * before its reply, under no the writes make next to none.
 */
class AppendfsyncTest {
    private static final int WRITES = 300;
    /** Syncs the node may make under no for its own reasons (the dashboard's journal, RocksDB's manifest). */
    private static final int BACKGROUND_SYNCS = WRITES / 10;

    @TempDir
    Path temp;

    @Test
    void configSetAppendfsyncSwitchesTheSyncsLive() throws Exception {
        assumeTrue(SyncTrace.available(), "strace is not installed or may not trace here (scripts/test-deps.sh installs it)");
        SyncTrace trace = new SyncTrace(temp.resolve("syncs.trace"));
        try (NodeProcess node = NodeProcess.start(temp.resolve("data"), Map.of("pikko.storage.fsync", "no"), trace.launcher());
             Jedis jedis = node.client()) {
            long underNo = syncsOf(trace, jedis, "no-");
            assertTrue(underNo <= BACKGROUND_SYNCS, underNo + " syncs for " + WRITES + " writes under appendfsync no");

            assertEquals("OK", jedis.configSet("appendfsync", "always"));
            long before = trace.syncs();
            for (int i = 0; i < WRITES; i++) {
                assertEquals("OK", jedis.set("always-" + i, "v"));
                long synced = trace.syncs() - before;
                int acknowledged = i + 1;
                assertTrue(synced >= acknowledged, synced + " syncs for " + acknowledged + " acknowledged writes under always");
            }

            assertEquals("OK", jedis.configSet("appendfsync", "no"));
            long underNoAgain = syncsOf(trace, jedis, "no-again-");
            System.out.printf("syncs for %d writes: %d under no, at least one per write under always, %d back under no%n",
                    WRITES, underNo, underNoAgain);
            assertTrue(underNoAgain <= BACKGROUND_SYNCS, underNoAgain + " syncs for " + WRITES + " writes back under no");
            assertEquals(3L * WRITES, jedis.dbSize());
        }
    }

    /** The syncs made while writing {@code WRITES} keys. */
    private static long syncsOf(SyncTrace trace, Jedis jedis, String prefix) throws Exception {
        long before = trace.syncs();
        for (int i = 0; i < WRITES; i++) {
            assertEquals("OK", jedis.set(prefix + i, "v"));
        }
        return trace.syncs() - before;
    }
}
