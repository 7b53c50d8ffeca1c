package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.commands.PlainRdbPayload;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SortingParams;
import redis.clients.jedis.resps.Tuple;
import redis.clients.jedis.util.SafeEncoder;

/**
 * DUMP and RESTORE against a real redis-server 7.0: values of every type and encoding that Redis
 * dumps are restored into Pikko, dumped by Pikko and restored into Redis again, where they must
 * read back exactly as the originals (and Pikko's own reads must agree). Hand-made payloads in
 * the older encodings, and broken ones, must get the same answer from both servers.
 */
class DumpRestoreTest extends DifferentialTestBase {
    private static final String BAD_DATA = "ERR Bad data format";
    private static final String BAD_PAYLOAD = "ERR DUMP payload version or checksum are wrong";

    /** Redis then checks payloads in full, as Pikko always does, so both refuse the same ones. */
    @BeforeAll
    void sanitizeRedisDumps() {
        redis.configSet("sanitize-dump-payload", "yes");
    }

    @Test
    void stringsOfEveryEncodingTravelBothWays() {
        String compressible = "abc".repeat(10_000);
        Random random = new Random(7);
        byte[] binary = new byte[1000];
        random.nextBytes(binary);
        List<byte[]> values = new ArrayList<>();
        for (String s : List.of("hello", "", "0", "-7", "127", "-128", "12345", "-32768", "2147483647", "-2147483648",
                "2147483648", "9223372036854775807", "-9223372036854775808", "007", "-0", "1.5", "x".repeat(44),
                "x".repeat(45), compressible, "a".repeat(100_000))) {
            values.add(s.getBytes(StandardCharsets.UTF_8));
        }
        values.add(binary);
        for (int i = 0; i < values.size(); i++) {
            byte[] key = ("s" + i).getBytes(StandardCharsets.UTF_8);
            redis.set(key, values.get(i));
            byte[] back = roundTrip(key);
            assertArrayEquals(values.get(i), redis.get(back), "value " + i);
            assertArrayEquals(values.get(i), pikko.get(key), "value " + i + " read in Pikko");
        }
    }

    @Test
    void shortAndLongListsTravelBothWays() {
        redis.rpush("short", "a", "1", "b", "-5", "");
        List<String> integers = new ArrayList<>();
        for (long v : new long[] {0, 12, 13, 127, 128, -1, 4095, -4096, 4096, 32767, -32768, 32768, 8388607, -8388608,
                8388608, 2147483647L, -2147483648L, 2147483648L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            integers.add(Long.toString(v));
        }
        redis.rpush("integers", integers.toArray(new String[0]));
        String[] many = new String[10_000];
        for (int i = 0; i < many.length; i++) {
            many[i] = i % 3 == 0 ? Integer.toString(i * 7919) : "element-" + i;
        }
        redis.rpush("long", many);
        redis.rpush("bigElements", "x".repeat(20_000), "small", "y".repeat(70_000), "z".repeat(5_000));
        for (String key : List.of("short", "integers", "long", "bigElements")) {
            String back = roundTrip(key);
            List<String> expected = redis.lrange(key, 0, -1);
            assertEquals(expected, redis.lrange(back, 0, -1), key);
            assertEquals(expected, pikko.sort(key, new SortingParams().nosort()), key + " read in Pikko");
        }
    }

    @Test
    void intsetsAndPlainSetsTravelBothWays() {
        redis.sadd("small", "1", "2", "3", "-5", "100");
        redis.sadd("wide", "1", "70000", "-2147483648", "9223372036854775807", "-9223372036854775808");
        redis.sadd("words", "a", "b", "c", "");
        String[] ints = new String[600];
        String[] words = new String[1000];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = Integer.toString(i * 31 - 4000);
        }
        for (int i = 0; i < words.length; i++) {
            words[i] = "member:" + i;
        }
        redis.sadd("manyInts", ints);
        redis.sadd("big", words);
        for (String key : List.of("small", "wide", "words", "manyInts", "big")) {
            String back = roundTrip(key);
            assertEquals(redis.smembers(key), redis.smembers(back), key);
            assertEquals(redis.smembers(key), new TreeSet<>(pikko.sort(key,
                    new SortingParams().alpha())), key + " read in Pikko");
        }
    }

