package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.FunctionRestorePolicy;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * FUNCTION and FCALL sent to redis-server and to Pikko: every reply, errors included, must be
 * the same; and a FUNCTION DUMP of either restores in the other. Libraries and functions are
 * compared as sets, since Redis lists them in its hash tables' order.
 */
class FunctionDifferentialTest extends DifferentialTestBase {
    private static final String LIB = "#!lua name=lib\n"
            + "redis.register_function('setget', function(keys, args) redis.call('set', keys[1], args[1]) return redis.call('get', keys[1]) end)\n"
            + "redis.register_function{function_name='reader', callback=function(keys) return {redis.call('exists', keys[1]), 1.5, 'x', false} end, "
            + "flags={'no-writes', 'allow-stale'}, description='reads'}\n"
            + "redis.register_function('boom', function() error('bad thing') end)\n"
            + "redis.register_function('writer_ro', function(keys) return redis.pcall('set', keys[1], 'v') end)\n";
    private static final String LIB2 = "#!lua name=lib2\nredis.register_function('two', function(keys, args) return #args end)";

    @BeforeEach
    void noLibraries() {
        redis.functionFlush();
        pikko.functionFlush();
    }

    @Test
    void functionCommandsReplyAsRedisDoes() {
        String[][] commands = {
                {"FUNCTION", "LOAD", LIB},
                {"FUNCTION", "LOAD", LIB},
                {"FUNCTION", "LOAD", "REPLACE", LIB},
                {"FUNCTION", "LOAD", LIB2},
                {"FUNCTION", "LOAD", "#!lua name=lib3\nredis.register_function('two', function() end)"},
                {"FUNCTION", "LOAD", "return 1"},
                {"FUNCTION", "LOAD", "#!lua name=bad-name\nreturn 1"},
                {"FUNCTION", "LOAD", "#!lua name=x\nreturn 1"},
                {"FUNCTION", "LOAD", "#!lua name=x\nredis.register_function('f', 'notafunction')"},
                {"FUNCTION", "LOAD", "#!lua name=x\nredis.register_function{callback=function() end}"},
                {"FUNCTION", "LOAD", "#!lua name=x\nredis.register_function{function_name='f', callback=function() end, flags={'nope'}}"},
                {"FUNCTION", "LOAD", "#!lua name=x\nredis.register_function{function_name='f', callback=function() end, other=1}"},
                {"FUNCTION", "LOAD", "#!lua name=x\nredis.register_function('bad name', function() end)"},
                {"FUNCTION", "LOAD", "#!lua name=x\nredis.register_function('f', function() end, 3)"},
                {"FUNCTION", "LOAD", "#!lua name=x\nlocal t = redis.call"},
                {"FUNCTION", "LOAD", "#!lua name=x\nfoo = 1"},
                {"FUNCTION", "LOAD", "#!lua name=x name=y\n"},
                {"FUNCTION", "LOAD", "#!lua\n"},
                {"FUNCTION", "LOAD", "#!lua name=x"},
                {"FUNCTION", "LOAD", "BOGUS", LIB},
                {"FUNCTION", "LOAD"},
                {"FUNCTION", "LIST"},
                {"FUNCTION", "LIST", "WITHCODE"},
                {"FUNCTION", "LIST", "LIBRARYNAME", "lib2"},
                {"FUNCTION", "LIST", "LIBRARYNAME", "li*", "WITHCODE"},
                {"FUNCTION", "LIST", "LIBRARYNAME"},
                {"FUNCTION", "LIST", "WITHCODE", "WITHCODE"},
                {"FUNCTION", "LIST", "bogus"},
                {"FUNCTION", "STATS"},
                {"FCALL", "setget", "1", "k", "v1"},
                {"FCALL", "reader", "1", "k"},
                {"FCALL_RO", "reader", "1", "k"},
                {"FCALL_RO", "setget", "1", "k", "v"},
                {"FCALL", "writer_ro", "1", "k"},
                {"FCALL", "boom", "0"},
                {"FCALL", "two", "0", "a", "b"},
                {"FCALL", "nosuch", "0"},
                {"FCALL", "two", "x"},
                {"FCALL", "two", "3", "a"},
                {"FCALL", "two", "-1"},
                {"FCALL", "two"},
                {"FUNCTION", "DELETE", "nosuch"},
                {"FUNCTION", "DELETE", "lib2"},
                {"FCALL", "two", "0"},
                {"FUNCTION", "RESTORE", "garbage"},
                {"FUNCTION", "RESTORE", "garbage", "BOGUS"},
                {"FUNCTION", "RESTORE", "a", "b", "c"},
                {"FUNCTION", "FLUSH", "BOGUS"},
                {"FUNCTION", "FLUSH", "SYNC", "x"},
                {"FUNCTION", "KILL"},
                {"FUNCTION", "HELP"},
                {"FUNCTION", "BOGUS"},
                {"FUNCTION", "FLUSH", "ASYNC"},
                {"FUNCTION", "LIST"},
                {"FUNCTION", "STATS"},
        };
        for (String[] command : commands) {
            assertEquals(render(send(redis, command)), render(send(pikko, command)), String.join(" ", command));
        }
    }

