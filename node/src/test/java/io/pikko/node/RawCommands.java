package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Sends raw commands and compares replies as plain values: bulk and status replies as
 * strings, integers as longs, nil as null, arrays as lists.
 */
interface RawCommands {
    Jedis jedis();

    default Object call(String... args) {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return plain(jedis().sendCommand(() -> SafeEncoder.encode(args[0]), rest));
    }

    /** A reply as a plain value: bulk and status replies as strings, arrays as lists of plain values. */
    static Object plain(Object reply) {
        if (reply instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (reply instanceof List<?> items) {
            return items.stream().map(RawCommands::plain).toList();
        }
        return reply;
    }

    /** Asserts the reply; an Integer expected value stands for the integer reply. */
    default void assertReply(Object expected, String... args) {
        Object wanted = expected instanceof Integer i ? Long.valueOf(i) : expected;
        assertEquals(wanted, call(args), () -> String.join(" ", args));
    }

    default void assertError(String expected, String... args) {
        JedisDataException e = assertThrows(JedisDataException.class, () -> call(args),
                () -> String.join(" ", args) + " should fail");
        assertEquals(expected, e.getMessage(), () -> String.join(" ", args));
    }

    default long number(String... args) {
        return (Long) call(args);
    }

    /** Asserts TTL (or PTTL when {@code millis}) lies in [low, high]. */
    default void assertTtl(String key, long low, long high, boolean millis) {
        long ttl = number(millis ? "PTTL" : "TTL", key);
        assertTrue(ttl >= low && ttl <= high, () -> "ttl of " + key + " is " + ttl + ", not in [" + low + ", " + high + "]");
    }

    default void assertTtl(String key, long low, long high) {
        assertTtl(key, low, high, false);
    }
}
