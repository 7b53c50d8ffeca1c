package io.pikko.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * String and key commands: the same seeded random sequence goes to redis-server and to Pikko, and
 * every reply must be the same, errors included.
 */
class DifferentialTest extends DifferentialTestBase {
    private static final int STEPS = 3000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void stringsAndKeysReplyAsRedisDoes(long seed) {
        Differential.compare(redis, pikko, seed, STEPS, Differential.Rules.EXACT, random -> new CommandGenerator(random).next());
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
}
