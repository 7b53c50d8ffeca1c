package io.pikko.node;

import static io.pikko.node.ConnectionCommandsTest.pairs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * LCS, MOVE and CONFIG's encoding thresholds answer exactly as redis-server 7.0 does: seeded random
 * strings through every LCS option, the thresholds set and read back (errors included), and
 * OBJECT ENCODING of the same collections after the thresholds change.
 */
class ServerCommandsDifferentialTest extends DifferentialTestBase {
    private static final List<String> THRESHOLDS = List.of("hash-max-listpack-entries", "hash-max-listpack-value",
            "zset-max-listpack-entries", "zset-max-listpack-value", "set-max-intset-entries", "list-max-listpack-size",
            "list-compress-depth", "hll-sparse-max-bytes", "hash-max-ziplist-entries", "hash-max-ziplist-value",
            "zset-max-ziplist-entries", "zset-max-ziplist-value", "list-max-ziplist-size");

    @AfterEach
    void restoreDefaults() {
        for (Jedis jedis : List.of(redis, pikko)) {
            jedis.configSet("hash-max-listpack-entries", "512", "hash-max-listpack-value", "64",
                    "zset-max-listpack-entries", "128", "zset-max-listpack-value", "64", "set-max-intset-entries", "512",
                    "list-max-listpack-size", "-2", "list-compress-depth", "0", "hll-sparse-max-bytes", "3000");
            jedis.select(0);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void lcsOfSeededRandomStrings(long seed) {
        Random random = new Random(seed);
        List<String[]> options = List.of(new String[] {}, new String[] {"LEN"}, new String[] {"IDX"},
                new String[] {"IDX", "WITHMATCHLEN"}, new String[] {"IDX", "MINMATCHLEN", "2"},
                new String[] {"IDX", "MINMATCHLEN", "3", "WITHMATCHLEN"}, new String[] {"WITHMATCHLEN", "IDX", "MINMATCHLEN", "-1"},
                new String[] {"LEN", "WITHMATCHLEN"}, new String[] {"MINMATCHLEN", "1", "LEN"});
        for (int round = 0; round < 40; round++) {
            String alphabet = round % 3 == 0 ? "ab" : round % 3 == 1 ? "acgt" : "abcdefghijklmnopqrstuvwxyz";
            String a = randomString(random, alphabet, random.nextInt(round < 5 ? 3 : 60));
            String b = randomString(random, alphabet, random.nextInt(round < 5 ? 3 : 60));
            both("SET", "{l}a", a);
            both("SET", "{l}b", b);
            for (String[] option : options) {
                String[] command = concat(new String[] {"LCS", "{l}a", "{l}b"}, option);
                assertEquals(reply(redis, command), reply(pikko, command), "seed " + seed + " a=" + a + " b=" + b
                        + " " + String.join(" ", option));
            }
        }
    }

    @Test
    void lcsEdgesAndErrors() {
        both("SET", "{l}a", "ohmytext");
        both("SET", "{l}b", "mynewtext");
        both("RPUSH", "{l}list", "x");
        for (String[] command : new String[][] {
                {"LCS", "{l}a", "{l}b"}, {"LCS", "{l}a", "{l}missing", "IDX"}, {"LCS", "{l}missing", "{l}other"},
                {"LCS", "{l}a", "{l}b", "LEN", "IDX"}, {"LCS", "{l}a", "{l}list"}, {"LCS", "{l}list", "{l}a", "LEN"},
                {"LCS", "{l}a", "{l}b", "MINMATCHLEN"}, {"LCS", "{l}a", "{l}b", "MINMATCHLEN", "x"},
                {"LCS", "{l}a", "{l}b", "NOSUCH"}, {"LCS", "{l}a"}, {"LCS", "{l}a", "{l}a", "IDX", "WITHMATCHLEN"}}) {
            assertEquals(reply(redis, command), reply(pikko, command), String.join(" ", command));
        }
    }

    @Test
    void moveAnswersAsRedisDoes() {
        both("SET", "k", "v");
        both("PEXPIRE", "k", "100000");
        both("SADD", "s", "a", "b");
        both("SELECT", "3");
        both("SET", "taken", "there");
        both("SELECT", "0");
        both("SET", "taken", "here");
        for (String[] command : new String[][] {
                {"MOVE", "k", "2"}, {"MOVE", "k", "2"}, {"MOVE", "s", "1"}, {"MOVE", "missing", "1"},
                {"MOVE", "taken", "3"}, {"MOVE", "taken", "0"}, {"MOVE", "taken", "16"}, {"MOVE", "taken", "-1"},
                {"MOVE", "taken", "x"}, {"MOVE", "taken", "99999999999"}, {"MOVE", "taken"},
                {"EXISTS", "k"}, {"SELECT", "2"}, {"GET", "k"}, {"TYPE", "k"}, {"SELECT", "1"}, {"SCARD", "s"}, {"SISMEMBER", "s", "b"},
                {"SELECT", "3"}, {"GET", "taken"}}) {
            assertEquals(reply(redis, command), reply(pikko, command), String.join(" ", command));
        }
        both("SELECT", "2");
        long redisTtl = redis.pttl("k");
        long pikkoTtl = pikko.pttl("k");
        assertTrue(pikkoTtl > 0 && Math.abs(redisTtl - pikkoTtl) < 5000, redisTtl + " vs " + pikkoTtl);
    }

    @Test
    void thresholdsAreSetAndReadAsRedisDoes() {
        List<String[]> sets = new ArrayList<>();
        for (String name : THRESHOLDS) {
            for (String value : List.of("0", "7", "1kb", "-1", "-5", "abc", "2147483648", "9223372036854775807", "")) {
                sets.add(new String[] {"CONFIG", "SET", name, value});
            }
        }
        sets.add(new String[] {"CONFIG", "SET", "hash-max-ziplist-entries", "5", "hash-max-listpack-entries", "6"});
        sets.add(new String[] {"CONFIG", "SET", "zset-max-listpack-value", "10", "set-max-intset-entries", "2"});
        for (String[] command : sets) {
            assertEquals(reply(redis, command), reply(pikko, command), String.join(" ", command));
            for (String name : THRESHOLDS) {
                String[] get = {"CONFIG", "GET", name};
                assertEquals(reply(redis, get), reply(pikko, get), String.join(" ", command) + " then " + name);
            }
        }
        for (String pattern : List.of("*listpack*", "*ziplist*", "*-max-*", "list-*")) {
            Map<String, Object> pikkoPairs = pairs(call(pikko, "CONFIG", "GET", pattern));
            // Redis 7.2's listpack sets, which Pikko accepts as well.
            pikkoPairs.keySet().removeAll(Set.of("set-max-listpack-entries", "set-max-listpack-value"));
            assertEquals(pairs(call(redis, "CONFIG", "GET", pattern)), pikkoPairs, pattern);
        }
    }

    @Test
    void objectEncodingFollowsTheThresholds() {
        List<String> keys = List.of("h", "hlong", "z", "zlong", "ints", "words", "list");
        writeCollections(keys);
        List<String[]> settings = List.of(
                new String[] {"hash-max-listpack-entries", "2"}, new String[] {"hash-max-listpack-value", "10"},
                new String[] {"zset-max-ziplist-entries", "2"}, new String[] {"zset-max-listpack-value", "10"},
                new String[] {"set-max-intset-entries", "2"}, new String[] {"list-max-listpack-size", "1"});
        assertSameEncodings(keys, "defaults");
        for (String[] setting : settings) {
            both("CONFIG", "SET", setting[0], setting[1]);
            // Redis converts a collection when it is written; Pikko's encoding is read from the value as it is.
            writeCollections(keys);
            assertSameEncodings(keys, setting[0] + " " + setting[1]);
        }
    }

    @Test
    void configGetStarHasEveryRedisSetting() {
        Set<String> redisNames = new TreeSet<>(pairs(call(redis, "CONFIG", "GET", "*")).keySet());
        Set<String> pikkoNames = new TreeSet<>(pairs(call(pikko, "CONFIG", "GET", "*")).keySet());
        Set<String> missing = new TreeSet<>(redisNames);
        missing.removeAll(pikkoNames);
        assertEquals(Set.of(), missing);
        // Every name Redis answers alone is answered alone, as [name, value].
        for (String name : redisNames) {
            List<?> pair = (List<?>) call(pikko, "CONFIG", "GET", name);
            assertEquals(2, pair.size(), name);
            assertEquals(name, pair.get(0));
        }
    }

    private void writeCollections(List<String> keys) {
        both(concat(new String[] {"DEL"}, keys.toArray(new String[0])));
        both("HSET", "h", "f1", "v", "f2", "v", "f3", "v");
        both("HSET", "hlong", "f", "x".repeat(20));
        both("ZADD", "z", "1", "a", "2", "b", "3", "c");
        both("ZADD", "zlong", "1", "m".repeat(20));
        both("SADD", "ints", "1", "2", "3");
        both("SADD", "words", "a", "b");
        both("RPUSH", "list", "a", "b", "c");
    }

    private void assertSameEncodings(List<String> keys, String when) {
        for (String key : keys) {
            assertEquals(redis.objectEncoding(key), pikko.objectEncoding(key), key + " after " + when);
        }
    }

    private void both(String... command) {
        assertEquals(reply(redis, command), reply(pikko, command), String.join(" ", command));
    }

    private static String randomString(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Object call(Jedis jedis, String... args) {
        byte[][] rest = new byte[args.length - 1][];
        for (int i = 1; i < args.length; i++) {
            rest[i - 1] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return RawCommands.plain(jedis.sendCommand(() -> SafeEncoder.encode(args[0]), rest));
    }

    private static String reply(Jedis jedis, String... args) {
        try {
            return String.valueOf(call(jedis, args));
        } catch (JedisDataException e) {
            return "(error) " + e.getMessage();
        }
    }
}
