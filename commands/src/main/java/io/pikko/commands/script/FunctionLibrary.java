package io.pikko.commands.script;

import io.pikko.protocol.Reply;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * A function library (FUNCTION LOAD's code, {@code #!lua name=<name>} then Lua), loaded as Redis
 * 7.0 loads one: its top-level code runs once with nothing but {@code redis.register_function},
 * {@code redis.log} and the version constants, and must register at least one function.
 *
 * <p>A call runs in a fresh sandbox, as an EVAL script does: the library's top-level code runs
 * again there to register its callbacks, and the one asked for is called with its keys and
 * arguments. So nothing a call leaves behind (a library-level local it changed) reaches the next.
 */
public final class FunctionLibrary {
    /** Libraries by their code's SHA-1, shared by the node; dropped wholesale when it grows past this. */
    private static final int CACHE_LIMIT = 1024;
    private static final Map<String, FunctionLibrary> LOADED = new ConcurrentHashMap<>();
    /** Redis stops a library's top-level code after this long. */
    private static final long LOAD_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final String CHUNK = "@user_function";

    private final String name;
    private final byte[] code;
    private final Prototype prototype;
    private final Map<String, LibraryFunction> functions;

    private FunctionLibrary(String name, byte[] code, Prototype prototype, Map<String, LibraryFunction> functions) {
        this.name = name;
        this.code = code;
        this.prototype = prototype;
        this.functions = Collections.unmodifiableMap(functions);
    }

    /** A library, or the error Redis answers FUNCTION LOAD with. */
    public record Loaded(FunctionLibrary library, Reply error) {}

    /** Loads {@code code}: its metadata, its compiled code, its registered functions. */
    public static Loaded load(byte[] code) {
        String sha = Sha1.hex(code);
        FunctionLibrary cached = LOADED.get(sha);
        if (cached != null) {
            return new Loaded(cached, null);
        }
        LibraryMetadata metadata = LibraryMetadata.parse(code);
        if (metadata.error() != null) {
            return refused(metadata.error());
        }
        Prototype prototype;
        try {
            prototype = LuaScript.compilePrototype(Arrays.copyOfRange(code, metadata.codeStart(), code.length), CHUNK);
        } catch (LuaError | IOException e) {
            return refused("Error compiling function: " + e.getMessage());
        }
        FunctionRegistration registration = new FunctionRegistration();
        try {
            registerAtLoad(prototype, registration);
        } catch (LuaError e) {
            String table = LuaReplies.errorText(e.getMessageObject());
            return refused("Error registering functions: " + (table != null ? table : "ERR " + firstLine(e.getMessage())));
        } catch (StackOverflowError e) {
            return refused("Error registering functions: ERR stack overflow");
        }
        if (registration.registered().isEmpty()) {
            return refused("No functions registered");
        }
        Map<String, LibraryFunction> functions = new LinkedHashMap<>();
        registration.registered().forEach((fname, registered) -> functions.put(fname, registered.function()));
        FunctionLibrary library = new FunctionLibrary(metadata.name(), code.clone(), prototype, functions);
        if (LOADED.size() >= CACHE_LIMIT) {
            LOADED.clear();
        }
        LOADED.put(sha, library);
        return new Loaded(library, null);
    }

    public String name() {
        return name;
    }

    /** The library's code as it was loaded, shebang line included. */
    public byte[] code() {
        return code.clone();
    }

    /** The functions it registered, in the order it registered them. */
    public Map<String, LibraryFunction> functions() {
        return functions;
    }

    /**
     * Calls {@code function} with {@code keys} and {@code args} on {@code host}; {@code clientResp}
     * is the protocol of the client that asked. Errors carry the function's name, as in Redis.
     */
    public Reply call(String function, List<byte[]> keys, List<byte[]> args, ScriptHost host, int clientResp,
                      ScriptControl control) {
        Sandbox sandbox = new Sandbox(host, control);
        FunctionRegistration registration = new FunctionRegistration();
        sandbox.addToRedisTable("register_function", registration);
        sandbox.seal();
        String origin = "script: " + function;
        try {
            new LuaClosure(prototype, sandbox.globals()).call();
            FunctionRegistration.Registered registered = registration.registered().get(function);
            if (registered == null) {
                return Reply.error("ERR Function not found");
            }
            return LuaReplies.toReply(registered.callback().call(LuaScript.array(keys), LuaScript.array(args)), clientResp);
        } catch (LuaError e) {
            return LuaScript.errorReply(e, origin);
        } catch (ScriptKilled e) {
            String where = sandbox.where();
            return Reply.error("ERR Script killed by user with SCRIPT KILL... " + origin
                    + (where == null ? "" : ", on @" + where) + ".");
        } catch (StackOverflowError e) {
            return Reply.error("ERR Error running script: stack overflow " + origin);
        }
    }

    /** Runs the top-level code where Redis runs it at FUNCTION LOAD: only {@code redis}'s registering part is there. */
    private static void registerAtLoad(Prototype prototype, FunctionRegistration registration) {
        SandboxGlobals globals = new SandboxGlobals();
        ScriptWatch watch = new ScriptWatch(new ScriptControl(), System.nanoTime() + LOAD_TIMEOUT_NANOS,
                "FUNCTION LOAD timeout");
        // The debug library registers itself in package.loaded: the package library goes once it is in.
        globals.load(new PackageLib());
        globals.load(watch);
        globals.rawset("debug", LuaValue.NIL);
        globals.rawset("package", LuaValue.NIL);
        LuaTable redis = new LuaTable();
        redis.rawset("register_function", registration);
        redis.rawset("log", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.narg() < 2) {
                    throw new LuaError("redis.log() requires two arguments or more.");
                }
                return LuaValue.NONE;
            }
        });
        RedisLib.constants(redis);
        // Redis's load-time redis table raises on a missing field (redis.call) as its globals do.
        LuaTable sealed = ReadonlyTable.copyOf(redis);
        sealed.setmetatable(Sandbox.missingIsAnError());
        globals.rawset("redis", sealed);
        Sandbox.sealGlobals(globals);
        new LuaClosure(prototype, globals).call();
    }

    /** LuaJ's "@user_function:2 message" as Lua 5.1 puts it, "user_function:2: message", without the traceback. */
    private static String firstLine(String message) {
        String text = message == null ? "" : message;
        int traceback = text.indexOf("\nstack traceback:");
        text = traceback >= 0 ? text.substring(0, traceback) : text;
        Matcher where = LuaScript.WHERE.matcher(text);
        return where.find() ? where.group(1) + ": " + text.substring(where.end()) : text;
    }

    private static Loaded refused(String why) {
        return new Loaded(null, Reply.error("ERR " + why));
    }
}
