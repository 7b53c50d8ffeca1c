package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Keys expire actively in the background, as in Redis: the node's sweeper removes keys no client
 * reads. (That a read after the deadline finds nothing is each type's test in commands/src/test.)
 */
class ExpiryTest extends NodeTest {
    @Test
    void expiredKeysLeaveDbsizeKeysAndScanWithinSeconds() throws Exception {
        // Long enough that all 520 writes land before the first expires, even on a loaded machine.
        for (int i = 0; i < 500; i++) {
            jedis.psetex("temp:" + i, 3_000, "x");
        }
        for (int i = 0; i < 20; i++) {
            jedis.set("keep:" + i, "y");
        }
        assertEquals(520, jedis.dbSize());
        // No access to the temp keys at all: only the background sweeper can remove them.
        long deadline = System.currentTimeMillis() + 15_000;
        while (jedis.dbSize() != 20 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(20, jedis.dbSize(), "active expiry did not remove the expired keys");
        assertEquals(20, jedis.keys("*").size());
        Set<String> scanned = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, new ScanParams().count(100));
            scanned.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        assertEquals(20, scanned.size());
        assertTrue(scanned.stream().allMatch(k -> k.startsWith("keep:")));
    }

    @Test
    void overwriteClearsTtlAndKeepTtlKeepsIt() throws Exception {
        jedis.psetex("k", 300, "1");
        jedis.set("k", "2");
        assertEquals(-1, jedis.ttl("k"));
        jedis.psetex("k2", 300, "1");
        jedis.set("k2", "2", redis.clients.jedis.params.SetParams.setParams().keepTtl());
        assertTrue(jedis.pttl("k2") > 0);
        Thread.sleep(1500);
        // The first key lost its TTL on overwrite: the sweeper must not remove it.
        assertEquals("2", jedis.get("k"));
        assertNull(jedis.get("k2"));
        assertEquals(1, jedis.dbSize());
    }

    @Test
    void collectionsExpireLazilyAndActivelyAndComeBackEmpty() throws Exception {
        jedis.hset("h", Map.of("f", "1", "g", "2"));
        jedis.rpush("l", "a", "b", "c");
        jedis.sadd("s", "x", "y");
        jedis.zadd("z", 1, "m");
        for (String key : new String[] {"h", "l", "s", "z"}) {
            assertEquals(1, jedis.pexpire(key, 200));
        }
        assertEquals(4, jedis.dbSize());
        // Lazy: a read after the deadline finds nothing.
        Thread.sleep(250);
        assertEquals(0, jedis.hlen("h"));
        assertEquals("none", jedis.type("h"));
        // Active: the untouched ones leave DBSIZE without being read.
        long deadline = System.currentTimeMillis() + 15_000;
        while (jedis.dbSize() != 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, jedis.dbSize());
        // Re-created keys hold only their new members.
        jedis.rpush("l", "new");
        jedis.sadd("s", "new");
        jedis.zadd("z", 5, "new");
        assertEquals(List.of("new"), jedis.lrange("l", 0, -1));
        assertEquals(Set.of("new"), jedis.smembers("s"));
        assertEquals(List.of("new"), jedis.zrange("z", 0, -1));
        assertEquals(-1, jedis.ttl("l"));
    }

    @Test
    void infoKeyspaceCountsKeysWithATtl() {
        jedis.set("plain", "1");
        jedis.setex("ttl1", 1000, "1");
        jedis.hset("h", "f", "v");
        jedis.expire("h", 1000);
        jedis.select(2);
        jedis.setex("other-db", 1000, "1");
        jedis.select(0);
        String keyspace = jedis.info("keyspace");
        assertTrue(keyspace.contains("db0:keys=3,expires=2\r\n"), keyspace);
        assertTrue(keyspace.contains("db2:keys=1,expires=1\r\n"), keyspace);
        jedis.persist("ttl1");
        jedis.del("h");
        assertTrue(jedis.info("keyspace").contains("db0:keys=2,expires=0\r\n"), jedis.info("keyspace"));
    }
}
