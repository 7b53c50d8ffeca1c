package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Hash and set commands: the same seeded random sequence goes to redis-server and to Pikko, and
 * every reply must be the same, errors included. Commands with random results appear only in
 * forms whose reply is certain (a count of 0, a bad argument, a wrong type). Scans, whose pages
 * differ by design, are compared afterwards as the union of a full walk over each key.
 */
class HashSetDifferentialTest extends DifferentialTestBase {
    private static final int STEPS = 3000;
    private static final Differential.Rules RULES = new Differential.Rules(
            Set.of("hkeys", "hvals", "hgetall", "smembers", "sinter", "sunion", "sdiff"), Set.of("hgetall"));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15})
    void hashesAndSetsReplyAsRedisDoes(long seed) {
        Differential.compare(redis, pikko, seed, STEPS, RULES, random -> new CommandGenerator(random).next());
        for (String key : new TreeSet<>(redis.keys("*"))) {
            assertEquals(redis.type(key), pikko.type(key), key);
            for (String pattern : new String[] {"*", "f*", "*1*", "m[0-4]*"}) {
                assertEquals(fullScan(redis, key, pattern), fullScan(pikko, key, pattern), key + " MATCH " + pattern);
            }
        }
    }

    /** Every member (with its value for a hash) that a complete HSCAN or SSCAN walk returns. */
    private static Map<String, String> fullScan(Jedis jedis, String key, String pattern) {
        Map<String, String> seen = new TreeMap<>();
        String type = jedis.type(key);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanParams params = new ScanParams().match(pattern).count(3);
            if (type.equals("hash")) {
                ScanResult<Map.Entry<String, String>> page = jedis.hscan(key, cursor, params);
                page.getResult().forEach(entry -> seen.put(entry.getKey(), entry.getValue()));
                cursor = page.getCursor();
            } else if (type.equals("set")) {
                ScanResult<String> page = jedis.sscan(key, cursor, params);
                page.getResult().forEach(member -> seen.put(member, ""));
                cursor = page.getCursor();
            } else {
                return Map.of("type", type);
            }
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return seen;
    }

    /**
     * Random commands over a few hashes, sets and strings sharing one hash tag, so they collide,
     * overwrite, expire and rename one another, and sometimes meet a key of the wrong type.
     */
    private static final class CommandGenerator {
        /** A key no command of the sequence ever creates. */
        private static final String MISSING = "{t}missing";
        /** A key only SET writes and nothing renames or copies to: a string or nothing. */
        private static final String STRING = "{t}string";

        private final Random random;

        CommandGenerator(Random random) {
            this.random = random;
        }

        private String anyKey() {
            return switch (random.nextInt(3)) {
                case 0 -> hashKey();
                case 1 -> setKey();
                default -> "{t}str" + random.nextInt(2);
            };
        }

        /** Mostly a hash's key, now and then another kind. */
        private String hashKey() {
            return random.nextInt(10) == 0 ? anyKeyOnce() : "{t}h" + random.nextInt(4);
        }

        private String setKey() {
            return random.nextInt(10) == 0 ? anyKeyOnce() : "{t}s" + random.nextInt(5);
        }

        private String anyKeyOnce() {
            return new String[] {"{t}h0", "{t}s0", "{t}str0", "{t}str1", "{t}none"}[random.nextInt(5)];
        }

        private String field() {
            return switch (random.nextInt(12)) {
                case 0 -> "";
                case 1 -> "m" + random.nextInt(200);
                default -> "f" + random.nextInt(10);
            };
        }

        private String member() {
            return switch (random.nextInt(10)) {
                case 0 -> Integer.toString(random.nextInt(20) - 5);
                case 1 -> "";
                case 2 -> "m" + random.nextInt(200);
                default -> "e" + random.nextInt(12);
            };
        }

        private String value() {
            return switch (random.nextInt(9)) {
                case 0 -> Integer.toString(random.nextInt(200) - 100);
                case 1 -> Long.toString(Long.MAX_VALUE - random.nextInt(3));
                case 2 -> String.format("%.3f", random.nextDouble() * 100 - 50);
                case 3 -> "";
                case 4 -> "0" + random.nextInt(10);
                case 5 -> "1e" + random.nextInt(5);
                case 6 -> random.nextBoolean() ? "inf" : "-inf";
                default -> "v" + random.nextInt(1000);
            };
        }

        private String number() {
            return switch (random.nextInt(8)) {
                case 0 -> "abc";
                case 1 -> Long.toString(Long.MAX_VALUE);
                case 2 -> "-" + random.nextInt(10);
                case 3 -> "1.5";
                case 4 -> "";
                default -> Integer.toString(random.nextInt(20));
            };
        }

        private String floatIncrement() {
            return switch (random.nextInt(8)) {
                case 0 -> "abc";
                case 1 -> "inf";
                case 2 -> "1e300";
                case 3 -> Integer.toString(random.nextInt(10));
                default -> String.format("%.2f", random.nextDouble() * 20 - 10);
            };
        }

        private String[] with(String command, String key, int min, int max, Supplier<String> arg) {
            List<String> args = new ArrayList<>(List.of(command, key));
            int n = min + random.nextInt(max - min + 1);
            for (int i = 0; i < n; i++) {
                args.add(arg.get());
            }
            return args.toArray(new String[0]);
        }

        private String[] pairs(String command, String key, int maxPairs) {
            List<String> args = new ArrayList<>(List.of(command, key));
            int n = 1 + random.nextInt(maxPairs);
            for (int i = 0; i < n; i++) {
                args.add(field());
                args.add(value());
            }
            if (random.nextInt(25) == 0) {
                args.add(field());
            }
            return args.toArray(new String[0]);
        }

        /** Many members at once, so Redis turns the collection into its big encoding. */
        private String[] bulk(String command, String key, boolean pairs) {
            List<String> args = new ArrayList<>(List.of(command, key));
            int n = 100 + random.nextInt(100);
            for (int i = 0; i < n; i++) {
                args.add("m" + random.nextInt(200));
                if (pairs) {
                    args.add("value-" + random.nextInt(1000));
                }
            }
            return args.toArray(new String[0]);
        }

        private String[] setKeys(String command, int min, int max) {
            List<String> args = new ArrayList<>(List.of(command));
            int n = min + random.nextInt(max - min + 1);
            for (int i = 0; i < n; i++) {
                args.add(setKey());
            }
            return args.toArray(new String[0]);
        }

        String[] next() {
            return random.nextBoolean() ? hashCommand() : random.nextInt(5) == 0 ? keyCommand() : setCommand();
        }

        private String[] hashCommand() {
            return switch (random.nextInt(24)) {
                case 0, 1, 2 -> pairs("HSET", hashKey(), 3);
                case 3 -> pairs("HMSET", hashKey(), 2);
                case 4 -> new String[] {"HSETNX", hashKey(), field(), value()};
                case 5, 6 -> new String[] {"HGET", hashKey(), field()};
                case 7 -> with("HMGET", hashKey(), 1, 4, this::field);
                case 8, 9 -> with("HDEL", hashKey(), 1, 3, this::field);
                case 10 -> new String[] {"HLEN", hashKey()};
                case 11 -> new String[] {"HSTRLEN", hashKey(), field()};
                case 12 -> new String[] {"HEXISTS", hashKey(), field()};
                case 13 -> new String[] {"HKEYS", hashKey()};
                case 14 -> new String[] {"HVALS", hashKey()};
                case 15 -> new String[] {"HGETALL", hashKey()};
                case 16, 17 -> new String[] {"HINCRBY", hashKey(), field(), number()};
                case 18, 19 -> new String[] {"HINCRBYFLOAT", hashKey(), field(), floatIncrement()};
                case 20 -> certainRandomCommand("HRANDFIELD", hashKey());
                case 21 -> badScan("HSCAN", hashKey());
                case 22 -> bulk("HSET", hashKey(), true);
                default -> new String[] {"HSET", hashKey()};
            };
        }

        private String[] setCommand() {
            return switch (random.nextInt(24)) {
                case 0, 1, 2, 3 -> with("SADD", setKey(), 1, 4, this::member);
                case 4, 5 -> with("SREM", setKey(), 1, 3, this::member);
                case 6 -> new String[] {"SCARD", setKey()};
                case 7 -> new String[] {"SISMEMBER", setKey(), member()};
                case 8 -> with("SMISMEMBER", setKey(), 1, 4, this::member);
                case 9 -> new String[] {"SMEMBERS", setKey()};
                case 10 -> certainRandomCommand(random.nextBoolean() ? "SRANDMEMBER" : "SPOP", setKey());
                case 11 -> new String[] {"SMOVE", setKey(), setKey(), member()};
                case 12 -> setKeys("SINTER", 1, 3);
                case 13 -> setKeys("SUNION", 1, 3);
                case 14 -> setKeys("SDIFF", 1, 3);
                case 15 -> sintercard();
                case 16 -> setKeys("SINTERSTORE", 2, 4);
                case 17 -> setKeys("SUNIONSTORE", 2, 4);
                case 18 -> setKeys("SDIFFSTORE", 2, 4);
                case 19 -> badScan("SSCAN", setKey());
                case 20 -> bulk("SADD", setKey(), false);
                case 21 -> new String[] {"SPOP", MISSING};
                case 22 -> new String[] {"SCARD", setKey()};
                default -> new String[] {"SMISMEMBER", setKey()};
            };
        }

        private String[] keyCommand() {
            return switch (random.nextInt(14)) {
                case 0 -> new String[] {"DEL", anyKey(), anyKey()};
                case 1 -> new String[] {"EXISTS", anyKey(), anyKey()};
                case 2, 3 -> new String[] {"TYPE", anyKey()};
                case 4 -> new String[] {"EXPIRE", anyKey(), random.nextInt(4) == 0 ? "-1" : Integer.toString(1000 + random.nextInt(1000))};
                case 5 -> new String[] {"TTL", anyKey()};
                case 6 -> new String[] {"PERSIST", anyKey()};
                case 7 -> new String[] {"RENAME", anyKey(), anyKey()};
                case 8 -> new String[] {"RENAMENX", anyKey(), anyKey()};
                case 9 -> random.nextBoolean() ? new String[] {"COPY", anyKey(), anyKey()} : new String[] {"COPY", anyKey(), anyKey(), "REPLACE"};
                case 10 -> new String[] {"SET", random.nextBoolean() ? STRING : "{t}str" + random.nextInt(2), value()};
                case 11 -> new String[] {"GET", anyKey()};
                case 12 -> new String[] {"INCR", anyKey()};
                default -> new String[] {"DBSIZE"};
            };
        }

        /** HRANDFIELD, SRANDMEMBER or SPOP in a form whose reply does not depend on chance. */
        private String[] certainRandomCommand(String command, String key) {
            return switch (random.nextInt(7)) {
                case 0 -> new String[] {command, key, "0"};
                case 1 -> new String[] {command, key, "abc"};
                case 2 -> new String[] {command, key, "-9223372036854775808"};
                case 3 -> new String[] {command, key, "1", "WITHVALUES", "x"};
                case 4 -> new String[] {command, key, "1", "2"};
                case 5 -> new String[] {command, STRING, random.nextBoolean() ? "2" : "1.5"};
                default -> new String[] {command, MISSING, Integer.toString(random.nextInt(5) - 2)};
            };
        }

        /** A scan whose reply is certain: an error, a missing key, a wrong type. */
        private String[] badScan(String command, String key) {
            return switch (random.nextInt(6)) {
                case 0 -> new String[] {command, key, "abc"};
                case 1 -> new String[] {command, key, "0", "COUNT", random.nextBoolean() ? "0" : "x"};
                case 2 -> new String[] {command, key, "0", "FOO"};
                case 3 -> new String[] {command, key, "0", "MATCH"};
                case 4 -> new String[] {command, MISSING, "0", "COUNT", "5"};
                default -> new String[] {command, STRING, "0"};
            };
        }

        private String[] sintercard() {
            List<String> args = new ArrayList<>(List.of("SINTERCARD"));
            int keys = 1 + random.nextInt(3);
            args.add(random.nextInt(15) == 0 ? new String[] {"0", "abc", "9"}[random.nextInt(3)] : Integer.toString(keys));
            for (int i = 0; i < keys; i++) {
                args.add(setKey());
            }
            if (random.nextBoolean()) {
                args.add(random.nextInt(10) == 0 ? "LIMITS" : "LIMIT");
                args.add(random.nextInt(8) == 0 ? "-1" : Integer.toString(random.nextInt(4)));
            }
            return args.toArray(new String[0]);
        }
    }
}
