package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.testing.Eventually;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH on a real node, through Jedis and raw RESP: queued
 * replies, the errors that abort EXEC and those that do not roll back, WATCH broken by another
 * client, by expiry and by FLUSHDB, CROSSSLOT for keys of two slots, and blocking commands that do
 * not block inside MULTI.
 */
class TransactionsTest extends NodeTest {
    private RespConnection raw;
    private RespConnection other;

    @BeforeEach
    void connect() {
        raw = new RespConnection(node.port());
        other = new RespConnection(node.port());
    }

    @AfterEach
    void disconnect() {
        raw.close();
        other.close();
    }

    @Test
    void jedisTransactionRunsEveryCommandInOrder() {
        Transaction multi = jedis.multi();
        multi.set("{t}a", "1");
        multi.incr("{t}a");
        multi.rpush("{t}list", "x", "y");
        multi.lrange("{t}list", 0, -1);
        multi.mset("{t}b", "2", "{t}c", "3");
        multi.mget("{t}a", "{t}b", "{t}c");
        multi.del("{t}b", "{t}c");
        List<Object> replies = multi.exec();
        assertEquals(List.of("OK", 2L, 2L, List.of("x", "y"), "OK", List.of("2", "2", "3"), 2L), replies);
        assertEquals("2", jedis.get("{t}a"));
    }

    @Test
    void jedisWatchAbortsWhenAnotherClientWrites() {
        jedis.set("w", "0");
        jedis.watch("w");
        assertEquals("+OK", other.call("SET", "w", "other"));
        Transaction multi = jedis.multi();
        multi.set("w", "mine");
        assertNull(multi.exec());
        assertEquals("other", jedis.get("w"));

        jedis.watch("w");
        Transaction again = jedis.multi();
        again.set("w", "mine");
        assertEquals(List.of("OK"), again.exec());
        assertEquals("mine", jedis.get("w"));
    }

    @Test
    void queuedCommandsRunAtExec() {
        assertEquals("+OK", raw.call("MULTI"));
        assertEquals("+QUEUED", raw.call("SET", "k", "v"));
        assertEquals("$-1", other.call("GET", "k"), "nothing runs before EXEC");
        assertEquals("+QUEUED", raw.call("GET", "k"));
        assertEquals("[+OK, \"v\"]", raw.call("EXEC"));
        assertEquals("[]", multiExec());
    }

    @Test
    void errorsWhileQueueingAbortExec() {
        raw.call("MULTI");
        assertEquals("-ERR unknown command 'FOO', with args beginning with: 'x' ", raw.call("FOO", "x"));
        assertEquals("+QUEUED", raw.call("SET", "k", "v"));
        assertEquals("-EXECABORT Transaction discarded because of previous errors.", raw.call("EXEC"));
        raw.call("MULTI");
        assertEquals("-ERR wrong number of arguments for 'get' command", raw.call("GET"));
        assertEquals("-EXECABORT Transaction discarded because of previous errors.", raw.call("EXEC"));
        raw.call("MULTI");
        assertEquals("-ERR Command not allowed inside a transaction", raw.call("SHUTDOWN"));
        assertEquals("-EXECABORT Transaction discarded because of previous errors.", raw.call("EXEC"));
        raw.call("MULTI");
        assertEquals("-ERR 'dbsize' is not supported inside MULTI: it spans every slot", raw.call("DBSIZE"));
        assertEquals("-EXECABORT Transaction discarded because of previous errors.", raw.call("EXEC"));
        assertEquals("$-1", raw.call("GET", "k"));
        assertEquals("-ERR EXEC without MULTI", raw.call("EXEC"), "EXECABORT ends the transaction");
    }

    @Test
    void nestedMultiAndWatchInsideMultiAreRefusedButDoNotAbort() {
        raw.call("MULTI");
        assertEquals("-ERR MULTI calls can not be nested", raw.call("MULTI"));
        assertEquals("-ERR WATCH inside MULTI is not allowed", raw.call("WATCH", "k"));
        assertEquals("+QUEUED", raw.call("SET", "k", "v"));
        assertEquals("[+OK]", raw.call("EXEC"), "as in Redis 7.0, these two errors do not flag the transaction");
    }

    @Test
    void execAndDiscardWithoutMulti() {
        assertEquals("-ERR EXEC without MULTI", raw.call("EXEC"));
        assertEquals("-ERR DISCARD without MULTI", raw.call("DISCARD"));
        raw.call("MULTI");
        raw.call("SET", "k", "v");
        assertEquals("+OK", raw.call("DISCARD"));
        assertEquals("$-1", raw.call("GET", "k"));
        assertEquals("-ERR DISCARD without MULTI", raw.call("DISCARD"));
    }

