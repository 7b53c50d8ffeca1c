package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

/**
 * Transactions against redis-server: the same seeded random sequence of MULTI, EXEC, DISCARD,
 * WATCH, UNWATCH and data commands goes from two clients to each server, one running transactions,
 * the other writing the keys it watches, and every reply must be identical, type and all (raw
 * RESP, so a null array and a null bulk string differ). Queue-time failures (unknown commands,
 * wrong arity, nested MULTI, WATCH inside MULTI), runtime errors inside EXEC, blocking commands
 * inside MULTI and FLUSHDB are among the steps. All keys share one hash tag: keys of two slots get
 * CROSSSLOT from Pikko, which a single redis-server does not.
 */
class TransactionDifferentialTest extends DifferentialTestBase {
    private static final int STEPS = 800;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {71, 72, 73, 74, 75})
    void transactionsReplyAsRedisDoes(long seed) {
        Random random = new Random(seed);
        Generator generator = new Generator(random);
        List<String> history = new ArrayList<>();
        try (RespConnection redisTx = new RespConnection(redisServer.port());
             RespConnection redisOther = new RespConnection(redisServer.port());
             RespConnection pikkoTx = new RespConnection(node.port());
             RespConnection pikkoOther = new RespConnection(node.port())) {
            for (int step = 0; step < STEPS; step++) {
                boolean fromOther = !generator.inMulti && random.nextInt(100) < 15 || random.nextInt(100) < 10;
                String[] command = fromOther ? generator.interference() : generator.next();
                String line = (fromOther ? "other> " : "tx> ") + String.join(" ", command);
                history.add(line);
                String expected = (fromOther ? redisOther : redisTx).call(command);
                String actual = (fromOther ? pikkoOther : pikkoTx).call(command);
                if (!expected.equals(actual)) {
                    fail("seed " + seed + ", step " + step + ": " + line + "\n  redis: " + expected + "\n  pikko: " + actual
                            + "\n  last commands: " + history.subList(Math.max(0, history.size() - 20), history.size()));
                }
            }
        }
        try (Jedis r = redisServer.client(); Jedis p = node.client()) {
            for (int db = 0; db < 2; db++) {
                r.select(db);
                p.select(db);
                assertEquals(new TreeSet<>(r.keys("*")), new TreeSet<>(p.keys("*")), "keyspaces differ at the end in db " + db);
                for (String key : r.keys("*")) {
                    assertEquals(r.type(key), p.type(key), key);
                    if (r.type(key).equals("string")) {
                        assertEquals(r.get(key), p.get(key), key);
                    }
                }
            }
        }
    }

    /** Steps of the transaction client, which knows whether it is inside MULTI, and of the other client. */
    private static final class Generator {
        private static final String[] KEYS = {"{x}a", "{x}b", "{x}c", "{x}n", "{x}l", "{x}z"};
        private final Random random;
        boolean inMulti;

        Generator(Random random) {
            this.random = random;
        }

        private boolean chance(int percent) {
            return random.nextInt(100) < percent;
        }

        private String key() {
            return KEYS[random.nextInt(KEYS.length)];
        }

        private String value() {
            return chance(50) ? Integer.toString(random.nextInt(20) - 5) : "v" + random.nextInt(5);
        }

        String[] next() {
            int roll = random.nextInt(100);
            if (roll < 8) {
                inMulti = true;
                return new String[] {"MULTI"};
            }
            if (roll < 16) {
                boolean wasInMulti = inMulti;
                inMulti = false;
                return new String[] {wasInMulti && chance(15) ? "DISCARD" : "EXEC"};
            }
            if (roll < 19) {
                inMulti = false;
                return new String[] {"DISCARD"};
            }
            if (roll < 28) {
                return chance(70) ? new String[] {"WATCH", key()} : new String[] {"WATCH", key(), key()};
            }
            if (roll < 31) {
                return new String[] {"UNWATCH"};
            }
            if (roll < 33) {
                return chance(50) ? new String[] {"NOSUCHCOMMAND", key()} : new String[] {"GET"};
            }
            if (roll < 38) {
                return keyless();
            }
            if (inMulti && roll < 44) {
                return blocking();
            }
            return data();
        }

        /** What the other client does: writes to the watched keys, now and then a flush. */
        String[] interference() {
            if (chance(5)) {
                return new String[] {"FLUSHDB"};
            }
            if (chance(30)) {
                return new String[] {"GET", key()};
            }
            return data();
        }

        private String[] keyless() {
            return switch (random.nextInt(4)) {
                case 0 -> new String[] {"PING"};
                case 1 -> new String[] {"ECHO", value()};
                case 2 -> new String[] {"SELECT", chance(80) ? Integer.toString(random.nextInt(2)) : "x"};
                default -> new String[] {"PING", value()};
            };
        }

        private String[] blocking() {
            return switch (random.nextInt(4)) {
                case 0 -> new String[] {"BLPOP", "{x}l", key(), "0"};
                case 1 -> new String[] {"BRPOPLPUSH", "{x}l", key(), "0"};
                case 2 -> new String[] {"BZPOPMIN", "{x}z", "0"};
                default -> new String[] {"BLMOVE", key(), "{x}l", "LEFT", "RIGHT", "0"};
            };
        }

        private String[] data() {
            String key = key();
            return switch (random.nextInt(16)) {
                case 0, 1 -> new String[] {"SET", key, value()};
                case 2 -> new String[] {"GET", key};
                case 3 -> new String[] {"INCR", key};
                case 4 -> new String[] {"DEL", key, key()};
                case 5 -> new String[] {"RPUSH", chance(70) ? "{x}l" : key, value(), value()};
                case 6 -> new String[] {"LPOP", chance(70) ? "{x}l" : key};
                case 7 -> new String[] {"ZADD", chance(70) ? "{x}z" : key, Integer.toString(random.nextInt(9)), value()};
                case 8 -> new String[] {"MSET", key, value(), key(), value()};
                case 9 -> new String[] {"MGET", key, key()};
                case 10 -> new String[] {"APPEND", key, value()};
                case 11 -> new String[] {"EXISTS", key, key()};
                case 12 -> new String[] {"SETNX", key, value()};
                case 13 -> new String[] {"LRANGE", "{x}l", "0", "-1"};
                case 14 -> new String[] {"EXPIRE", key, chance(30) ? "0" : "100"};
                default -> new String[] {"TYPE", key};
            };
        }
    }
}