    @Test
    void aDumpOfEitherRestoresInTheOther() {
        redis.functionLoad(LIB);
        byte[] one = redis.functionDump();
        assertEquals("OK", pikko.functionRestore(one));
        assertEquals(render(sendBytes(redis, "FUNCTION", "RESTORE".getBytes(), one)),
                render(sendBytes(pikko, "FUNCTION", "RESTORE".getBytes(), one)));
        redis.functionLoad(LIB2);
        byte[] two = redis.functionDump();
        assertEquals("OK", pikko.functionRestore(two, FunctionRestorePolicy.REPLACE));
        assertSameLibraries();
        assertEquals(render(send(redis, "FCALL", "setget", "1", "k", "v")), render(send(pikko, "FCALL", "setget", "1", "k", "v")));

        pikko.functionFlush();
        pikko.functionLoad("#!lua name=mine\nredis.register_function('mine', function() return 'from pikko' end)");
        byte[] fromPikko = pikko.functionDump();
        assertEquals("OK", redis.functionRestore(fromPikko, FunctionRestorePolicy.FLUSH));
        assertSameLibraries();
        assertEquals("from pikko", redis.fcall("mine", List.of(), List.of()));
    }

    private void assertSameLibraries() {
        assertEquals(render(send(redis, "FUNCTION", "LIST", "WITHCODE")), render(send(pikko, "FUNCTION", "LIST", "WITHCODE")));
    }

    private static Object send(Jedis jedis, String... command) {
        byte[][] args = new byte[command.length - 1][];
        for (int i = 1; i < command.length; i++) {
            args[i - 1] = command[i].getBytes(StandardCharsets.UTF_8);
        }
        return sendBytes(jedis, command[0], args);
    }

    private static Object sendBytes(Jedis jedis, String name, byte[]... args) {
        try {
            return jedis.sendCommand(() -> SafeEncoder.encode(name), args);
        } catch (JedisDataException e) {
            return "(error) " + e.getMessage();
        }
    }

    /** A reply as text; an array of arrays (libraries, functions) as a sorted set of its items. */
    private static String render(Object reply) {
        if (reply instanceof byte[] bytes) {
            return "\"" + new String(bytes, StandardCharsets.UTF_8) + "\"";
        }
        if (reply instanceof List<?> items) {
            List<String> rendered = new ArrayList<>();
            items.forEach(item -> rendered.add(render(item)));
            if (!items.isEmpty() && items.stream().allMatch(item -> item instanceof List<?>)) {
                rendered.sort(null);
            }
            return rendered.toString();
        }
        return String.valueOf(reply);
    }
}