    @Test
    void runtimeErrorsDoNotRollBack() {
        raw.call("SET", "{r}s", "text");
        raw.call("MULTI");
        raw.call("INCR", "{r}s");
        raw.call("SET", "{r}t", "1");
        raw.call("LPUSH", "{r}s", "x");
        raw.call("INCR", "{r}t");
        assertEquals("[-ERR value is not an integer or out of range, +OK, "
                + "-WRONGTYPE Operation against a key holding the wrong kind of value, :2]", raw.call("EXEC"));
        assertEquals("\"2\"", raw.call("GET", "{r}t"));
    }

    @Test
    void watchIsBrokenByAnotherClientsWrite() {
        raw.call("SET", "k", "1");
        assertEquals("+OK", raw.call("WATCH", "k", "{k}2"));
        other.call("INCR", "k");
        assertEquals("*-1", multiExec("SET", "k", "mine"));
        assertEquals("\"2\"", raw.call("GET", "k"));
        assertEquals("[+OK]", multiExec("SET", "k", "mine"), "EXEC ends the watch, aborted or not");
    }

    @Test
    void watchIsBrokenByTheClientsOwnWrite() {
        raw.call("WATCH", "k");
        raw.call("SET", "k", "own");
        assertEquals("*-1", multiExec("GET", "k"));
    }

    @Test
    void anUntouchedWatchLetsExecRun() {
        raw.call("SET", "k", "1");
        raw.call("WATCH", "k");
        raw.call("WATCH", "k");
        other.call("GET", "k");
        other.call("SET", "unrelated", "x");
        other.call("DEL", "absent-in-k-slot");
        assertEquals("[:2]", multiExec("INCR", "k"));
    }

    @Test
    void aWriteThatChangesNothingLeavesTheWatch() {
        raw.call("WATCH", "k");
        other.call("DEL", "k");
        assertEquals("[$-1]", multiExec("GET", "k"));
    }

    @Test
    void watchIsBrokenByExpiry() {
        raw.call("SET", "e", "v", "PX", "100");
        raw.call("WATCH", "e");
        Eventually.await(Duration.ofSeconds(5), "e expired", () -> other.call("EXISTS", "e").equals(":0"));
        assertEquals("*-1", multiExec("PING"));
    }

    @Test
    void watchIsBrokenByFlushdbAndFlushallOfAWatchedKey() {
        raw.call("SET", "f", "v");
        raw.call("WATCH", "f");
        other.call("FLUSHDB");
        assertEquals("*-1", multiExec("PING"));
        raw.call("SET", "f", "v");
        raw.call("WATCH", "f");
        other.call("FLUSHALL");
        assertEquals("*-1", multiExec("PING"));
        raw.call("WATCH", "f");
        other.call("FLUSHDB");
        assertEquals("[+PONG]", multiExec("PING"), "as in Redis, a flush breaks no watch on an absent key");
    }

    @Test
    void watchInAnotherDatabaseIsItsOwnKey() {
        raw.call("WATCH", "k");
        other.call("SELECT", "1");
        other.call("SET", "k", "db1");
        assertEquals("[+PONG]", multiExec("PING"));
    }

    @Test
    void unwatchAndDiscardForgetTheWatch() {
        raw.call("WATCH", "k");
        assertEquals("+OK", raw.call("UNWATCH"));
        other.call("SET", "k", "x");
        assertEquals("[+PONG]", multiExec("PING"));
        raw.call("WATCH", "k");
        raw.call("MULTI");
        raw.call("DISCARD");
        other.call("SET", "k", "y");
        assertEquals("[+PONG]", multiExec("PING"));
        raw.call("WATCH", "k");
        other.call("SET", "k", "z");
        assertEquals("*-1", multiExec("UNWATCH", "PING"), "UNWATCH inside MULTI is queued: the watch is checked first");
    }

    @Test
    void keysOfTwoSlotsAreCrossslotAtExecAndNothingRuns() {
        raw.call("MULTI");
        assertEquals("+QUEUED", raw.call("SET", "a", "1"));
        assertEquals("+QUEUED", raw.call("SET", "b", "1"));
        assertEquals("-CROSSSLOT Keys in request don't hash to the same slot", raw.call("EXEC"));
        assertEquals("$-1", raw.call("GET", "a"));
        assertEquals("-ERR EXEC without MULTI", raw.call("EXEC"));
        raw.call("MULTI");
        raw.call("MSET", "a", "1", "b", "2");
        assertEquals("-CROSSSLOT Keys in request don't hash to the same slot", raw.call("EXEC"));
    }

