package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Runs a seeded random sequence of commands against redis-server and Pikko and fails at the first
 * reply that differs, naming the seed, the step and the commands before it.
 */
final class Differential {
    /**
     * How replies are compared. {@code unordered}: commands whose array replies Redis gives in no
     * set order (SMEMBERS, HKEYS, ...), compared sorted; {@code pairs}: of those, the ones whose
     * replies are field-value pairs (HGETALL), sorted as pairs.
     */
    record Rules(Set<String> unordered, Set<String> pairs) {
        static final Rules EXACT = new Rules(Set.of(), Set.of());
    }

    private Differential() {}

    static void compare(Jedis redis, Jedis pikko, long seed, int steps, Rules rules, Function<Random, String[]> next) {
        Random random = new Random(seed);
        redis.flushAll();
        pikko.flushAll();
        List<String> history = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            String[] command = next.apply(random);
            history.add(String.join(" ", command));
            String expected = normalize(command, call(redis, command), rules);
            String actual = normalize(command, call(pikko, command), rules);
            if (!expected.equals(actual)) {
                fail("seed " + seed + ", step " + step + ": " + String.join(" ", command)
                        + "\n  redis: " + expected + "\n  pikko: " + actual
                        + "\n  last commands: " + history.subList(Math.max(0, history.size() - 8), history.size()));
            }
        }
        assertEquals(new TreeSet<>(redis.keys("*")), new TreeSet<>(pikko.keys("*")), "keyspaces differ at the end");
        assertEquals(redis.dbSize(), pikko.dbSize());
    }

    private static Object call(Jedis jedis, String[] command) {
        byte[][] args = new byte[command.length - 1][];
        for (int i = 1; i < command.length; i++) {
            args[i - 1] = command[i].getBytes(StandardCharsets.UTF_8);
        }
        try {
            return jedis.sendCommand(() -> SafeEncoder.encode(command[0]), args);
        } catch (JedisDataException e) {
            return new ErrorReply(e.getMessage());
        }
    }

    /** TTLs compare as their sign only, since the two servers' clocks are read a moment apart. */
    private static String normalize(String[] command, Object reply, Rules rules) {
        String name = command[0].toLowerCase();
        if ((name.equals("ttl") || name.equals("pttl")) && reply instanceof Long ttl) {
            return ttl < 0 ? ttl.toString() : "positive";
        }
        if (rules.unordered().contains(name) && reply instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            if (rules.pairs().contains(name)) {
                for (int i = 0; i + 1 < list.size(); i += 2) {
                    items.add(render(list.get(i)) + "=" + render(list.get(i + 1)));
                }
            } else {
                list.forEach(item -> items.add(render(item)));
            }
            return "unordered" + new TreeSet<>(items) + " size " + list.size();
        }
        return render(reply);
    }

    static String render(Object reply) {
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
        return String.valueOf(reply);
    }

    private record ErrorReply(String message) {
        @Override
        public String toString() {
            return "(error) " + message;
        }
    }
}