    @Test
    void listpackAndPlainHashesTravelBothWays() {
        redis.hset("five", map("f1", "v1", "f2", "2", "f3", "", "n", "-300", "big", "123456789012"));
        TreeMap<String, String> thousand = new TreeMap<>();
        for (int i = 0; i < 1000; i++) {
            thousand.put("field" + i, i % 2 == 0 ? Integer.toString(i) : "value" + i);
        }
        redis.hset("thousand", thousand);
        redis.hset("longValue", map("a", "x".repeat(100), "b", "short"));
        for (String key : List.of("five", "thousand", "longValue")) {
            String back = roundTrip(key);
            assertEquals(redis.hgetAll(key), redis.hgetAll(back), key);
        }
    }

    @Test
    void listpackAndSkiplistSortedSetsTravelBothWays() {
        redis.zadd("small", 1, "one");
        redis.zadd("small", 2.5, "two and a half");
        redis.zadd("small", -3, "minus three");
        redis.zadd("small", Double.POSITIVE_INFINITY, "inf");
        redis.zadd("small", Double.NEGATIVE_INFINITY, "-inf");
        redis.zadd("small", 1e20, "big");
        redis.zadd("small", 1e-300, "tiny");
        redis.zadd("small", 0.1, "tenth");
        redis.zadd("small", 4611686018427387904.0, "2^62");
        redis.zadd("small", 1, "1");
        for (int i = 0; i < 300; i++) {
            redis.zadd("large", (i * 37 % 101) / 7.0, "m" + i);
        }
        redis.zadd("longMember", 5, "x".repeat(65));
        redis.zadd("longMember", 6, "y");
        for (String key : List.of("small", "large", "longMember")) {
            String back = roundTrip(key);
            List<Tuple> expected = redis.zrangeWithScores(key, 0, -1);
            assertEquals(expected, redis.zrangeWithScores(back, 0, -1), key);
            List<String> members = expected.stream().map(Tuple::getElement).toList();
            assertEquals(members, pikko.sort(key, new SortingParams().nosort()),
                    key + " read in Pikko");
        }
    }

