package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * OBJECT and SORT compared with a real redis-server 7.0. Collections are built in Redis and copied
 * into Pikko with DUMP and RESTORE, so these tests need no other collection command of Pikko's.
 */
class ObjectAndSortTest extends DifferentialTestBase {
    private static final int STEPS = 2500;
    private static final String CROSSSLOT = "(error) CROSSSLOT Keys in request don't hash to the same slot";

    @Test
    void objectEncodingNamesWhatRedisWouldUse() {
        for (String value : List.of("12345", "-9223372036854775808", "9223372036854775808", "007", "-0", "", "1.5",
                "x".repeat(44), "x".repeat(45), "12345678901234567890")) {
            redis.set("s", value);
            pikko.set("s", value);
            assertEquals(redis.objectEncoding("s"), pikko.objectEncoding("s"), "string '" + value + "'");
        }
        redis.hset("hSmall", "f", "v");
        redis.hset("hLongValue", "f", "v".repeat(65));
        redis.hset("h64", "f".repeat(64), "v".repeat(64));
        redis.sadd("sInts", "1", "-2", "9223372036854775807");
        redis.sadd("sWords", "1", "a");
        redis.zadd("zSmall", 1, "a");
        redis.zadd("zLongMember", 1, "m".repeat(65));
        redis.rpush("list", "a");
        // Redis 7.0's built-in limits: 512 hash fields, 512 set integers, 128 sorted-set members.
        for (int i = 0; i < 513; i++) {
            redis.hset("h513", "f" + i, "v");
            redis.sadd("s513", Integer.toString(i));
            if (i < 512) {
                redis.hset("h512", "f" + i, "v");
                redis.sadd("s512", Integer.toString(i));
            }
            if (i < 129) {
                redis.zadd("z129", i, "m" + i);
            }
            if (i < 128) {
                redis.zadd("z128", i, "m" + i);
            }
        }
        for (String key : redis.keys("*")) {
            copyToPikko(key);
            assertEquals(redis.objectEncoding(key), pikko.objectEncoding(key), key);
        }
        assertNull(pikko.objectEncoding("missing"));
    }

    @Test
    void objectSubcommandsAnswerAsFarAsPikkoKnows() {
        pikko.set("k", "v");
        redis.set("k", "v");
        for (String[] command : new String[][] {
                {"OBJECT", "REFCOUNT", "missing"}, {"OBJECT", "FREQ", "missing"}, {"OBJECT", "FREQ", "k"},
                {"OBJECT", "ENCODING"}, {"OBJECT", "encoding", "k", "extra"}, {"OBJECT", "HELP", "x"},
                {"OBJECT", "nosuch"}, {"OBJECT", "NoSuch", "k"}}) {
            assertEquals(reply(redis, command), reply(pikko, command), String.join(" ", command));
        }
        assertEquals(1L, call(pikko, "OBJECT", "REFCOUNT", "k"));
        assertEquals("(error) ERR OBJECT IDLETIME is not supported: Pikko does not track key access times",
                reply(pikko, "OBJECT", "IDLETIME", "k"));
        assertEquals("null", reply(pikko, "OBJECT", "IDLETIME", "missing"));
        @SuppressWarnings("unchecked")
        List<Object> help = (List<Object>) call(pikko, "OBJECT", "HELP");
        List<String> redisHelp = new ArrayList<>();
        for (Object line : (List<?>) call(redis, "OBJECT", "HELP")) {
            redisHelp.add(line.toString());
        }
        // Redis's help, without the IDLETIME subcommand Pikko answers only with an error.
        redisHelp.removeIf(line -> line.startsWith("IDLETIME") || line.contains("idle time") || line.contains("seconds elapsed"));
        assertEquals(redisHelp, help.stream().map(Object::toString).toList());
    }

    @Test
    void sortScoresAreReadAsStrtodReadsThem() {
        for (String odd : List.of(" 5", "5 ", "0x10", "1e-300", "inf", "-inf", "nan", "", "+3", ".5", "5.", "1e",
                "abc", "-0", "0x1p-1070", "Infinity", "2.2250738585072014e-308", "5\u0000x")) {
            redis.del("{t}l");
            redis.rpush("{t}l", "2", odd, "-1");
            copyToPikko("{t}l");
            for (String[] command : new String[][] {{"SORT", "{t}l"}, {"SORT", "{t}l", "DESC"}}) {
                assertEquals(reply(redis, command), reply(pikko, command), "element '" + odd + "'");
            }
        }
        // Out of range for strtod (ERANGE). Not sent to Redis: it checks an errno it never clears,
        // so once such a number is read every later numeric SORT of the server would fail too.
        redis.rpush("{t}one", "w");
        copyToPikko("{t}one");
        for (String outOfRange : List.of("1e400", "-1e400", "1e-310", "1e-400")) {
            pikko.set("{t}w", outOfRange);
            assertEquals("(error) ERR One or more scores can't be converted into double",
                    reply(pikko, "SORT", "{t}one", "BY", "{t}*"), outOfRange);
        }
        pikko.set("{t}w", "1e-300");
        assertEquals("[w]", reply(pikko, "SORT", "{t}one", "BY", "{t}*"));
    }

