package io.pikko.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

/**
 * List commands: the same seeded random sequence goes to redis-server and to Pikko, and every reply
 * must be the same, errors included. Elements come from a small alphabet so that LREM, LPOS and
 * LINSERT find matches; indexes and counts stray out of range and are now and then malformed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListDifferentialTest {
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
    @ValueSource(longs = {21, 22, 23, 24, 25})
    void listsReplyAsRedisDoes(long seed) {
        try (Jedis r = redis.client(); Jedis p = pikko.client()) {
            Differential.compare(r, p, seed, STEPS, Differential.Rules.EXACT, random -> new Generator(random).next());
        }
    }

    /** Random list commands over a few keys of one hash tag, one of which is sometimes a string. */
    private static final class Generator {
        private static final String[] ELEMENTS = {"a", "b", "c", "d", "a", "b", "", "aa", "x y", "1", "-1"};
        private static final String[] BAD_NUMBERS = {"x", "1.5", "", " 1", "9223372036854775808"};

        private final Random random;

        Generator(Random random) {
            this.random = random;
        }

        private boolean chance(int percent) {
            return random.nextInt(100) < percent;
        }

        private String pick(String... options) {
            return options[random.nextInt(options.length)];
        }

        private String key() {
            return pick("{l}a", "{l}a", "{l}b", "{l}b", "{l}c", "{l}s", "{l}none");
        }

        private String element() {
            return pick(ELEMENTS);
        }

        private String[] elements(int max) {
            String[] elements = new String[1 + random.nextInt(max)];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = element();
            }
            return elements;
        }

        /** An index or count: mostly small, sometimes far out of range or not a number. */
        private String index() {
            if (chance(4)) {
                return pick(BAD_NUMBERS);
            }
            if (chance(4)) {
                return pick("9223372036854775807", "-9223372036854775808", "100", "-100");
            }
            return Integer.toString(random.nextInt(21) - 10);
        }

        private String count() {
            if (chance(8)) {
                return pick("0", "-1", "x", "-9223372036854775808");
            }
            return Integer.toString(1 + random.nextInt(6));
        }

        private String side() {
            return chance(3) ? pick("UP", "middle") : pick("LEFT", "RIGHT", "left", "right");
        }

        private static String[] command(String name, String... args) {
            String[] all = new String[args.length + 1];
            all[0] = name;
            System.arraycopy(args, 0, all, 1, args.length);
            return all;
        }

        private static String[] withElements(String name, String key, String[] rest) {
            List<String> all = new ArrayList<>(List.of(name, key));
            all.addAll(List.of(rest));
            return all.toArray(new String[0]);
        }

        String[] next() {
            return switch (random.nextInt(40)) {
                case 0, 1, 2, 3 -> withElements("RPUSH", key(), elements(chance(10) ? 30 : 4));
                case 4, 5, 6 -> withElements("LPUSH", key(), elements(chance(10) ? 30 : 4));
                case 7 -> withElements("RPUSHX", key(), elements(3));
                case 8 -> withElements("LPUSHX", key(), elements(3));
                case 9, 10 -> chance(50) ? command("LPOP", key()) : command("LPOP", key(), count());
                case 11, 12 -> chance(50) ? command("RPOP", key()) : command("RPOP", key(), count());
                case 13 -> command("LLEN", key());
                case 14, 15 -> command("LINDEX", key(), index());
                case 16, 17, 18 -> command("LRANGE", key(), index(), index());
                case 19 -> command("LSET", key(), index(), element());
                case 20, 21 -> command("LINSERT", key(), chance(5) ? "AROUND" : pick("BEFORE", "AFTER", "after"),
                        element(), element());
                case 22, 23 -> command("LREM", key(), chance(5) ? pick(BAD_NUMBERS) : Integer.toString(random.nextInt(7) - 3),
                        element());
                case 24 -> command("LTRIM", key(), index(), index());
                case 25, 26 -> lpos();
                case 27, 28 -> command("LMOVE", key(), key(), side(), side());
                case 29 -> command("RPOPLPUSH", key(), key());
                case 30, 31 -> lmpop();
                case 32 -> command("TYPE", key());
                case 33 -> command("DEL", key());
                case 34 -> command("SET", "{l}s", "string");
                case 35 -> command("EXISTS", key(), key());
                case 36 -> command("EXPIRE", key(), pick("100", "0", "-1"));
                case 37 -> blockingThatNeedNotWait();
                case 38 -> command("COPY", key(), key(), "REPLACE");
                default -> command("RENAME", key(), key());
            };
        }

        private String[] lpos() {
            List<String> args = new ArrayList<>(List.of("LPOS", key(), element()));
            int options = random.nextInt(4);
            for (int i = 0; i < options; i++) {
                switch (random.nextInt(7)) {
                    case 0, 1 -> args.addAll(List.of("RANK", chance(10) ? pick("0", "x") : Integer.toString(random.nextInt(7) - 3)));
                    case 2, 3 -> args.addAll(List.of("COUNT", chance(10) ? pick("-1", "x") : Integer.toString(random.nextInt(4))));
                    case 4, 5 -> args.addAll(List.of("MAXLEN", chance(10) ? pick("-1", "x") : Integer.toString(random.nextInt(6))));
                    default -> args.add(pick("RANK", "FOO"));
                }
            }
            return args.toArray(new String[0]);
        }

        private String[] lmpop() {
            int n = 1 + random.nextInt(3);
            List<String> args = new ArrayList<>(List.of("LMPOP", chance(5) ? pick("0", "-1", "x") : Integer.toString(n)));
            for (int i = 0; i < n; i++) {
                args.add(key());
            }
            args.add(chance(5) ? "MIDDLE" : pick("LEFT", "RIGHT"));
            if (chance(50)) {
                args.addAll(List.of("COUNT", count()));
            }
            if (chance(3)) {
                args.add("EXTRA");
            }
            return args.toArray(new String[0]);
        }

        /** Blocking forms with a short timeout: they answer at once, or time out alike on both servers. */
        private String[] blockingThatNeedNotWait() {
            String timeout = chance(10) ? pick("-1", "x", "inf") : "0.01";
            return switch (random.nextInt(4)) {
                case 0 -> command("BLPOP", key(), key(), timeout);
                case 1 -> command("BRPOP", key(), timeout);
                case 2 -> command("BLMOVE", key(), key(), side(), side(), timeout);
                default -> command("BLMPOP", timeout, "2", key(), key(), pick("LEFT", "RIGHT"), "COUNT", count());
            };
        }
    }
}
