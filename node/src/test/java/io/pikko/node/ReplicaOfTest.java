package io.pikko.node;

import static io.pikko.node.ConnectionCommandsTest.call;
import static io.pikko.node.ConnectionCommandsTest.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.Tuple;

/**
 * REPLICAOF / SLAVEOF between two standalone nodes, driven as Codis 3.2 drives its group servers
 * (MULTI, CONFIG SET masterauth, SLAVEOF, CONFIG REWRITE, CLIENT KILL TYPE normal, EXEC): a full sync of data of every
 * type in several databases, then the master's later writes; reads on the replica, writes
 * refused; ROLE and INFO replication on both sides; WAIT on the master; a restart of the replica
 * resumes; SLAVEOF NO ONE makes it a master with all its data.
 */
class ReplicaOfTest {
    private static final Duration SYNCED = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aReplicaCopiesItsMasterFollowsItThroughARestartAndIsPromotedWithEverything() throws Exception {
        try (NodeProcess master = NodeProcess.start(dir.resolve("master"), Map.of());
             Jedis m = master.client()) {
            for (int i = 0; i < 3000; i++) {
                m.set("k" + i, "v" + i);
            }
            m.hset("hash", Map.of("a", "1", "b", "2"));
            m.rpush("list", "x", "y", "z");
            m.sadd("set", "p", "q");
            m.zadd("zset", Map.of("one", 1.0, "two", 2.0));
            m.setex("ttl", 1000, "soon");
            m.select(3);
            m.set("in-db-3", "three");
            m.select(0);

            NodeProcess replica = NodeProcess.start(dir.resolve("replica"), Map.of());
            try (Jedis r = replica.client()) {
                codisSetMaster(r, "127.0.0.1", Integer.toString(master.port()));
                assertEquals("OK Already connected to specified master",
                        call(r, "REPLICAOF", "127.0.0.1", Integer.toString(master.port())));

                Eventually.await(SYNCED, () -> assertEquals(m.dbSize(), r.dbSize()));
                assertSameData(m, r);
                assertEquals("READONLY You can't write against a read only replica.", error(r, "SET", "k1", "other"));
                assertEquals("v1", r.get("k1"));
                Eventually.await(SYNCED, () -> assertEquals(
                        List.of("slave", "127.0.0.1", (long) master.port(), "connected"), role(r).subList(0, 4)));
                assertTrue(r.info("replication").contains("master_link_status:up"), r.info("replication"));
                assertEquals(role(m).get(1), role(r).get(4), "a replica that holds all its master has shows its offset");
                String masterInfo = m.info("replication");
                assertTrue(masterInfo.contains("connected_slaves:1"), masterInfo);
                assertTrue(masterInfo.contains("slave0:ip=127.0.0.1,port=" + replica.port() + ","), masterInfo);

                m.set("after", "1");
                m.hset("hash", "c", "3");
                m.del("k0");
                m.incr("counter");
                assertEquals(1, m.waitReplicas(1, 5000), "WAIT on the master counts the replica");
                assertEquals("1", r.get("after"));
                assertEquals("3", r.hget("hash", "c"));
                assertEquals(null, r.get("k0"));
                assertEquals("1", r.get("counter"));
            }

            replica.terminate();
            m.set("while-down", "yes");
            m.del("k1");
            replica = NodeProcess.start(dir.resolve("replica"), Map.of());
            try (Jedis r = replica.client()) {
                assertEquals("slave", role(r).get(0), "a restarted replica is still one");
                Eventually.await(SYNCED, () -> assertEquals("yes", r.get("while-down")));
                assertEquals(null, r.get("k1"));
                Eventually.await(SYNCED, () -> assertEquals(m.dbSize(), r.dbSize()));
                assertSameData(m, r);

                codisSetMaster(r, "NO", "ONE");
                assertEquals("master", role(r).get(0));
                assertEquals("OK", r.set("own", "write"));
                assertEquals("v2", r.get("k2"));
                assertEquals(m.dbSize() + 1, r.dbSize());
                m.set("after-promotion", "1");
                Thread.sleep(1000);
                assertEquals(null, r.get("after-promotion"), "a promoted replica follows no one");

                // The old master comes back as a replica of the new one, and drops what the new one lacks.
                assertEquals("OK", call(m, "REPLICAOF", "127.0.0.1", Integer.toString(replica.port())));
                Eventually.await(SYNCED, () -> assertEquals("write", m.get("own")));
                Eventually.await(SYNCED, () -> assertEquals(r.dbSize(), m.dbSize()));
                assertEquals(null, m.get("after-promotion"));
                assertSameData(r, m);
                assertEquals("OK", call(m, "REPLICAOF", "NO", "ONE"));
            } finally {
                replica.terminate();
            }
            replica = NodeProcess.start(dir.resolve("replica"), Map.of());
            try (Jedis r = replica.client()) {
                assertEquals("master", role(r).get(0), "the promotion survives a restart");
                assertEquals("write", r.get("own"));
            } finally {
                replica.close();
            }
        }
    }