    @Test
    void sortRefusesWrongTypesAndKeysOfOtherSlots() {
        redis.rpush("{t}l", "b", "a");
        copyToPikko("{t}l");
        pikko.set("{t}str", "x");
        pikko.set("{t}w_a", "1");
        assertEquals("(error) WRONGTYPE Operation against a key holding the wrong kind of value", reply(pikko, "SORT", "{t}str"));
        assertEquals(CROSSSLOT, reply(pikko, "SORT", "{t}l", "BY", "w_*"));
        assertEquals(CROSSSLOT, reply(pikko, "SORT", "{t}l", "BY", "nosort", "GET", "w_*"));
        assertEquals(CROSSSLOT, reply(pikko, "SORT", "{t}l", "STORE", "other"));
        // b has no weight: 0 for a numeric sort, and first for ALPHA.
        assertEquals(List.of("b", "a"), call(pikko, "SORT", "{t}l", "BY", "{t}w_*", "ALPHA"));
        assertEquals("[null, 1]", String.valueOf(call(pikko, "SORT", "{t}l", "BY", "{t}w_*", "GET", "{t}w_*")));
        assertEquals("(error) ERR syntax error", reply(pikko, "SORT_RO", "{t}l", "STORE", "{t}d"));
    }

    /** Random SORT and SORT_RO commands over lists, sets and sorted sets, with BY, GET, LIMIT, ALPHA and STORE. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void sortRepliesAsRedisDoes(long seed) {
        Random random = new Random(seed);
        SortData data = new SortData(random);
        data.build(redis);
        for (String key : redis.keys("*")) {
            copyToPikko(key);
        }
        List<String> history = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            String[] command = data.sortCommand();
            history.add(String.join(" ", command));
            String expected = reply(redis, command);
            String actual = reply(pikko, command);
            if (!expected.equals(actual)) {
                fail("seed " + seed + ", step " + step + ": " + String.join(" ", command)
                        + "\n  redis: " + expected + "\n  pikko: " + actual);
            }
            if (List.of(command).contains("STORE")) {
                String[] readBack = {"SORT", "{t}dst", "BY", "nosort"};
                assertEquals(reply(redis, readBack), reply(pikko, readBack), "stored by " + String.join(" ", command));
                assertEquals(redis.type("{t}dst"), pikko.type("{t}dst"));
            }
        }
    }

    /**
     * Keys of one hash tag: lists, sets and sorted sets of numbers or of words, weights for every
     * element in {t}w_* (distinct, so ALPHA BY has no ties whose order Redis leaves to its hash
     * table), weights for some elements in {t}m_*, and hashes {t}h_* with some fields.
     */
    private static final class SortData {
        private static final String[] SORTABLE = {"{t}nl", "{t}wl", "{t}ns", "{t}is", "{t}ws", "{t}nz", "{t}wz",
                "{t}missing", "{t}str"};
        private final Random random;
        private final List<String> numbers = new ArrayList<>();
        private final List<String> words = new ArrayList<>();

        SortData(Random random) {
            this.random = random;
            for (int i = 0; i < 25; i++) {
                numbers.add(switch (random.nextInt(4)) {
                    case 0 -> Integer.toString(random.nextInt(100) - 50);
                    case 1 -> String.format(Locale.ROOT, "%.2f", random.nextDouble() * 20 - 10);
                    case 2 -> Integer.toString(random.nextInt(5));
                    default -> "1e" + random.nextInt(4);
                });
                words.add(switch (random.nextInt(3)) {
                    case 0 -> "w" + random.nextInt(40);
                    case 1 -> "Word" + (char) ('a' + random.nextInt(26));
                    default -> "z" + random.nextInt(1000);
                });
            }
        }

