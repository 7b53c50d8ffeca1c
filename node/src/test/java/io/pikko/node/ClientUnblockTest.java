package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pikko.testing.Eventually;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What blocking commands report: INFO's blocked_clients counts the clients waiting in BLPOP and the
 * like, and CLIENT UNBLOCK wakes one as if its timeout passed or with the UNBLOCKED error.
 */
class ClientUnblockTest extends NodeTest {
    @Test
    void blockedClientsCountsTheWaitingClients() {
        assertEquals("0", blockedClients());
        try (RespConnection first = new RespConnection(node.port()); RespConnection second = new RespConnection(node.port())) {
            first.send("BLPOP", "q", "0");
            second.send("BZPOPMIN", "z", "0");
            awaitBlocked("2");
            jedis.rpush("q", "x");
            assertEquals("[\"q\", \"x\"]", first.read());
            awaitBlocked("1");
            jedis.zadd("z", 1, "m");
            assertEquals("[\"z\", \"m\", \"1\"]", second.read());
            awaitBlocked("0");
        }
    }

    @Test
    void unblockWithTimeoutAnswersAsATimeout() {
        try (RespConnection waiter = new RespConnection(node.port())) {
            long id = Long.parseLong(waiter.call("CLIENT", "ID").substring(1));
            waiter.send("BLPOP", "q", "0");
            awaitBlocked("1");
            assertEquals(1L, unblock(id));
            assertEquals("*-1", waiter.read());
            awaitBlocked("0");
            assertEquals("+PONG", waiter.call("PING"), "the connection goes on");
            jedis.rpush("q", "kept");
            assertEquals("kept", jedis.lpop("q"), "the unblocked client takes no element later");
        }
    }

    @Test
    void unblockWithErrorAnswersUnblocked() {
        try (RespConnection waiter = new RespConnection(node.port())) {
            long id = Long.parseLong(waiter.call("CLIENT", "ID").substring(1));
            waiter.send("BLMOVE", "{q}a", "{q}b", "LEFT", "LEFT", "0");
            awaitBlocked("1");
            assertEquals(1L, unblock(id, "ERROR"));
            assertEquals("-UNBLOCKED client unblocked via CLIENT UNBLOCK", waiter.read());
        }
    }

    @Test
    void unblockingAClientThatDoesNotWaitAnswersZero() {
        try (RespConnection idle = new RespConnection(node.port())) {
            long id = Long.parseLong(idle.call("CLIENT", "ID").substring(1));
            assertEquals(0L, unblock(id));
            assertEquals(0L, unblock(999_999));
            assertEquals("+PONG", idle.call("PING"));
            assertEquals("-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR", idle.call("CLIENT", "UNBLOCK", "1", "LATER"));
            assertEquals("-ERR value is not an integer or out of range", idle.call("CLIENT", "UNBLOCK", "x"));
            assertEquals("-ERR wrong number of arguments for 'client|unblock' command", idle.call("CLIENT", "UNBLOCK"));
        }
    }

    private long unblock(long id, String... reason) {
        try (RespConnection admin = new RespConnection(node.port())) {
            String[] args = reason.length == 0 ? new String[] {"CLIENT", "UNBLOCK", Long.toString(id)}
                    : new String[] {"CLIENT", "UNBLOCK", Long.toString(id), reason[0]};
            return Long.parseLong(admin.call(args).substring(1));
        }
    }

    private String blockedClients() {
        return jedis.info("clients").lines().filter(l -> l.startsWith("blocked_clients:"))
                .findFirst().orElseThrow().substring("blocked_clients:".length());
    }

    private void awaitBlocked(String count) {
        Eventually.await(Duration.ofSeconds(5), "blocked_clients " + count, () -> blockedClients().equals(count));
    }
}
