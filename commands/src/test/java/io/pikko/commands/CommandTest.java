package io.pikko.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pikko.protocol.Reply;
import io.pikko.protocol.RespDoubles;
import io.pikko.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command test: one {@link CommandHarness} for the class, emptied before every test, and replies
 * compared as plain values, the way a RESP2 client reads them: bulk and status replies as strings, integers (and
 * booleans) as longs, doubles as the text Redis prints, nil as null, arrays, maps and sets as
 * lists. An error reply is an {@link ErrorReply} thrown by {@link #call}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CommandTest {
    protected CommandHarness harness;

    /** An error reply where a test wanted a value. */
    static final class ErrorReply extends RuntimeException {
        ErrorReply(String text) {
            super(text);
        }
    }

    @BeforeAll
    void openHarness(@TempDir Path dir) {
        harness = new CommandHarness(dir);
    }

    @BeforeEach
    void emptyHarness() {
        harness.reset();
    }

    @AfterAll
    void closeHarness() {
        harness.close();
    }

    protected ManualClock clock() {
        return harness.clock();
    }

    protected long nowMillis() {
        return clock().millis();
    }

    protected long nowSeconds() {
        return nowMillis() / 1000;
    }

    protected void advance(long millis) {
        clock().advance(Duration.ofMillis(millis));
    }

    protected Object call(String... args) {
        return plain(harness.call(args));
    }

    protected Object call(List<byte[]> args) {
        return plain(harness.call(args));
    }

    /** {@code command key rest...}, for a long or computed tail of arguments. */
    protected Object call(String command, String key, Collection<String> rest) {
        List<String> args = new ArrayList<>(List.of(command, key));
        args.addAll(rest);
        return call(args.toArray(String[]::new));
    }

    /** A string key's value as bytes, null when it is absent. */
    protected byte[] getBytes(String key) {
        Reply reply = harness.call("GET", key);
        return reply instanceof Reply.Bulk bulk ? bulk.value() : (byte[]) plain(reply);
    }

    protected void setBytes(String key, byte[] value) {
        assertEquals("OK", call(List.of("SET".getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8), value)));
    }

    /** Asserts the reply; an Integer expected value stands for the integer reply. */
    protected void assertReply(Object expected, String... args) {
        Object wanted = expected instanceof Integer i ? Long.valueOf(i) : expected;
        assertEquals(wanted, call(args), () -> String.join(" ", args));
    }

    protected void assertError(String expected, String... args) {
        Reply reply = harness.call(args);
        if (!(reply instanceof Reply.Error error)) {
            fail(String.join(" ", args) + " should fail, but answered " + plain(reply));
            return;
        }
        assertEquals(expected, error.text(), () -> String.join(" ", args));
    }

    protected long number(String... args) {
        return (Long) call(args);
    }

    protected String text(String... args) {
        return (String) call(args);
    }

    @SuppressWarnings("unchecked")
    protected List<Object> list(String... args) {
        return (List<Object>) call(args);
    }

    /** Asserts TTL (or PTTL when {@code millis}) lies in [low, high]. */
    protected void assertTtl(String key, long low, long high, boolean millis) {
        long ttl = number(millis ? "PTTL" : "TTL", key);
        assertTrue(ttl >= low && ttl <= high, () -> "ttl of " + key + " is " + ttl + ", not in [" + low + ", " + high + "]");
    }

    protected void assertTtl(String key, long low, long high) {
        assertTtl(key, low, high, false);
    }

    static Object plain(Reply reply) {
        if (reply instanceof Reply.Error error) {
            throw new ErrorReply(error.text());
        } else if (reply instanceof Reply.Simple simple) {
            return simple.text();
        } else if (reply instanceof Reply.Bulk bulk) {
            return new String(bulk.value(), StandardCharsets.UTF_8);
        } else if (reply instanceof Reply.Int integer) {
            return integer.value();
        } else if (reply instanceof Reply.Nil || reply instanceof Reply.NilArray) {
            return null;
        } else if (reply instanceof Reply.DoubleReply number) {
            return RespDoubles.format(number.value());
        } else if (reply instanceof Reply.DoubleText number) {
            return number.text();
        } else if (reply instanceof Reply.Bool bool) {
            return bool.value() ? 1L : 0L;
        } else if (reply instanceof Reply.Verbatim verbatim) {
            return verbatim.text();
        } else if (reply instanceof Reply.Array array) {
            return plainList(array.items());
        } else if (reply instanceof Reply.MapReply map) {
            return plainList(map.keysAndValues());
        } else if (reply instanceof Reply.Pairs pairs) {
            return plainList(pairs.flat());
        } else if (reply instanceof Reply.SetReply set) {
            return plainList(set.items());
        } else if (reply instanceof Reply.Push push) {
            return plainList(push.items());
        }
        throw new IllegalArgumentException("unknown reply " + reply);
    }

    /** A list that may hold nulls, as arrays of bulk strings do. */
    private static List<Object> plainList(List<Reply> items) {
        List<Object> values = new ArrayList<>(items.size());
        for (Reply item : items) {
            // Inside an array an error is an element, kept as its text.
            values.add(item instanceof Reply.Error error ? error.text() : plain(item));
        }
        return values;
    }
}