    /** Values of random sizes and contents, so every encoding boundary is crossed many times. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void randomValuesTravelBothWays(long seed) {
        Random random = new Random(seed);
        for (int k = 0; k < 60; k++) {
            String key = "{r}" + k;
            int size = random.nextInt(4) == 0 ? 100 + random.nextInt(600) : 1 + random.nextInt(20);
            switch (k % 4) {
                case 0 -> {
                    for (int i = 0; i < size; i++) {
                        redis.rpush(key.getBytes(StandardCharsets.UTF_8), randomElement(random));
                    }
                    String back = roundTrip(key);
                    assertEquals(redis.lrange(key, 0, -1), redis.lrange(back, 0, -1), key);
                }
                case 1 -> {
                    for (int i = 0; i < size; i++) {
                        redis.sadd(key.getBytes(StandardCharsets.UTF_8), randomElement(random));
                    }
                    String back = roundTrip(key);
                    assertEquals(redis.smembers(key), redis.smembers(back), key);
                }
                case 2 -> {
                    for (int i = 0; i < size; i++) {
                        redis.hset(key.getBytes(StandardCharsets.UTF_8), randomElement(random), randomElement(random));
                    }
                    String back = roundTrip(key);
                    assertEquals(redis.hgetAll(key), redis.hgetAll(back), key);
                }
                default -> {
                    for (int i = 0; i < size; i++) {
                        double score = random.nextBoolean() ? random.nextInt(1000) - 500 : random.nextGaussian() * 1e6;
                        redis.zadd(key.getBytes(StandardCharsets.UTF_8), score, randomElement(random));
                    }
                    String back = roundTrip(key);
                    assertEquals(redis.zrangeWithScores(key, 0, -1), redis.zrangeWithScores(back, 0, -1), key);
                }
            }
        }
    }

    @Test
    void ttlIsRelativeOrAbsoluteAndAPastOneCreatesNothing() {
        redis.set("v", "value");
        byte[] payload = redis.dump("v");
        assertEquals("OK", restore("k", "5000", payload));
        long pttl = pikko.pttl("k");
        assertTrue(pttl > 3000 && pttl <= 5000, "pttl " + pttl);
        assertEquals("OK", restore("forever", "0", payload));
        assertEquals(-1, pikko.ttl("forever"));
        long at = System.currentTimeMillis() + 60_000;
        assertEquals("OK", restore("abs", Long.toString(at), payload, "ABSTTL"));
        assertEquals(at, pikko.pexpireTime("abs"));
        assertEquals("OK", restore("past", Long.toString(System.currentTimeMillis() - 1000), payload, "ABSTTL"));
        assertFalse(pikko.exists("past"));
        // REPLACE with a past time removes the old key, as in Redis.
        pikko.set("old", "x");
        assertEquals("OK", restore("old", "1", payload, "REPLACE", "ABSTTL"));
        assertFalse(pikko.exists("old"));
        // DUMP carries no TTL.
        assertArrayEquals(payload, pikko.dump("k"));
    }

    @Test
    void replaceOverwritesAnyTypeAndBusyKeyIsRefused() {
        redis.rpush("l", "a", "b");
        byte[] list = redis.dump("l");
        pikko.set("k", "string");
        assertError("BUSYKEY Target key name already exists.", "k", "0", list);
        assertEquals("OK", restore("k", "0", list, "REPLACE"));
        assertEquals("list", pikko.type("k"));
        assertEquals(List.of("a", "b"), pikko.sort("k", new SortingParams().nosort()));
        redis.set("s", "text");
        assertEquals("OK", restore("k", "0", redis.dump("s"), "replace", "IDLETIME", "10"));
        assertEquals("text", pikko.get("k"));
        assertEquals("OK", restore("k", "0", redis.dump("s"), "REPLACE", "FREQ", "255"));
        assertNull(pikko.dump("missing"));
    }

    @Test
    void errorsMatchRedis() {
        redis.set("v", "value");
        byte[] good = redis.dump("v");
        byte[] flipped = good.clone();
        flipped[2] ^= 1;
        byte[] newer = withFooter(Arrays.copyOf(good, good.length - 10), 11);
        byte[] older = withFooter(Arrays.copyOf(good, good.length - 10), 9);
        redis.set("exists", "x");
        pikko.set("exists", "x");
        List<Object[]> cases = List.of(
                new Object[] {"k", "0", flipped},
                new Object[] {"k", "0", newer},
                new Object[] {"k", "0", new byte[] {0, 1}},
                new Object[] {"k", "-1", good},
                new Object[] {"k", "abc", good},
                new Object[] {"k", "0", good, "BOGUS"},
                new Object[] {"k", "0", good, "IDLETIME"},
                new Object[] {"k", "0", good, "IDLETIME", "-1"},
                new Object[] {"k", "0", good, "IDLETIME", "x"},
                new Object[] {"k", "0", good, "FREQ", "256"},
                new Object[] {"k", "0", good, "FREQ", "-1"},
                new Object[] {"k", "0", good, "FREQ", "1", "IDLETIME", "1"},
                new Object[] {"k", "0", good, "IDLETIME", "1", "FREQ", "1"},
                new Object[] {"exists", "-1", good},
                new Object[] {"exists", "0", good, "BOGUS"},
                new Object[] {"exists", "0", flipped, "REPLACE"},
                new Object[] {"k9", "0", older});
        for (Object[] c : cases) {
            assertEquals(reply(redis, "RESTORE", c), reply(pikko, "RESTORE", c), Arrays.deepToString(c));
        }
        assertEquals(BAD_PAYLOAD, reply(pikko, "RESTORE", new Object[] {"k", "0", flipped}));
        assertEquals("ERR Invalid TTL value, must be >= 0", reply(pikko, "RESTORE", new Object[] {"k", "-1", good}));
    }

    /** Older encodings Redis 7.0 still loads, and malformed payloads it refuses, built by hand. */
    @Test
    void handMadePayloadsGetTheSameAnswerAsFromRedis() {
        List<String> words = List.of("alpha", "7", "-1", "300", "70000", "5000000000", "12", "0", "");
        List<byte[]> accepted = List.of(
                new Payload().type(1).length(3).string("a").string("b").string("1").finish(),
                new Payload().type(2).length(3).string("x").string("1").string("2").finish(),
                new Payload().type(3).length(2).string("a").textDouble("1.5").string("b").textDouble("-2e3").finish(),
                new Payload().type(4).length(2).string("f").string("v").string("g").string("w").finish(),
                new Payload().type(5).length(1).string("m").binaryDouble(0.25).finish(),
                new Payload().type(9).blob(zipmap("f1", "v1", "f2", "")).finish(),
                new Payload().type(10).blob(ziplist(words)).finish(),
                new Payload().type(12).blob(ziplist(List.of("c", "-7", "a", "1", "b", "2.5"))).finish(),
                new Payload().type(13).blob(ziplist(List.of("f", "1", "g", "value"))).finish(),
                new Payload().type(14).length(2).blob(ziplist(words)).blob(ziplist(List.of("z"))).finish(),
                new Payload().type(18).length(2).length(1).string("plain").length(2).blob(listpackOf(redis)).finish(),
                new Payload().type(0).lzf("hello hello hello hello hello!!!").finish());
        for (int i = 0; i < accepted.size(); i++) {
            String key = "ok" + i;
            assertEquals("OK", reply(redis, "RESTORE", new Object[] {key, "0", accepted.get(i)}), "redis, payload " + i);
            assertEquals("OK", reply(pikko, "RESTORE", new Object[] {key, "0", accepted.get(i)}), "pikko, payload " + i);
            String back = "back" + i;
            assertEquals("OK", reply(redis, "RESTORE", new Object[] {back, "0", pikko.dump(key)}), "payload " + i);
            assertEquals(contents(key), contents(back), "payload " + i);
        }
        List<byte[]> refused = List.of(
                new Payload().type(8).finish(),
                new Payload().type(20).length(0).finish(),
                new Payload().type(0).length(30).raw(new byte[] {'a', 'b'}).finish(),
                new Payload().type(1).length(0).finish(),
                new Payload().type(2).length(2).string("x").string("x").finish(),
                new Payload().type(4).length(2).string("f").string("v").string("f").string("w").finish(),
                new Payload().type(5).length(1).string("m").binaryDouble(Double.NaN).finish(),
                new Payload().type(11).blob(new byte[] {3, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0}).finish(),
                new Payload().type(11).blob(new byte[] {2, 0, 0, 0, 2, 0, 0, 0, 5, 0, 5, 0}).finish(),
                new Payload().type(10).blob(Arrays.copyOf(ziplist(words), 12)).finish(),
                new Payload().type(13).blob(ziplist(List.of("f", "1", "g"))).finish(),
                new Payload().type(13).blob(ziplist(List.of("f", "1", "f", "2"))).finish(),
                new Payload().type(18).length(1).length(3).blob(listpackOf(redis)).finish(),
                new Payload().type(18).length(1).length(2).blob(new byte[] {7, 0, 0, 0, 1, 0, (byte) 0xff}).finish(),
                new Payload().type(0).lzfBroken().finish());
        for (int i = 0; i < refused.size(); i++) {
            assertEquals(BAD_DATA, reply(redis, "RESTORE", new Object[] {"bad" + i, "0", refused.get(i)}), "redis, payload " + i);
            assertEquals(BAD_DATA, reply(pikko, "RESTORE", new Object[] {"bad" + i, "0", refused.get(i)}), "pikko, payload " + i);
        }
        assertEquals(accepted.size(), pikko.dbSize());
    }

