package io.pikko.node;

import static io.pikko.node.ConnectionCommandsTest.call;
import static io.pikko.node.ConnectionCommandsTest.command;
import static io.pikko.node.ConnectionCommandsTest.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.pikko.protocol.SlotHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;

/**
 * SLOTSDIGEST through Jedis on two nodes, one standing for a master and one for its replica: a
 * copy of every key (DUMP and RESTORE ... ABSTTL) digests the same slot by slot, and a change of
 * any type's value, member or TTL on one of them shows in its slot's digest alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlotsDigestTest {
    private static final List<String> KEYS = List.of("str", "hash", "set", "list", "zset", "ttl", "db1");

    private TestNode masterNode;
    private TestNode replicaNode;
    private Jedis master;
    private Jedis replica;

    @BeforeAll
    void start() {
        masterNode = TestNode.start();
        replicaNode = TestNode.start();
        master = masterNode.client();
        replica = replicaNode.client();
    }

    @AfterAll
    void stop() {
        master.close();
        replica.close();
        masterNode.close();
        replicaNode.close();
    }

    @BeforeEach
    void fill() {
        for (Jedis jedis : List.of(master, replica)) {
            jedis.select(0);
            jedis.flushAll();
        }
        master.set("str", "v");
        master.hset("hash", Map.of("a", "1", "b", "2"));
        master.sadd("set", "x", "y");
        master.rpush("list", "a", "b", "c");
        master.zadd("zset", Map.of("m", 1.0, "n", 2.5));
        master.setex("ttl", 1000, "v");
        master.select(1);
        master.set("db1", "v");
        master.select(0);
        copyEveryKey();
    }

    @Test
    void aCopyOfEveryKeyDigestsTheSame() {
        List<?> onMaster = digests(master);
        assertEquals(onMaster, digests(replica));
        for (int i = 0; i < KEYS.size(); i++) {
            List<?> slot = (List<?>) onMaster.get(i);
            assertEquals((long) slotOf(KEYS.get(i)), slot.get(0));
            assertEquals(1L, slot.get(1), KEYS.get(i) + " is its slot's one key");
            assertEquals(40, ((String) slot.get(2)).length(), "a SHA-1 in hex");
        }
    }

    @Test
    void aChangeOfAnyTypeShowsInItsSlotAlone() {
        assertChangeShows("str", () -> replica.set("str", "w"));
        assertChangeShows("hash", () -> replica.hset("hash", "b", "3"));
        assertChangeShows("hash", () -> replica.hdel("hash", "a"));
        assertChangeShows("set", () -> replica.sadd("set", "z"));
        assertChangeShows("list", () -> replica.lset("list", 1, "B"));
        assertChangeShows("list", () -> {
            replica.del("list");
            replica.rpush("list", "a", "c", "b");
        });
        assertChangeShows("zset", () -> replica.zadd("zset", 2.75, "n"));
        assertChangeShows("ttl", () -> replica.persist("ttl"));
        assertChangeShows("ttl", () -> replica.pexpireAt("ttl", master.pexpireTime("ttl") + 1));
        assertChangeShows("str", () -> replica.expire("str", 1000));
        assertChangeShows("db1", () -> {
            replica.select(1);
            replica.move("db1", 2);
            replica.select(0);
        });
    }

    @Test
    void badSlotsAreRefusedAsCodisRefusesThem() {
        assertEquals("ERR invalid slot number = 1024", error(master, "SLOTSDIGEST", "1024"));
        assertEquals("ERR invalid slot number = -1", error(master, "SLOTSDIGEST", "0", "-1"));
        assertEquals("ERR value is not an integer or out of range", error(master, "SLOTSDIGEST", "x"));
        assertEquals("ERR wrong number of arguments for 'slotsdigest' command", error(master, "SLOTSDIGEST"));
        assertEquals(List.of(List.of(5L, 0L, "da39a3ee5e6b4b0d3255bfef95601890afd80709")),
                call(master, "SLOTSDIGEST", "5"));
    }

    /** After {@code change} on the replica, the key's slot digests differ and every other slot still agrees. */
    private void assertChangeShows(String key, Runnable change) {
        fill();
        change.run();
        List<?> onMaster = digests(master);
        List<?> onReplica = digests(replica);
        for (int i = 0; i < KEYS.size(); i++) {
            if (KEYS.get(i).equals(key)) {
                assertNotEquals(onMaster.get(i), onReplica.get(i), key + " changed");
            } else {
                assertEquals(onMaster.get(i), onReplica.get(i), KEYS.get(i) + " did not change");
            }
        }
    }

    private static List<?> digests(Jedis jedis) {
        List<String> slots = new ArrayList<>();
        KEYS.forEach(key -> slots.add(String.valueOf(slotOf(key))));
        return (List<?>) call(jedis, "SLOTSDIGEST", slots.toArray(String[]::new));
    }

    /** Copies every key of databases 0 and 1 with its absolute expiry, as a full sync would. */
    private void copyEveryKey() {
        for (int db = 0; db <= 1; db++) {
            master.select(db);
            replica.select(db);
            for (String key : master.keys("*")) {
                byte[] name = key.getBytes(StandardCharsets.UTF_8);
                long expireAt = master.pexpireTime(key);
                replica.sendCommand(command("RESTORE"), name, String.valueOf(Math.max(expireAt, 0)).getBytes(),
                        master.dump(name), "ABSTTL".getBytes());
            }
        }
        master.select(0);
        replica.select(0);
    }

    private static int slotOf(String key) {
        return SlotHash.slotOf(key.getBytes(StandardCharsets.UTF_8));
    }
}