        void build(Jedis redis) {
            List<String> all = new ArrayList<>(numbers);
            all.addAll(words);
            for (int i = 0; i < 40; i++) {
                redis.rpush("{t}nl", pick(numbers));
                redis.rpush("{t}wl", pick(words));
            }
            for (int i = 0; i < 30; i++) {
                redis.sadd("{t}ns", pick(numbers));
                redis.sadd("{t}is", Integer.toString(random.nextInt(60) - 30));
                redis.sadd("{t}ws", pick(words));
                redis.zadd("{t}nz", random.nextInt(10), pick(numbers));
                redis.zadd("{t}wz", random.nextInt(10), pick(words));
            }
            List<String> elements = new ArrayList<>(all);
            for (int i = -30; i <= 30; i++) {
                elements.add(Integer.toString(i));
            }
            int distinct = 0;
            for (String e : elements) {
                redis.set("{t}w_" + e, random.nextBoolean() ? Integer.toString(1000 + distinct++) : "v" + distinct++);
                if (random.nextInt(3) > 0) {
                    redis.set("{t}m_" + e, Integer.toString(random.nextInt(7)));
                }
                if (random.nextInt(3) > 0) {
                    redis.hset("{t}h_" + e, "f", Integer.toString(random.nextInt(9)));
                }
                if (random.nextInt(3) == 0) {
                    redis.hset("{t}h_" + e, "g", "text" + random.nextInt(9));
                }
            }
            redis.set("{t}str", "not a collection");
        }

        String[] sortCommand() {
            boolean readonly = random.nextInt(5) == 0;
            String key = SORTABLE[random.nextInt(SORTABLE.length)];
            boolean set = key.endsWith("s");
            List<String> args = new ArrayList<>(List.of(readonly ? "SORT_RO" : "SORT", key));
            boolean alpha = random.nextInt(3) == 0;
            boolean store = !readonly && random.nextInt(4) == 0;
            String by = switch (random.nextInt(6)) {
                case 0 -> "{t}w_*";
                case 1 -> alpha ? "{t}w_*" : "{t}m_*";
                case 2 -> alpha ? null : "{t}h_*->f";
                case 3 -> set && !store ? null : "nosort";
                default -> null;
            };
            List<List<String>> options = new ArrayList<>();
            if (by != null) {
                options.add(List.of("BY", by));
            }
            if (alpha) {
                options.add(List.of("ALPHA"));
            }
            if (random.nextBoolean()) {
                options.add(List.of(random.nextBoolean() ? "DESC" : "ASC"));
            }
            if (random.nextInt(3) == 0) {
                options.add(List.of("LIMIT", Integer.toString(random.nextInt(14) - 2), Integer.toString(random.nextInt(14) - 2)));
            }
            int gets = random.nextInt(5) < 3 ? 0 : 1 + random.nextInt(2);
            for (int g = 0; g < gets; g++) {
                String[] patterns = {"#", "{t}w_*", "{t}h_*->f", "{t}h_*->g", "{t}m_*", "constant", "{t}w_*->f"};
                options.add(List.of("GET", patterns[random.nextInt(patterns.length)]));
            }
            if (store) {
                options.add(List.of("STORE", "{t}dst"));
            }
            if (random.nextInt(40) == 0) {
                options.add(List.of(random.nextBoolean() ? "LIMIT" : "BOGUS"));
            }
            if (random.nextInt(40) == 0) {
                options.add(List.of("LIMIT", "x", "1"));
            }
            Collections.shuffle(options, random);
            options.forEach(args::addAll);
            return args.toArray(new String[0]);
        }

        private String pick(List<String> from) {
            return from.get(random.nextInt(from.size()));
        }
    }

    private void copyToPikko(String key) {
        byte[] payload = redis.dump(key);
        assertEquals("OK", reply(pikko, "RESTORE", key, "0", payload, "REPLACE"));
    }

    private static Object call(Jedis jedis, Object... args) {
        byte[][] rest = new byte[args.length - 1][];
        for (int i = 1; i < args.length; i++) {
            rest[i - 1] = args[i] instanceof byte[] b ? b : args[i].toString().getBytes(StandardCharsets.UTF_8);
        }
        return RawCommands.plain(jedis.sendCommand(() -> SafeEncoder.encode(args[0].toString()), rest));
    }

    /** The reply as text, or the error message. */
    private static String reply(Jedis jedis, Object... args) {
        try {
            return String.valueOf(call(jedis, args));
        } catch (JedisDataException e) {
            return "(error) " + e.getMessage();
        }
    }
}