    /** Pikko has no streams: a stream's payload is refused as data it cannot load. */
    @Test
    void aStreamIsRefused() {
        redis.xadd("stream", StreamEntryID.NEW_ENTRY, Map.of("a", "b"));
        assertEquals(BAD_DATA, reply(pikko, "RESTORE", new Object[] {"s", "0", redis.dump("stream")}));
    }

    // ---- helpers ----

    /** DUMP in Redis, RESTORE in Pikko, DUMP in Pikko, RESTORE in Redis under another key, which is returned. */
    private String roundTrip(String key) {
        return new String(roundTrip(key.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private byte[] roundTrip(byte[] key) {
        byte[] fromRedis = redis.dump(key);
        assertEquals("OK", reply(pikko, "RESTORE", new Object[] {key, "0", fromRedis}));
        byte[] fromPikko = pikko.dump(key);
        byte[] back = ("back:" + new String(key, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        assertEquals("OK", reply(redis, "RESTORE", new Object[] {back, "0", fromPikko}),
                () -> "Redis refused Pikko's dump of " + new String(key, StandardCharsets.UTF_8));
        return back;
    }

    private String restore(String key, String ttl, byte[] payload, String... options) {
        Object[] args = new Object[3 + options.length];
        args[0] = key;
        args[1] = ttl;
        args[2] = payload;
        System.arraycopy(options, 0, args, 3, options.length);
        return reply(pikko, "RESTORE", args);
    }

    private void assertError(String expected, String key, String ttl, byte[] payload) {
        JedisDataException e = assertThrows(JedisDataException.class,
                () -> pikko.sendCommand(Protocol.Command.RESTORE, bytes(new Object[] {key, ttl, payload})));
        assertEquals(expected, e.getMessage());
    }

    /** A command's reply as text: "OK", or the error message. */
    private static String reply(Jedis jedis, String command, Object[] args) {
        try {
            Object reply = jedis.sendCommand(() -> SafeEncoder.encode(command), bytes(args));
            return reply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(reply);
        } catch (JedisDataException e) {
            return e.getMessage();
        }
    }

    private static byte[][] bytes(Object[] args) {
        byte[][] out = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            out[i] = args[i] instanceof byte[] b ? b : args[i].toString().getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** A key's type and contents in Redis, in a comparable form. */
    private String contents(String key) {
        String type = redis.type(key);
        return type + " " + switch (type) {
            case "string" -> redis.get(key);
            case "list" -> redis.lrange(key, 0, -1).toString();
            case "set" -> new TreeSet<>(redis.smembers(key)).toString();
            case "hash" -> new TreeMap<>(redis.hgetAll(key)).toString();
            case "zset" -> redis.zrangeWithScores(key, 0, -1).toString();
            default -> "?";
        };
    }

    private static byte[] randomElement(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> Long.toString(random.nextLong() >> random.nextInt(64)).getBytes(StandardCharsets.US_ASCII);
            case 1 -> Integer.toString(random.nextInt(300) - 150).getBytes(StandardCharsets.US_ASCII);
            case 2 -> {
                byte[] b = new byte[random.nextInt(90)];
                random.nextBytes(b);
                yield b;
            }
            case 3 -> "x".repeat(random.nextInt(3) == 0 ? 60 + random.nextInt(10) : random.nextInt(5))
                    .getBytes(StandardCharsets.US_ASCII);
            default -> ("e" + random.nextInt(500)).getBytes(StandardCharsets.US_ASCII);
        };
    }

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The listpack blob of a short list that Redis itself made, taken from its DUMP. */
    /**
     * What a Codis migration sends a codis-server 3.2 (RDB 7): Pikko's dumps in plain form. Redis
     * 7.0 still reads that form, so it checks the bytes; its own DUMP of the restored keys then
     * reads back in Pikko as the originals.
     */
    @Test
    void plainRdb7PayloadsOfEveryTypeRestoreInRedis() {
        pikko.set("p-str", "text");
        pikko.rpush("p-list", "a", "b", "c");
        pikko.sadd("p-intset", "1", "2", "3");
        pikko.sadd("p-set", "x", "y");
        pikko.hset("p-hash", Map.of("f", "v", "g", "w"));
        pikko.zadd("p-zset", Map.of("one", 1.5, "minus", -2.0, "tenth", 0.1));
        pikko.zadd("p-zset", Double.POSITIVE_INFINITY, "top");
        for (String key : List.of("p-str", "p-list", "p-intset", "p-set", "p-hash", "p-zset")) {
            byte[] old = PlainRdbPayload.of(pikko.dump(key), 7).orElseThrow();
            assertEquals("OK", redis.restore(key, 0, old), key);
        }
        assertEquals("text", redis.get("p-str"));
        assertEquals(List.of("a", "b", "c"), redis.lrange("p-list", 0, -1));
        assertEquals(pikko.smembers("p-intset"), redis.smembers("p-intset"));
        assertEquals(pikko.smembers("p-set"), redis.smembers("p-set"));
        assertEquals(pikko.hgetAll("p-hash"), redis.hgetAll("p-hash"));
        assertEquals(pikko.zrangeWithScores("p-zset", 0, -1), redis.zrangeWithScores("p-zset", 0, -1));
    }

    private static byte[] listpackOf(Jedis redis) {
        redis.del("{lp}");
        redis.rpush("{lp}", "p", "q", "1");
        byte[] dump = redis.dump("{lp}");
        redis.del("{lp}");
        // type 18, 1 node, container 2, then the listpack as a raw string with a 6-bit length.
        int length = dump[3] & 0x3f;
        return Arrays.copyOfRange(dump, 4, 4 + length);
    }

    private static byte[] withFooter(byte[] body, int version) {
        byte[] out = Arrays.copyOf(body, body.length + 10);
        out[body.length] = (byte) version;
        out[body.length + 1] = (byte) (version >> 8);
        long crc = crc64(out, body.length + 2);
        for (int i = 0; i < 8; i++) {
            out[body.length + 2 + i] = (byte) (crc >>> (8 * i));
        }
        return out;
    }

    /** Redis's CRC-64 (Jones polynomial, reflected), bit by bit: the test's own oracle. */
    private static long crc64(byte[] data, int length) {
        long reflected = Long.reverse(0xad93d23594c935a9L);
        long crc = 0;
        for (int i = 0; i < length; i++) {
            crc ^= data[i] & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ reflected : crc >>> 1;
            }
        }
        return crc;
    }

    /** A ziplist of the given entries: integers in Redis's integer encodings, the rest as strings. */
    private static byte[] ziplist(List<String> entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int previous = 0;
        int lastOffset = 10;
        for (String entry : entries) {
            lastOffset = 10 + body.size();
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            e.write(previous);
            Long v = entry.matches("-?[1-9][0-9]*|0") && entry.length() < 19 ? Long.parseLong(entry) : null;
            if (v != null && v >= 0 && v <= 12) {
                e.write(0xf1 + v.intValue());
            } else if (v != null && v == (byte) v.longValue()) {
                e.write(0xfe);
                e.write(v.intValue());
            } else if (v != null && v == (short) v.longValue()) {
                e.write(0xc0);
                littleEndian(e, v, 2);
            } else if (v != null && v >= -(1 << 23) && v < (1 << 23)) {
                e.write(0xf0);
                littleEndian(e, v, 3);
            } else if (v != null && v == (int) v.longValue()) {
                e.write(0xd0);
                littleEndian(e, v, 4);
            } else if (v != null) {
                e.write(0xe0);
                littleEndian(e, v, 8);
            } else {
                byte[] s = entry.getBytes(StandardCharsets.UTF_8);
                e.write(s.length);
                e.writeBytes(s);
            }
            previous = e.size();
            body.writeBytes(e.toByteArray());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        littleEndian(out, 10 + body.size() + 1, 4);
        littleEndian(out, lastOffset, 4);
        littleEndian(out, entries.size(), 2);
        out.writeBytes(body.toByteArray());
        out.write(0xff);
        return out.toByteArray();
    }

    private static byte[] zipmap(String... fieldsAndValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(fieldsAndValues.length / 2);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            byte[] field = fieldsAndValues[i].getBytes(StandardCharsets.UTF_8);
            byte[] value = fieldsAndValues[i + 1].getBytes(StandardCharsets.UTF_8);
            out.write(field.length);
            out.writeBytes(field);
            out.write(value.length);
            out.write(1);
            out.writeBytes(value);
            out.write(0);
        }
        out.write(0xff);
        return out.toByteArray();
    }

    private static void littleEndian(ByteArrayOutputStream out, long v, int width) {
        for (int i = 0; i < width; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    /** Writes an RDB payload by hand, in the test's own code. */
    private static final class Payload {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Payload type(int type) {
            out.write(type);
            return this;
        }

        Payload length(int n) {
            if (n < 64) {
                out.write(n);
            } else {
                out.write(0x40 | n >> 8);
                out.write(n & 0xff);
            }
            return this;
        }

        Payload string(String s) {
            return blob(s.getBytes(StandardCharsets.UTF_8));
        }

        Payload blob(byte[] b) {
            length(b.length);
            return raw(b);
        }

        Payload raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Payload textDouble(String s) {
            out.write(s.length());
            out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Payload binaryDouble(double d) {
            littleEndian(out, Double.doubleToRawLongBits(d), 8);
            return this;
        }

        /** The text as LZF: one literal run of its first 6 bytes, then back references that repeat them. */
        Payload lzf(String text) {
            byte[] s = text.getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream c = new ByteArrayOutputStream();
            c.write(5);
            c.write(s, 0, 6);
            int done = 6;
            while (s.length - done >= 9 && Arrays.equals(s, done, done + 6, s, 0, 6)) {
                c.write((4 << 5) | 0);
                c.write(done - 1);
                done += 6;
            }
            c.write(s.length - done - 1);
            c.write(s, done, s.length - done);
            out.write(0xc3);
            length(c.size());
            length(s.length);
            out.writeBytes(c.toByteArray());
            return this;
        }

        /** An LZF string whose back reference points before the start. */
        Payload lzfBroken() {
            out.write(0xc3);
            length(4);
            length(10);
            out.writeBytes(new byte[] {0, 'a', 0x20, 5});
            return this;
        }

        byte[] finish() {
            return withFooter(out.toByteArray(), 10);
        }
    }
}