    @Test
    void watchedKeysMustShareTheTransactionsSlot() {
        assertEquals("-CROSSSLOT Keys in request don't hash to the same slot", raw.call("WATCH", "a", "b"));
        assertEquals("+OK", raw.call("WATCH", "{s}a"));
        assertEquals("-CROSSSLOT Keys in request don't hash to the same slot", raw.call("WATCH", "b"));
        assertEquals("+OK", raw.call("WATCH", "{s}b"));
        assertEquals("-CROSSSLOT Keys in request don't hash to the same slot", multiExec("SET", "b", "1"));
        assertEquals("$-1", raw.call("GET", "b"));
        raw.call("WATCH", "{s}a");
        assertEquals("[+OK]", multiExec("SET", "{s}c", "1"));
    }

    @Test
    void blockingCommandsInsideMultiDoNotBlock() {
        raw.call("MULTI");
        raw.call("BLPOP", "{b}l", "0");
        raw.call("BLMOVE", "{b}l", "{b}m", "LEFT", "LEFT", "0");
        raw.call("BRPOPLPUSH", "{b}l", "{b}m", "0");
        raw.call("BZPOPMIN", "{b}z", "0");
        raw.call("BLMPOP", "0", "1", "{b}l", "LEFT");
        raw.call("RPUSH", "{b}l", "x");
        raw.call("BLPOP", "{b}l", "0");
        assertEquals("[*-1, $-1, $-1, *-1, *-1, :1, [\"{b}l\", \"x\"]]", raw.call("EXEC"));
    }

    @Test
    void waitingClientsAreServedAfterTheWholeTransaction() {
        other.send("BLPOP", "q", "0");
        Eventually.await(Duration.ofSeconds(5), "the BLPOP waits",
                () -> jedis.info("clients").contains("blocked_clients:1"));
        assertEquals("[:1, \"a\"]", multiExec("RPUSH", "q", "a", "LPOP", "q"));
        raw.call("RPUSH", "q", "b");
        assertEquals("[\"q\", \"b\"]", other.read());
    }

    @Test
    void keylessCommandsRunInOrderAndSelectMovesTheLaterOnes() {
        raw.call("MULTI");
        raw.call("PING");
        raw.call("ECHO", "hello");
        raw.call("SELECT", "1");
        raw.call("SET", "k", "in1");
        raw.call("SELECT", "x");
        raw.call("GET", "k");
        raw.call("SELECT", "0");
        raw.call("GET", "k");
        raw.call("CLIENT", "SETNAME", "tx");
        assertEquals("[+PONG, \"hello\", +OK, +OK, -ERR value is not an integer or out of range, \"in1\", +OK, $-1, +OK]",
                raw.call("EXEC"));
        assertEquals("$-1", raw.call("GET", "k"));
        assertEquals("\"tx\"", raw.call("CLIENT", "GETNAME"));
        assertEquals("[+PONG]", multiExec("PING"), "only key-less commands");
    }

    @Test
    void clientListShowsTheOpenTransaction() {
        long id = Long.parseLong(raw.call("CLIENT", "ID").substring(1));
        raw.call("MULTI");
        raw.call("SET", "k", "v");
        String line = jedis.clientList().lines().filter(l -> l.startsWith("id=" + id + " ")).findFirst().orElseThrow();
        assertTrue(line.contains(" flags=x ") && line.contains(" multi=1 "), line);
        raw.call("DISCARD");
    }

    /** MULTI, the commands (given flat, each starting with an upper-case name), EXEC: EXEC's reply. */
    private String multiExec(String... commands) {
        assertEquals("+OK", raw.call("MULTI"));
        int start = 0;
        for (int i = 1; i <= commands.length; i++) {
            if (i == commands.length || isCommandName(commands[i])) {
                String[] command = java.util.Arrays.copyOfRange(commands, start, i);
                assertEquals("+QUEUED", raw.call(command));
                start = i;
            }
        }
        return raw.call("EXEC");
    }

    private static boolean isCommandName(String arg) {
        return List.of("SET", "GET", "INCR", "PING", "UNWATCH", "RPUSH", "LPOP").contains(arg);
    }
}
