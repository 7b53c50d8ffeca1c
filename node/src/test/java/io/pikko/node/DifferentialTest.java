package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * The same seeded random sequence of commands goes to redis-server and to Pikko; every reply must
 * be the same, errors included. A failure names the seed and step so it can be replayed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialTest {
    private static final int STEPS = 3000;

    private RedisServer redis;
    private TestNode pikko;

    @BeforeAll
    void start() throws Exception {
        redis = RedisServer.startOrSkip();
        pikko = TestNode.start();
    }

    @AfterAll
    void stop() {
        if (pikko != null) {
            pikko.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void stringsAndKeysReplyAsRedisDoes(long seed) {
        CommandGenerator generator = new CommandGenerator(new Random(seed));
        try (Jedis r = redis.client(); Jedis p = pikko.client()) {
            r.flushAll();
            p.flushAll();
            List<String> history = new ArrayList<>();
            for (int step = 0; step < STEPS; step++) {
                String[] command = generator.next();
                history.add(String.join(" ", command));
                String expected = normalize(command, call(r, command));
                String actual = normalize(command, call(p, command));
                if (!expected.equals(actual)) {
                    fail("seed " + seed + ", step " + step + ": " + String.join(" ", command)
                            + "\n  redis: " + expected + "\n  pikko: " + actual
                            + "\n  last commands: " + history.subList(Math.max(0, history.size() - 8), history.size()));
                }
            }
            assertEquals(new TreeSet<>(r.keys("*")), new TreeSet<>(p.keys("*")), "keyspaces differ at the end");
            assertEquals(r.dbSize(), p.dbSize());
        }
    }

    private static Object call(Jedis jedis, String[] command) {
        byte[][] args = new byte[command.length - 1][];
        for (int i = 1; i < command.length; i++) {
            args[i - 1] = command[i].getBytes(StandardCharsets.UTF_8);
        }
        try {
            return jedis.sendCommand(() -> SafeEncoder.encode(command[0]), args);
        } catch (JedisDataException e) {
            return new Error(e.getMessage());
        }
    }

    /** Renders a reply as text; TTLs are compared as "none", "missing" or "set", since clocks differ by a few ms. */
    private static String normalize(String[] command, Object reply) {
        String name = command[0].toLowerCase();
        if ((name.equals("ttl") || name.equals("pttl")) && reply instanceof Long ttl) {
            return ttl < 0 ? ttl.toString() : "positive";
        }
        return render(reply);
    }

    private static String render(Object reply) {
        if (reply == null) {
            return "(nil)";
        }
        if (reply instanceof byte[] bytes) {
            return "\"" + new String(bytes, StandardCharsets.UTF_8) + "\"";
        }
        if (reply instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(render(item)));
            return items.toString();
        }
        if (reply instanceof Error error) {
            return "(error) " + error.getMessage();
        }
        return String.valueOf(reply);
    }

    /** Random commands over a small keyspace, so they collide, overwrite and expire one another. */
    private static final class CommandGenerator {
        private final Random random;

        CommandGenerator(Random random) {
            this.random = random;
        }

        /** Keys share a hash tag so multi-key commands stay in one slot, plus a few untagged ones. */
        private String key() {
            int n = random.nextInt(12);
            return n < 9 ? "{t}k" + n : "free" + n;
        }

        private String tagged() {
            return "{t}k" + random.nextInt(9);
        }

        private String value() {
            return switch (random.nextInt(8)) {
                case 0 -> Integer.toString(random.nextInt(200) - 100);
                case 1 -> Long.toString(Long.MAX_VALUE - random.nextInt(3));
                case 2 -> String.format("%.3f", random.nextDouble() * 100 - 50);
                case 3 -> "";
                case 4 -> "0" + random.nextInt(10);
                case 5 -> "1e" + random.nextInt(5);
                default -> "v" + random.nextInt(1000);
            };
        }

        private String number() {
            return switch (random.nextInt(6)) {
                case 0 -> "abc";
                case 1 -> Long.toString(Long.MAX_VALUE);
                case 2 -> "-" + random.nextInt(10);
                case 3 -> "1.5";
                default -> Integer.toString(random.nextInt(20));
            };
        }

        private String ttl() {
            return switch (random.nextInt(5)) {
                case 0 -> "0";
                case 1 -> "-5";
                case 2 -> "x";
                default -> Integer.toString(1000 + random.nextInt(5000));
            };
        }

        String[] next() {
            return switch (random.nextInt(34)) {
                case 0, 1 -> new String[] {"SET", key(), value()};
                case 2 -> set();
                case 3, 4 -> new String[] {"GET", key()};
                case 5 -> new String[] {"GETSET", key(), value()};
                case 6 -> new String[] {"GETDEL", key()};
                case 7 -> random.nextBoolean() ? new String[] {"GETEX", key(), "PERSIST"} : new String[] {"GETEX", key(), "EX", ttl()};
                case 8 -> new String[] {"SETNX", key(), value()};
                case 9 -> new String[] {"SETEX", key(), ttl(), value()};
                case 10 -> new String[] {"MGET", key(), key(), key()};
                case 11 -> new String[] {"MSET", key(), value(), key(), value()};
                case 12 -> new String[] {"MSETNX", tagged(), value(), tagged(), value()};
                case 13 -> new String[] {"INCR", key()};
                case 14 -> new String[] {"DECR", key()};
                case 15 -> new String[] {"INCRBY", key(), number()};
                case 16 -> new String[] {"DECRBY", key(), number()};
                case 17 -> new String[] {"INCRBYFLOAT", key(), random.nextBoolean() ? "0.1" : number()};
                case 18 -> new String[] {"APPEND", key(), value()};
                case 19 -> new String[] {"STRLEN", key()};
                case 20 -> new String[] {"SETRANGE", key(), number(), value()};
                case 21 -> new String[] {"GETRANGE", key(), number(), number()};
                case 22 -> new String[] {"DEL", key(), key()};
                case 23 -> new String[] {"EXISTS", key(), key(), key()};
                case 24 -> new String[] {"TYPE", key()};
                case 25 -> expire();
                case 26 -> new String[] {"TTL", key()};
                case 27 -> new String[] {"PERSIST", key()};
                case 28 -> new String[] {"RENAME", tagged(), tagged()};
                case 29 -> new String[] {"RENAMENX", tagged(), tagged()};
                case 30 -> random.nextBoolean() ? new String[] {"COPY", tagged(), tagged()} : new String[] {"COPY", tagged(), tagged(), "REPLACE"};
                case 31 -> new String[] {"DBSIZE"};
                case 32 -> new String[] {"UNLINK", key()};
                default -> new String[] {"GET"};
            };
        }

        private String[] set() {
            List<String> args = new ArrayList<>(List.of("SET", key(), value()));
            String[] options = {"NX", "XX", "GET", "KEEPTTL", "EX", "PX"};
            int n = random.nextInt(3);
            for (int i = 0; i < n; i++) {
                String option = options[random.nextInt(options.length)];
                args.add(option);
                if (option.equals("EX") || option.equals("PX")) {
                    args.add(ttl());
                }
            }
            return args.toArray(new String[0]);
        }

        private String[] expire() {
            List<String> args = new ArrayList<>(List.of("EXPIRE", key(), ttl()));
            if (random.nextBoolean()) {
                args.add(new String[] {"NX", "XX", "GT", "LT"}[random.nextInt(4)]);
            }
            return args.toArray(new String[0]);
        }
    }

    private static final class Error {
        private final String message;

        Error(String message) {
            this.message = message;
        }

        String getMessage() {
            return message;
        }
    }
}
