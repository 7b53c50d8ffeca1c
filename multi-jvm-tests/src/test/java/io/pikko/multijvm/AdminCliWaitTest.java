package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * {@code pikko admin migrate --wait}, run as the launcher runs it (its own JVM from the built node),
 * against two node JVMs: it returns once the slots have moved, having shown its progress line.
 */
class AdminCliWaitTest {
    @RegisterExtension
    static final PikkoCluster cluster = PikkoCluster.of(2);

    private static AdminCliProcess.Run admin(String... args) throws IOException, InterruptedException {
        return AdminCliProcess.run(cluster.node(0), args);
    }

    @Test
    void migrateWaitsUntilTheSlotsHaveMoved() throws Exception {
        cluster.node(0).admin().createGroup(2);
        cluster.node(0).admin().addServer(2, cluster.node(1).respAddress());
        List<String> keys = SlotKeys.inSlots("wait:", 0, 3, 200);
        try (Jedis jedis = cluster.node(0).jedis()) {
            for (String key : keys) {
                jedis.set(key, "v" + key);
            }
        }

        AdminCliProcess.Run run = admin("migrate", "0", "3", "2", "--wait");
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().startsWith("slots 0-3 will move to group 2\n"), run.output());
        assertTrue(run.output().contains("\rslots done 4/4, keys/s "), run.output());
        assertTrue(run.output().endsWith("ETA 0s   \n"), run.output());

        // Returned only after cutover: the slots are group 2's, and their keys answer from it.
        int[] slots = cluster.node(0).admin().slots();
        for (int slot = 0; slot <= 3; slot++) {
            assertEquals(2, slots[slot], "slot " + slot);
        }
        try (Jedis jedis = cluster.node(1).jedis()) {
            for (String key : keys) {
                assertEquals("v" + key, jedis.get(key), key);
            }
        }
    }
}
