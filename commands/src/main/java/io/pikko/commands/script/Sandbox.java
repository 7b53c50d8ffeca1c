package io.pikko.commands.script;

import java.io.IOException;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.MathLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.ZeroArgFunction;

/**
 * The world a script runs in: Lua's base, string, table and math libraries without the parts that
 * reach the host (files, modules, the debug library), {@code os.clock} alone of {@code os}, Redis's
 * {@code redis}, {@code bit}, {@code cjson}, {@code cmsgpack} and {@code struct}; read-only once sealed.
 */
final class Sandbox {
    private static final String[] HOST_ACCESS = {"dofile", "loadfile", "load", "print", "require", "module", "debug", "collectgarbage", "package"};
    private static final String[] LIBRARIES = {"string", "table", "math", "redis", "bit", "cjson", "cmsgpack", "struct", "os"};

    private final SandboxGlobals globals = new SandboxGlobals();
    private final ScriptWatch watch;

    Sandbox(ScriptHost host, ScriptControl control) {
        globals.load(new BaseLib());
        // The libraries register themselves in package.loaded; the package library goes once they are in.
        globals.load(new PackageLib());
        globals.load(new TableLib());
        globals.load(new StringLib());
        globals.load(new MathLib());
        watch = new ScriptWatch(control);
        globals.load(watch);
        LuaScript.installCompiler(globals);
        for (String name : HOST_ACCESS) {
            globals.rawset(name, LuaValue.NIL);
        }
        LuaTable table = (LuaTable) globals.get("table");
        // Lua 5.1's globals, which Redis's scripts use.
        globals.rawset("unpack", table.get("unpack"));
        table.rawset("getn", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.valueOf(args.checktable(1).length());
            }
        });
        globals.rawset("loadstring", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                try {
                    String chunk = args.optjstring(2, "=(loadstring)");
                    return new LuaClosure(LuaScript.compilePrototype(LuaReplies.bytes(args.checkstring(1)), chunk), globals);
                } catch (LuaError | IOException e) {
                    return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(e.getMessage()));
                }
            }
        });
        long started = System.nanoTime();
        LuaTable os = new LuaTable();
        os.rawset("clock", new ZeroArgFunction() {
            @Override
            public LuaValue call() {
                return LuaValue.valueOf((System.nanoTime() - started) / 1e9);
            }
        });
        globals.rawset("os", os);
        globals.rawset("redis", new RedisLib(host, watch).table());
        globals.rawset("bit", BitLib.table());
        globals.rawset("cjson", CjsonLib.table());
        globals.rawset("cmsgpack", CmsgpackLib.table());
        globals.rawset("struct", StructLib.table());
    }

    /** "user_script:3": where the script is now, or null. */
    String where() {
        return watch.where();
    }

    SandboxGlobals globals() {
        return globals;
    }

    /** Adds {@code value} to the {@code redis} table; only before {@link #seal()}. */
    void addToRedisTable(String name, LuaValue value) {
        globals.get("redis").rawset(name, value);
    }

    /** From here on no global may change, and reading a missing one is an error. */
    void seal() {
        for (String name : LIBRARIES) {
            globals.rawset(name, ReadonlyTable.copyOf(globals.get(name)));
        }
        sealGlobals(globals);
    }

    /** Makes {@code globals} read-only, reading a missing global an error, as Redis 7 does. */
    static void sealGlobals(SandboxGlobals globals) {
        globals.setmetatable(missingIsAnError());
        globals.rawset("_G", globals);
        globals.seal();
    }

    /** A metatable under which reading a missing field raises Redis's error, and which cannot be replaced. */
    static LuaTable missingIsAnError() {
        LuaTable meta = new LuaTable();
        meta.rawset("__index", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                throw new LuaError("Script attempted to access nonexistent global variable '" + args.arg(2).tojstring() + "'");
            }
        });
        meta.rawset("__metatable", LuaValue.FALSE);
        return meta;
    }
}
