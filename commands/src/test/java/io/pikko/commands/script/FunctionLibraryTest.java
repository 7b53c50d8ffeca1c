package io.pikko.commands.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pikko.protocol.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Loading libraries as Redis 7.0 does: metadata, registration in both forms, flags, and calls. */
class FunctionLibraryTest {
    private static final ScriptHost ECHO_HOST = new ScriptHost() {
        @Override
        public Reply call(List<byte[]> args) {
            return Reply.bulk(args.get(args.size() - 1));
        }

        @Override
        public void log(int level, String message) {}
    };

    private static FunctionLibrary.Loaded load(String code) {
        return FunctionLibrary.load(code.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void registersBothFormsWithTheirFlagsInOrder() {
        FunctionLibrary.Loaded loaded = load("#!lua name=lib\nredis.register_function('a', function(keys, args) return args[1] end)\n"
                + "redis.register_function{function_name='b', callback=function(keys) return redis.call('get', keys[1]) end, "
                + "flags={'no-writes', 'ALLOW-OOM'}, description='d'}");
        assertNull(loaded.error());
        FunctionLibrary library = loaded.library();
        assertEquals("lib", library.name());
        assertEquals(List.of("a", "b"), List.copyOf(library.functions().keySet()));
        assertEquals(new LibraryFunction("b", "d", Set.of(FunctionFlag.NO_WRITES, FunctionFlag.ALLOW_OOM)), library.functions().get("b"));
        assertEquals("x", text(library.call("a", List.of(), List.of("x".getBytes()), ECHO_HOST, 2, new ScriptControl())));
        assertEquals("k", text(library.call("b", List.of("k".getBytes()), List.of(), ECHO_HOST, 2, new ScriptControl())));
    }

    private static String text(Reply reply) {
        return reply instanceof Reply.Bulk bulk ? new String(bulk.value(), StandardCharsets.UTF_8) : reply.toString();
    }

    @Test
    void refusesWhatRedisRefuses() {
        assertEquals(Reply.error("ERR Missing library metadata"), load("redis.register_function('a', print)").error());
        assertEquals(Reply.error("ERR Invalid metadata value given: foo=bar"), load("#!lua name=x foo=bar\n").error());
        assertEquals(Reply.error("ERR Invalid metadata value, name argument was given multiple times"), load("#!lua name=x name=y\n").error());
        assertEquals(Reply.error("ERR Engine '' not found"), load("#! name=x\n").error());
        assertEquals(Reply.error("ERR No functions registered"), load("#!lua name=x\nreturn 1").error());
        assertEquals(Reply.error("ERR Error registering functions: ERR Function already exists in the library"),
                load("#!lua name=x\nredis.register_function('a', function() end)\nredis.register_function('a', function() end)").error());
        assertEquals(Reply.error("ERR Error registering functions: ERR second argument to redis.register_function must be a function"),
                load("#!lua name=x\nredis.register_function('a', 1)").error());
        assertEquals(Reply.error("ERR Error registering functions: ERR user_function:2: Script attempted to access nonexistent global variable 'string'"),
                load("#!lua name=x\nstring.format('x')").error());
        assertEquals(Reply.error("ERR Error registering functions: ERR user_function:2: Attempt to modify a readonly table"),
                load("#!lua name=x\nfoo = 1").error());
    }
}
