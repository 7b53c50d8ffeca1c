package io.pikko.node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sorted-set commands: the same seeded random sequence goes to redis-server and to Pikko, and every
 * reply must be the same, errors included. Scores mix integers, decimals, negatives, infinities and
 * ties; arguments are now and then malformed. Sets stay under 128 short members, where Redis's
 * replies (ZSCAN's, BYLEX over mixed scores) are fully defined by its compact encoding.
 */
class SortedSetDifferentialTest extends DifferentialTestBase {
    private static final int STEPS = 3000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void sortedSetsReplyAsRedisDoes(long seed) {
        Differential.compare(redis, pikko, seed, STEPS, Differential.Rules.EXACT, random -> new Generator(random).next());
    }

    /** Random sorted-set commands over a few keys of one hash tag, so multi-key commands apply. */
    private static final class Generator {
        private static final String[] SCORES = {
            "0", "1", "2", "3", "-1", "-2", "1.5", "-2.25", "0.1", "0.2", "3.14159", "1e3", "-1e-3", "inf", "-inf",
            "+inf", "-0", "100000000000000000", "2.5e-7", "42", "7", "7", "7"};
        private static final String[] BAD_NUMBERS = {"abc", "nan", "1x", "", " 1", "1e", "--1", "0x"};
        private static final String[] MEMBERS = {"a", "b", "c", "d", "e", "f", "g", "h", "aa", "ab", "", "m10", "m2", "Z"};

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

        /** Mostly sorted sets; sometimes the all-equal-score set, a plain set, a string or nothing. */
        private String key() {
            int n = random.nextInt(20);
            if (n < 12) {
                return "{z}" + "abc".charAt(n % 3);
            }
            return switch (n) {
                case 12, 13, 14 -> "{z}lex";
                case 15 -> "{z}set";
                case 16 -> "{z}str";
                case 17 -> "{z}dst";
                default -> "{z}none";
            };
        }

        private String score() {
            return chance(4) ? pick(BAD_NUMBERS) : pick(SCORES);
        }

        private String member() {
            return pick(MEMBERS);
        }

        private String index() {
            return chance(3) ? pick("x", "1.5", "") : Integer.toString(random.nextInt(25) - 12);
        }

        private String scoreBound() {
            if (chance(4)) {
                return pick("x", "((1", "[1", "nan", "1 ");
            }
            String bound = chance(15) ? pick("-inf", "+inf", "inf") : pick(SCORES);
            return chance(30) ? "(" + bound : bound;
        }

        private String lexBound() {
            if (chance(4)) {
                return pick("a", "", "+x", "-a", "1");
            }
            return switch (random.nextInt(6)) {
                case 0 -> "-";
                case 1 -> "+";
                case 2 -> "(" + member();
                default -> "[" + member();
            };
        }

        private void limit(List<String> command) {
            if (chance(40)) {
                command.add("LIMIT");
                command.add(chance(5) ? "x" : Integer.toString(random.nextInt(6) - 1));
                command.add(Integer.toString(random.nextInt(7) - 2));
            }
        }

        private List<String> keys(List<String> command) {
            int n = chance(5) ? random.nextInt(2) : 1 + random.nextInt(3);
            command.add(chance(3) ? pick("x", "-1", "0") : Integer.toString(n));
            for (int i = 0; i < n; i++) {
                command.add(key());
            }
            return command;
        }

        String[] next() {
            List<String> c = new ArrayList<>();
            int kind = random.nextInt(100);
            if (kind < 22) {
                zadd(c);
            } else if (kind < 26) {
                c.addAll(List.of("ZINCRBY", key(), score(), member()));
            } else if (kind < 30) {
                c.addAll(List.of("ZREM", key(), member()));
                if (chance(50)) {
                    c.add(member());
                }
            } else if (kind < 36) {
                simpleRead(c);
            } else if (kind < 50) {
                range(c);
            } else if (kind < 54) {
                c.addAll(List.of(pick("ZCOUNT", "ZREMRANGEBYSCORE"), key(), scoreBound(), scoreBound()));
            } else if (kind < 58) {
                c.addAll(List.of(pick("ZLEXCOUNT", "ZREMRANGEBYLEX", "ZLEXCOUNT"), key(), lexBound(), lexBound()));
            } else if (kind < 60) {
                c.addAll(List.of("ZREMRANGEBYRANK", key(), index(), index()));
            } else if (kind < 66) {
                pop(c);
            } else if (kind < 76) {
                algebra(c);
            } else if (kind < 80) {
                c.addAll(List.of("ZSCAN", key(), chance(5) ? pick("x", "-1") : "0"));
                if (chance(30)) {
                    c.addAll(List.of("MATCH", pick("*", "a*", "?", "*[a-c]", "m*")));
                }
                if (chance(20)) {
                    c.addAll(List.of("COUNT", pick("1", "5", "0", "x")));
                }
            } else if (kind < 84) {
                c.addAll(List.of("ZADD", "{z}lex", "0", member()));
            } else if (kind < 86) {
                c.addAll(List.of("SADD", "{z}set", member()));
            } else if (kind < 87) {
                c.addAll(List.of("SET", "{z}str", "v"));
            } else if (kind < 89) {
                c.addAll(List.of(pick("DEL", "TYPE", "EXISTS"), key()));
            } else {
                c.addAll(List.of("ZRANGE", key(), "0", "-1", "WITHSCORES"));
            }
            return c.toArray(String[]::new);
        }

        private void zadd(List<String> c) {
            c.add("ZADD");
            c.add(key());
            for (String option : new String[] {"NX", "XX", "GT", "LT", "CH", "INCR"}) {
                if (chance(option.equals("CH") ? 20 : 8)) {
                    c.add(chance(50) ? option : option.toLowerCase());
                }
            }
            int pairs = chance(70) ? 1 : 1 + random.nextInt(4);
            for (int i = 0; i < pairs; i++) {
                c.add(score());
                c.add(member());
            }
            if (chance(3)) {
                c.remove(c.size() - 1);
            }
        }

        private void simpleRead(List<String> c) {
            switch (random.nextInt(6)) {
                case 0 -> c.addAll(List.of("ZCARD", key()));
                case 1 -> c.addAll(List.of("ZSCORE", key(), member()));
                case 2 -> c.addAll(List.of("ZMSCORE", key(), member(), member(), member()));
                case 3 -> c.addAll(List.of("ZRANK", key(), member()));
                case 4 -> c.addAll(List.of("ZREVRANK", key(), member()));
                default -> c.addAll(List.of("ZSCORE", key(), member()));
            }
        }

        private void range(List<String> c) {
            int form = random.nextInt(9);
            switch (form) {
                case 0, 1 -> {
                    c.addAll(List.of(pick("ZRANGE", "ZREVRANGE"), key(), index(), index()));
                    if (chance(40)) {
                        c.add("WITHSCORES");
                    }
                    if (chance(5)) {
                        limit(c);
                    }
                }
                case 2 -> {
                    c.addAll(List.of(pick("ZRANGEBYSCORE", "ZREVRANGEBYSCORE"), key(), scoreBound(), scoreBound()));
                    if (chance(40)) {
                        c.add("WITHSCORES");
                    }
                    limit(c);
                }
                case 3 -> {
                    c.addAll(List.of(pick("ZRANGEBYLEX", "ZREVRANGEBYLEX"), key(), lexBound(), lexBound()));
                    limit(c);
                    if (chance(5)) {
                        c.add("WITHSCORES");
                    }
                }
                default -> {
                    boolean store = form == 8;
                    c.add(store ? "ZRANGESTORE" : "ZRANGE");
                    if (store) {
                        c.add(pick("{z}dst", "{z}a", "{z}c", "{z}str"));
                    }
                    c.add(key());
                    int by = random.nextInt(3);
                    c.add(by == 0 ? index() : by == 1 ? scoreBound() : lexBound());
                    c.add(by == 0 ? index() : by == 1 ? scoreBound() : lexBound());
                    List<String> options = new ArrayList<>();
                    if (by == 1 || chance(3)) {
                        options.add("BYSCORE");
                    }
                    if (by == 2 || chance(3)) {
                        options.add("BYLEX");
                    }
                    if (chance(40)) {
                        options.add("REV");
                    }
                    if (!store && chance(30) || chance(3)) {
                        options.add("WITHSCORES");
                    }
                    Collections.shuffle(options, random);
                    c.addAll(options);
                    if (by != 0 || chance(5)) {
                        limit(c);
                    }
                }
            }
        }

        private void pop(List<String> c) {
            switch (random.nextInt(3)) {
                case 0, 1 -> {
                    c.addAll(List.of(pick("ZPOPMIN", "ZPOPMAX"), key()));
                    if (chance(60)) {
                        c.add(chance(5) ? pick("-1", "x") : Integer.toString(random.nextInt(5)));
                    }
                }
                default -> {
                    c.add("ZMPOP");
                    keys(c);
                    c.add(chance(5) ? "MID" : pick("MIN", "MAX"));
                    if (chance(50)) {
                        c.add("COUNT");
                        c.add(chance(5) ? pick("0", "x") : Integer.toString(1 + random.nextInt(4)));
                    }
                }
            }
        }

        private void algebra(List<String> c) {
            String name = pick("ZUNION", "ZINTER", "ZDIFF", "ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE", "ZINTERCARD");
            c.add(name);
            boolean store = name.endsWith("STORE");
            if (store) {
                c.add(pick("{z}dst", "{z}dst", "{z}a", "{z}str"));
            }
            int numKeys = keys(c).size() - (store ? 3 : 2);
            // Mostly the options each command takes, now and then one it refuses.
            boolean weighted = !name.equals("ZDIFF") && !name.equals("ZDIFFSTORE") && !name.equals("ZINTERCARD");
            if (chance(weighted ? 30 : 3)) {
                c.add("WEIGHTS");
                for (int i = 0; i < Math.max(numKeys, 1); i++) {
                    c.add(chance(5) ? "w" : pick("1", "2", "-1", "0", "0.5", "inf", "-3"));
                }
            }
            if (chance(weighted ? 30 : 3)) {
                c.add("AGGREGATE");
                c.add(pick("SUM", "MIN", "MAX", "max", "avg"));
            }
            if (chance(store || name.equals("ZINTERCARD") ? 3 : 40)) {
                c.add("WITHSCORES");
            }
            if (chance(name.equals("ZINTERCARD") ? 50 : 3)) {
                c.add("LIMIT");
                c.add(pick("0", "1", "2", "-1", "x"));
            }
        }
    }
}
