package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bitmaps, HyperLogLogs and geo indexes: the same seeded random commands go to redis-server and
 * to Pikko, and every reply must be the same, errors included. Keys are shared between the three
 * kinds, so commands also meet values of the wrong type, and the bytes of each string are read
 * back through BITFIELD_RO, which compares them exactly.
 */
class BitmapHllGeoDifferentialTest extends DifferentialTestBase {
    private static final int STEPS = 3000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14})
    void repliesMatchRedis(long seed) {
        Differential.compare(redis, pikko, seed, STEPS, Differential.Rules.EXACT, random -> new CommandGenerator(random).next());
    }

    /**
     * HyperLogLogs of several sizes hold the very bytes redis-server holds, sparse and dense, and
     * give its estimates, alone, merged and counted together.
     */
    @Test
    void hyperLogLogsAreByteForByteRedis() {
        Random random = new Random(7);
        int[] sizes = {1, 7, 100, 700, 2_000, 10_000, 60_000};
        for (int i = 0; i < sizes.length; i++) {
            String key = "{h}set" + i;
            for (int from = 0; from < sizes[i]; from += 500) {
                String[] elements = new String[Math.min(500, sizes[i] - from)];
                for (int j = 0; j < elements.length; j++) {
                    elements[j] = Long.toHexString(random.nextLong()) + ":" + (from + j);
                }
                assertEquals(redis.pfadd(key, elements), pikko.pfadd(key, elements));
            }
            assertArrayEquals(redis.get(key.getBytes()), pikko.get(key.getBytes()), key + " before PFCOUNT");
            assertEquals(redis.pfcount(key), pikko.pfcount(key), key);
            assertArrayEquals(redis.get(key.getBytes()), pikko.get(key.getBytes()), key + " after PFCOUNT");
        }
        for (int i = 0; i + 1 < sizes.length; i++) {
            String a = "{h}set" + i;
            String b = "{h}set" + (i + 1);
            assertEquals(redis.pfcount(a, b), pikko.pfcount(a, b));
            assertEquals(redis.pfmerge("{h}merged" + i, a, b), pikko.pfmerge("{h}merged" + i, a, b));
            assertArrayEquals(redis.get(("{h}merged" + i).getBytes()), pikko.get(("{h}merged" + i).getBytes()));
            assertEquals(redis.pfcount("{h}merged" + i), pikko.pfcount("{h}merged" + i));
        }
    }

    /** Random commands over a few keys of one hash tag, so that multi-key commands stay in one slot. */
    private static final class CommandGenerator {
        private static final String[] BITMAPS = {"{t}b0", "{t}b1", "{t}b2"};
        private static final String[] HLLS = {"{t}h0", "{t}h1", "{t}h2"};
        private static final String[] GEOS = {"{t}g0", "{t}g1", "{t}g2"};
        /**
         * Where searches store: mostly keys of their own, so that stores do not wipe the indexes.
         * Stored distances are read back without their scores, whose last bit may differ from
         * Redis's (see GeoMath); they stay out of the geo indexes, whose scores are compared.
         */
        private static final String[] TARGETS = {"{t}s0", "{t}s1", "{t}g0"};
        private static final String[] DISTANCE_TARGETS = {"{t}s0", "{t}s1"};
        private static final String[] UNITS = {"m", "km", "ft", "mi", "KM", "yd"};

        private final Random random;

        CommandGenerator(Random random) {
            this.random = random;
        }

        private String pick(String[] keys) {
            // Now and then a key of another kind, for WRONGTYPE and for bit commands on any string.
            if (random.nextInt(25) == 0) {
                String[][] all = {BITMAPS, HLLS, GEOS};
                String[] other = all[random.nextInt(3)];
                return other[random.nextInt(other.length)];
            }
            return keys[random.nextInt(keys.length)];
        }

        private String any(String[] keys) {
            return keys[random.nextInt(keys.length)];
        }

        String[] next() {
            int kind = random.nextInt(100);
            if (kind < 35) {
                return bitmapCommand();
            }
            if (kind < 60) {
                return hllCommand();
            }
            if (kind < 95) {
                return geoCommand();
            }
            return keyCommand();
        }

        private String[] keyCommand() {
            String[][] all = {BITMAPS, HLLS, GEOS};
            String key = pick(all[random.nextInt(3)]);
            return switch (random.nextInt(6)) {
                case 0, 5 -> new String[] {"DEL", key};
                case 1 -> new String[] {"TYPE", key};
                case 2 -> new String[] {"EXPIRE", key, "1000"};
                case 3 -> new String[] {"TTL", key};
                default -> new String[] {"STRLEN", key};
            };
        }

        /** Reads a string's bytes exactly: up to 63 bits per GET, at offsets from 0 to about 5000. */
        private String[] probe(String key) {
            List<String> args = new ArrayList<>(List.of("BITFIELD_RO", key));
            int start = random.nextInt(3) == 0 ? random.nextInt(5000) : 0;
            for (int i = 0; i < 8; i++) {
                args.addAll(List.of("GET", "u63", Integer.toString(start + 63 * i)));
            }
            return args.toArray(new String[0]);
        }

        private String offset() {
            return switch (random.nextInt(20)) {
                case 0 -> "-1";
                case 1 -> "x";
                case 2 -> "4294967296";
                case 3 -> Integer.toString(random.nextInt(40_000));
                default -> Integer.toString(random.nextInt(300));
            };
        }

        private String index() {
            return switch (random.nextInt(12)) {
                case 0 -> "x";
                case 1 -> Long.toString(Long.MIN_VALUE);
                default -> Integer.toString(random.nextInt(90) - 45);
            };
        }

        private String[] bitmapCommand() {
            String key = pick(BITMAPS);
            return switch (random.nextInt(14)) {
                case 0, 1, 2 -> new String[] {"SETBIT", key, offset(), random.nextInt(15) == 0 ? "2" : Integer.toString(random.nextInt(2))};
                case 3 -> new String[] {"GETBIT", key, offset()};
                case 4 -> bitcount(key);
                case 5 -> bitpos(key);
                case 6 -> bitop();
                case 7, 8 -> bitfield(key, false);
                case 9 -> bitfield(key, true);
                case 10 -> new String[] {"SET", key, "v" + random.nextInt(1_000_000)};
                case 11 -> new String[] {"APPEND", key, "\u0000\u00ff" + random.nextInt(100)};
                default -> probe(key);
            };
        }

        private String[] bitcount(String key) {
            List<String> args = new ArrayList<>(List.of("BITCOUNT", key));
            int form = random.nextInt(4);
            if (form >= 1) {
                args.add(index());
                args.add(index());
            }
            if (form >= 2) {
                args.add(new String[] {"BIT", "byte", "bits"}[random.nextInt(3)]);
            }
            if (form == 3 && random.nextInt(4) == 0) {
                args.remove(args.size() - 1);
                args.remove(args.size() - 1);
            }
            return args.toArray(new String[0]);
        }

        private String[] bitpos(String key) {
            List<String> args = new ArrayList<>(List.of("BITPOS", key, random.nextInt(15) == 0 ? "2" : Integer.toString(random.nextInt(2))));
            int extra = random.nextInt(5);
            if (extra >= 1) {
                args.add(index());
            }
            if (extra >= 2) {
                args.add(index());
            }
            if (extra >= 3) {
                args.add(new String[] {"BIT", "BYTE", "bit", "x"}[random.nextInt(4)]);
            }
            return args.toArray(new String[0]);
        }

        private String[] bitop() {
            String op = new String[] {"AND", "or", "XOR", "NOT", "NAND"}[random.nextInt(5)];
            List<String> args = new ArrayList<>(List.of("BITOP", op, pick(BITMAPS)));
            int sources = op.equals("NOT") && random.nextInt(6) != 0 ? 1 : 1 + random.nextInt(3);
            for (int i = 0; i < sources; i++) {
                args.add(random.nextInt(8) == 0 ? "{t}none" : pick(BITMAPS));
            }
            return args.toArray(new String[0]);
        }

        private String[] bitfield(String key, boolean readOnly) {
            List<String> args = new ArrayList<>(List.of(readOnly ? "BITFIELD_RO" : "BITFIELD", key));
            int ops = 1 + random.nextInt(3);
            for (int i = 0; i < ops; i++) {
                int op = random.nextInt(readOnly ? 5 : 10);
                if (op == 4 && !readOnly || op >= 7) {
                    args.addAll(List.of("OVERFLOW", new String[] {"WRAP", "SAT", "FAIL", "fail", "CLAMP"}[random.nextInt(5)]));
                    continue;
                }
                String type = bitfieldType();
                String offset = random.nextInt(4) == 0 ? "#" + random.nextInt(10) : offset();
                if (op < 4 || readOnly && random.nextInt(8) != 0) {
                    args.addAll(List.of("GET", type, offset));
                } else {
                    args.addAll(List.of(random.nextBoolean() ? "SET" : "INCRBY", type, offset, bitfieldValue()));
                }
            }
            return args.toArray(new String[0]);
        }

        private String bitfieldType() {
            if (random.nextInt(25) == 0) {
                return new String[] {"u64", "i65", "i0", "x8", "u"}[random.nextInt(5)];
            }
            int bits = 1 + random.nextInt(64);
            return random.nextBoolean() ? "i" + bits : "u" + Math.min(bits, 63);
        }

        private String bitfieldValue() {
            return switch (random.nextInt(8)) {
                case 0 -> Long.toString(random.nextLong());
                case 1 -> Long.toString(Long.MAX_VALUE - random.nextInt(3));
                case 2 -> Long.toString(Long.MIN_VALUE + random.nextInt(3));
                case 3 -> "1.5";
                default -> Integer.toString(random.nextInt(600) - 300);
            };
        }

        private String element() {
            // Mostly a small pool, so that adds repeat; sometimes new ones.
            return random.nextInt(4) == 0 ? "n" + random.nextInt(1_000_000) : "e" + random.nextInt(300);
        }

        private String[] hllCommand() {
            String key = pick(HLLS);
            return switch (random.nextInt(12)) {
                case 0, 1 -> pfadd(key, 1 + random.nextInt(4));
                case 2 -> random.nextInt(8) == 0 ? corrupt(key) : pfadd(key, 1 + random.nextInt(4));
                case 3 -> pfadd(key, 50 + random.nextInt(400));
                case 4, 5 -> new String[] {"PFCOUNT", key};
                case 6 -> new String[] {"PFCOUNT", pick(HLLS), pick(HLLS), random.nextBoolean() ? "{t}none" : pick(HLLS)};
                case 7 -> new String[] {"PFMERGE", pick(HLLS), pick(HLLS), random.nextBoolean() ? "{t}none" : pick(HLLS)};
                case 8 -> random.nextInt(4) == 0 ? new String[] {"PFMERGE", key} : new String[] {"PFADD", key};
                case 9 -> new String[] {"PFCOUNT", key, pick(HLLS)};
                default -> probe(key);
            };
        }

        private String[] pfadd(String key, int elements) {
            List<String> args = new ArrayList<>(List.of("PFADD", key));
            for (int i = 0; i < elements; i++) {
                args.add(element());
            }
            return args.toArray(new String[0]);
        }

        /** A value that is not a valid HyperLogLog, or one whose registers do not add up. */
        private String[] corrupt(String key) {
            String header = "HYLL\u0001\u0000\u0000\u0000" + "\u0000".repeat(8);
            return switch (random.nextInt(4)) {
                case 0 -> new String[] {"SET", key, "HYLL"};
                case 1 -> new String[] {"SET", key, header + "@c"};
                case 2 -> new String[] {"APPEND", key, "\u0001"};
                default -> new String[] {"SET", key, "HYLL\u0000" + "\u0000".repeat(11) + "x"};
            };
        }

        private String longitude() {
            return String.format(Locale.ROOT, "%.6f", 10 + random.nextDouble() * 10);
        }

        private String latitude() {
            return String.format(Locale.ROOT, "%.6f", 35 + random.nextDouble() * 10);
        }

        private String member() {
            return "m" + random.nextInt(15);
        }

        private String[] geoCommand() {
            String key = pick(GEOS);
            return switch (random.nextInt(20)) {
                case 0, 1, 2, 3 -> geoadd(key);
                case 4 -> new String[] {"GEOPOS", key, member(), member(), "odd"};
                case 5 -> geodist(key);
                case 6 -> new String[] {"GEOHASH", key, member(), member(), "odd"};
                case 7, 8, 9 -> geosearch(key, false);
                case 10 -> geosearch(key, true);
                case 11, 12 -> georadius(key);
                case 13 -> random.nextBoolean()
                        ? new String[] {"ZRANGE", pick(GEOS), "0", "-1", "WITHSCORES"}
                        : new String[] {"ZRANGE", any(DISTANCE_TARGETS), "0", "-1"};
                case 14 -> new String[] {"ZSCORE", key, member()};
                case 15 -> new String[] {"ZCARD", key};
                case 16 -> new String[] {"ZADD", key, oddScore(), "odd"};
                case 17 -> new String[] {"ZREM", key, member()};
                default -> geoadd(key);
            };
        }

        private String oddScore() {
            return switch (random.nextInt(4)) {
                case 0 -> "-5";
                case 1 -> "1e20";
                case 2 -> Long.toString(random.nextLong() & ((1L << 52) - 1));
                default -> Long.toString(3479099956230698L + random.nextInt(1_000_000_000));
            };
        }

        private String[] geoadd(String key) {
            List<String> args = new ArrayList<>(List.of("GEOADD", key));
            if (random.nextInt(4) == 0) {
                args.add(new String[] {"NX", "XX", "CH", "ch", "NX"}[random.nextInt(5)]);
                if (random.nextBoolean()) {
                    args.add(new String[] {"CH", "XX"}[random.nextInt(2)]);
                }
            }
            int triples = 1 + random.nextInt(3);
            for (int i = 0; i < triples; i++) {
                switch (random.nextInt(40)) {
                    case 0 -> args.addAll(List.of("181", latitude(), member()));
                    case 1 -> args.addAll(List.of(longitude(), "-85.1", member()));
                    case 2 -> args.addAll(List.of("x", latitude(), member()));
                    case 3 -> args.add(member());
                    default -> args.addAll(List.of(longitude(), latitude(), member()));
                }
            }
            return args.toArray(new String[0]);
        }

        private String[] geodist(String key) {
            List<String> args = new ArrayList<>(List.of("GEODIST", key, member(), member()));
            if (random.nextBoolean()) {
                args.add(UNITS[random.nextInt(UNITS.length)]);
            }
            return args.toArray(new String[0]);
        }

        private String unit() {
            return random.nextInt(15) == 0 ? "yd" : UNITS[random.nextInt(4)];
        }

        /** A distance in the given unit that reaches a useful share of the points. */
        private String distance(String unit) {
            if (random.nextInt(20) == 0) {
                return new String[] {"-1", "x", "0", "inf", "40000000"}[random.nextInt(5)];
            }
            double km = random.nextInt(4) == 0 ? random.nextDouble() * 30 : random.nextDouble() * 600;
            double metres = km * 1000;
            double perUnit = switch (unit) {
                case "km" -> 1000;
                case "ft" -> 0.3048;
                case "mi" -> 1609.34;
                default -> 1;
            };
            return String.format(Locale.ROOT, "%.3f", metres / perUnit);
        }

        /** Sorting and COUNT options, and the WITH* ones when {@code withReplies}. */
        private List<String> searchOptions(boolean withReplies) {
            List<String> options = new ArrayList<>();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                switch (random.nextInt(withReplies ? 8 : 5)) {
                    case 0 -> options.add("ASC");
                    case 1 -> options.add("DESC");
                    case 2 -> options.addAll(List.of("COUNT", random.nextInt(12) == 0 ? "0" : Integer.toString(1 + random.nextInt(6))));
                    case 3 -> options.addAll(List.of("COUNT", Integer.toString(1 + random.nextInt(4)), "ANY"));
                    case 4 -> options.add(random.nextInt(10) == 0 ? "ANY" : "ASC");
                    case 5 -> options.add("WITHDIST");
                    case 6 -> options.add("WITHCOORD");
                    default -> options.add("WITHHASH");
                }
            }
            return options;
        }

        private String[] geosearch(String key, boolean store) {
            boolean storeDist = store && random.nextBoolean();
            List<String> args = new ArrayList<>(store
                    ? List.of("GEOSEARCHSTORE", storeDist ? any(DISTANCE_TARGETS) : any(TARGETS), key)
                    : List.of("GEOSEARCH", key));
            if (random.nextBoolean()) {
                args.addAll(List.of("FROMMEMBER", member()));
            } else {
                args.addAll(List.of("FROMLONLAT", longitude(), random.nextInt(30) == 0 ? "86" : latitude()));
            }
            String unit = unit();
            if (random.nextBoolean()) {
                args.addAll(List.of("BYRADIUS", distance(unit), unit));
            } else {
                args.addAll(List.of("BYBOX", distance(unit), distance(unit), unit));
            }
            args.addAll(searchOptions(!store || random.nextInt(10) == 0));
            if (storeDist) {
                args.add("STOREDIST");
            }
            if (random.nextInt(30) == 0) {
                args.add(random.nextBoolean() ? "STORE" : "BYRADIUS");
            }
            return args.toArray(new String[0]);
        }

        private String[] georadius(String key) {
            String unit = unit();
            List<String> args = new ArrayList<>(random.nextBoolean()
                    ? List.of("GEORADIUS", key, longitude(), latitude(), distance(unit), unit)
                    : List.of("GEORADIUSBYMEMBER", key, member(), distance(unit), unit));
            boolean store = random.nextInt(3) == 0;
            args.addAll(searchOptions(!store || random.nextInt(10) == 0));
            if (store) {
                boolean storeDist = random.nextBoolean();
                args.addAll(storeDist ? List.of("STOREDIST", any(DISTANCE_TARGETS)) : List.of("STORE", any(TARGETS)));
            }
            return args.toArray(new String[0]);
        }
    }
}