    @Test
    void aReplicaToldToFollowAnotherMasterTakesThatMastersData() throws Exception {
        try (NodeProcess first = NodeProcess.start(dir.resolve("first"), Map.of());
             NodeProcess second = NodeProcess.start(dir.resolve("second"), Map.of());
             NodeProcess replica = NodeProcess.start(dir.resolve("follower"), Map.of());
             Jedis a = first.client(); Jedis b = second.client(); Jedis r = replica.client()) {
            for (int i = 0; i < 500; i++) {
                a.set("first-" + i, "a");
                b.set("second-" + i, "b");
            }
            b.hset("only-on-second", "f", "v");
            assertEquals("OK", call(r, "REPLICAOF", "127.0.0.1", Integer.toString(first.port())));
            Eventually.await(SYNCED, () -> assertEquals(500L, r.dbSize()));
            assertEquals("a", r.get("first-7"));

            assertEquals("OK", call(r, "REPLICAOF", "127.0.0.1", Integer.toString(second.port())));
            Eventually.await(SYNCED, () -> assertEquals(List.of("slave", "127.0.0.1", (long) second.port(), "connected"),
                    role(r).subList(0, 4)));
            Eventually.await(SYNCED, () -> assertEquals(b.dbSize(), r.dbSize()));
            assertEquals(null, r.get("first-7"), "what the first master had is gone");
            assertEquals("b", r.get("second-7"));
            assertEquals("v", r.hget("only-on-second", "f"));
            b.set("later", "1");
            Eventually.await(SYNCED, () -> assertEquals("1", r.get("later")));
            Eventually.await(SYNCED, () -> assertTrue(a.info("replication").contains("connected_slaves:0")
                    || a.info("replication").contains("state=wait_bgsave"), "the first master no longer sees it online"));
        }
    }

    @Test
    void aMasterKilledAndRestartedIsFoundAgainAndFollowed() throws Exception {
        Map<String, String> samePorts = Map.of("pikko.port", Integer.toString(TestNode.freePort()),
                "pikko.cluster.port", Integer.toString(TestNode.freePort()));
        NodeProcess master = NodeProcess.start(dir.resolve("master"), samePorts);
        try (NodeProcess replica = NodeProcess.start(dir.resolve("replica"), Map.of());
             Jedis r = replica.client()) {
            try (Jedis m = master.client()) {
                m.set("before", "1");
                assertEquals("OK", call(r, "REPLICAOF", "127.0.0.1", Integer.toString(master.port())));
                Eventually.await(SYNCED, () -> assertEquals("1", r.get("before")));
            }
            master.kill9();
            Eventually.await(SYNCED, () -> assertTrue(r.info("replication").contains("master_link_status:down")));
            master = NodeProcess.start(dir.resolve("master"), samePorts);
            try (Jedis m = master.client()) {
                m.set("after-restart", "2");
            }
            Eventually.await(SYNCED, () -> assertEquals("2", r.get("after-restart")));
            assertEquals("1", r.get("before"));
            Eventually.await(SYNCED, () -> assertTrue(r.info("replication").contains("master_link_status:up")));
        } finally {
            master.close();
        }
    }

