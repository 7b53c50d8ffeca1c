package io.pikko.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EVAL and EVAL_RO scripts drawn from a seeded generator go to redis-server and to Pikko, and every
 * reply must be the same: calls of string, hash and list commands, pcall errors, errors raised on a
 * given line, and return values of every type Lua converts.
 */
class ScriptDifferentialTest extends DifferentialTestBase {
    private static final int STEPS = 400;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {71, 72, 73})
    void scriptsReplyAsRedisDoes(long seed) {
        Differential.compare(redis, pikko, seed, STEPS, Differential.Rules.EXACT, random -> new Generator(random).next());
    }

    /** Scripts over three keys of one hash tag, which now and then hold the wrong type. */
    private static final class Generator {
        private static final String[] ARGS = {"1", "2", "abc", "-5", "", "10"};

        private final Random random;

        Generator(Random random) {
            this.random = random;
        }

        private String key() {
            return "KEYS[" + (1 + random.nextInt(3)) + "]";
        }

        private String arg() {
            return "ARGV[" + (1 + random.nextInt(3)) + "]";
        }

        private int n() {
            return random.nextInt(21) - 5;
        }

        private String write() {
            return switch (random.nextInt(8)) {
                case 0 -> "redis.call('set', " + key() + ", " + arg() + ")";
                case 1 -> "redis.call('incrby', " + key() + ", " + n() + ")";
                case 2 -> "redis.call('rpush', " + key() + ", " + arg() + ", 'x')";
                case 3 -> "redis.call('hset', " + key() + ", 'f' .. " + random.nextInt(3) + ", " + arg() + ")";
                case 4 -> "local r = redis.pcall('incr', " + key() + ")";
                case 5 -> "redis.pcall('lpush', " + key() + ", 'y')";
                case 6 -> "redis.call('del', " + key() + ")";
                default -> "redis.call('append', " + key() + ", " + arg() + ")";
            };
        }

        private String read() {
            return switch (random.nextInt(8)) {
                case 0 -> "local v = redis.call('get', " + key() + ")";
                case 1 -> "local v = redis.pcall('lrange', " + key() + ", 0, -1)";
                case 2 -> "local v = redis.call('exists', " + key() + ", " + key() + ")";
                case 3 -> "local v = redis.pcall('hget', " + key() + ", 'f1')";
                case 4 -> "local v = redis.call('type', " + key() + ").ok";
                case 5 -> "local v = redis.pcall('strlen', " + key() + ")";
                case 6 -> "local v = redis.pcall('llen', " + key() + ")";
                default -> "local v = " + n();
            };
        }

        private String returned() {
            return switch (random.nextInt(22)) {
                case 0 -> "redis.call('get', " + key() + ")";
                case 1 -> "redis.pcall('incr', " + key() + ")";
                case 2 -> "redis.call('lrange', " + key() + ", 0, -1)";
                case 3 -> "redis.pcall('hget', " + key() + ", 'f' .. " + random.nextInt(3) + ")";
                case 4 -> "{1, 'two', 3.7, true, false, -2.5}";
                case 5 -> "{" + n() + ", {" + n() + ", 'in'}, " + arg() + "}";
                case 6 -> "redis.status_reply('S" + n() + "')";
                case 7 -> "redis.error_reply('E" + n() + " custom')";
                case 8 -> "{err = 'X" + n() + "'}";
                case 9 -> "redis.call('type', " + key() + ")";
                case 10 -> "type(redis.call('get', " + key() + "))";
                case 11 -> "redis.call('exists', KEYS[1], KEYS[2], KEYS[3])";
                case 12 -> "#redis.pcall('lrange', " + key() + ", 0, -1)";
                case 13 -> "redis.sha1hex(" + arg() + ")";
                case 14 -> "bit.band(" + n() + ", 7)";
                case 15 -> "(function() local r = redis.pcall('hlen', " + key() + "); "
                        + "if type(r) == 'table' then return r.err end return r end)()";
                case 16 -> "tonumber(" + arg() + ")";
                case 17 -> "nil";
                case 18 -> n() + " / 2";
                case 19 -> "redis.call('incrby', " + key() + ", " + n() + ")";
                case 20 -> "cjson.encode({" + n() + ", 'a'})";
                default -> "redis.call('nosuch', " + key() + ")";
            };
        }

        String[] next() {
            boolean readOnly = random.nextInt(6) == 0;
            List<String> lines = new ArrayList<>();
            int statements = random.nextInt(4);
            for (int i = 0; i < statements; i++) {
                lines.add(readOnly || random.nextBoolean() ? read() : write());
            }
            if (random.nextInt(12) == 0) {
                lines.add("error('fail " + n() + "')");
            }
            lines.add("return " + returned());
            List<String> command = new ArrayList<>(List.of(readOnly ? "EVAL_RO" : "EVAL", String.join("\n", lines), "3",
                    "{s}a", "{s}b", "{s}c"));
            for (int i = 0; i < 3; i++) {
                command.add(ARGS[random.nextInt(ARGS.length)]);
            }
            return command.toArray(new String[0]);
        }
    }
}