    @Test
    void aMasterThatCannotBeReachedLeavesTheReplicaReadOnlyAndLinkDownUntilNoOne() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir.resolve("alone"), Map.of());
             Jedis r = node.client()) {
            r.set("mine", "1");
            codisSetMaster(r, "NO", "ONE"); // Codis's sync of a group's master
            assertEquals("master", role(r).get(0));
            assertEquals("OK", r.set("mine", "1"));
            assertEquals("ERR Invalid master port", error(r, "REPLICAOF", "127.0.0.1", "not-a-port"));
            assertEquals("ERR Invalid master port", error(r, "SLAVEOF", "127.0.0.1", "70000"));
            assertEquals("ERR wrong number of arguments for 'replicaof' command", error(r, "REPLICAOF", "127.0.0.1"));
            assertEquals("ERR a node cannot replicate itself", error(r, "REPLICAOF", "127.0.0.1", Integer.toString(node.port())));

            // Nothing listens on port 1: the replica keeps trying, as Redis's does.
            assertEquals("OK", call(r, "REPLICAOF", "127.0.0.1", "1"));
            assertEquals(List.of("slave", "127.0.0.1", 1L, "connect"), role(r).subList(0, 4));
            String info = r.info("replication");
            assertTrue(info.contains("role:slave") && info.contains("master_link_status:down"), info);
            assertEquals("READONLY You can't write against a read only replica.", error(r, "SET", "mine", "2"));

            assertEquals("OK", call(r, "REPLICAOF", "NO", "ONE"));
            assertEquals("master", role(r).get(0));
            assertEquals("1", r.get("mine"), "a replica that never synced keeps what it had");
            assertEquals("OK", r.set("mine", "2"));
        }
    }

    /** What Codis 3.2's dashboard sends to make a server replicate {@code host port} (NO ONE: promote it). */
    private static void codisSetMaster(Jedis server, String host, String port) {
        assertEquals("OK", call(server, "MULTI"));
        assertEquals("QUEUED", call(server, "CONFIG", "SET", "masterauth", ""));
        assertEquals("QUEUED", call(server, "SLAVEOF", host, port));
        assertEquals("QUEUED", call(server, "CONFIG", "REWRITE"));
        assertEquals("QUEUED", call(server, "CLIENT", "KILL", "TYPE", "normal"));
        List<?> replies = (List<?>) call(server, "EXEC");
        assertEquals(List.of("OK", "OK", "OK"), replies.subList(0, 3));
        assertTrue(replies.get(3) instanceof Long, "CLIENT KILL answers a count: " + replies);
    }

    private static List<Object> role(Jedis jedis) {
        @SuppressWarnings("unchecked")
        List<Object> role = (List<Object>) call(jedis, "ROLE");
        return role;
    }

    private static void assertSameData(Jedis m, Jedis r) {
        for (int i = 0; i < 3000; i += 97) {
            assertEquals(m.get("k" + i), r.get("k" + i), "k" + i);
        }
        assertEquals(m.hgetAll("hash"), r.hgetAll("hash"));
        assertEquals(m.lrange("list", 0, -1), r.lrange("list", 0, -1));
        assertEquals(m.smembers("set"), r.smembers("set"));
        List<Tuple> zset = m.zrangeWithScores("zset", 0, -1);
        assertEquals(zset, r.zrangeWithScores("zset", 0, -1));
        long ttl = r.ttl("ttl");
        assertTrue(ttl > 900 && ttl <= 1000, "the TTL came along: " + ttl);
        r.select(3);
        m.select(3);
        assertEquals("three", r.get("in-db-3"));
        assertEquals(m.dbSize(), r.dbSize());
        r.select(0);
        m.select(0);
    }
}
