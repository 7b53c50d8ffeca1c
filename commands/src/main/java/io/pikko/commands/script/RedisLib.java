package io.pikko.commands.script;

import io.pikko.protocol.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/** The {@code redis} table a script sees: call, pcall, error_reply, status_reply, sha1hex, log, setresp, ... */
final class RedisLib {
    /** The protocol replies of {@code redis.call} are converted from; redis.setresp changes it. */
    private int resp = 2;
    private final ScriptHost host;
    private final ScriptWatch watch;

    RedisLib(ScriptHost host, ScriptWatch watch) {
        this.host = host;
        this.watch = watch;
    }

    LuaTable table() {
        LuaTable redis = new LuaTable();
        redis.rawset("call", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                Reply reply = host.call(commandArgs(args));
                if (reply instanceof Reply.Error error) {
                    throw new ScriptError(LuaReplies.errorTable(error.text()), watch.where());
                }
                return LuaReplies.toLua(reply, resp);
            }
        });
        redis.rawset("pcall", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaReplies.toLua(host.call(commandArgs(args)), resp);
            }
        });
        redis.rawset("error_reply", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue text) {
                return LuaReplies.errorTable(text.checkjstring());
            }
        });
        redis.rawset("status_reply", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue text) {
                return LuaReplies.statusTable(text.checkjstring());
            }
        });
        redis.rawset("sha1hex", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue text) {
                if (!text.isstring()) {
                    throw new LuaError("wrong number of arguments");
                }
                return LuaValue.valueOf(Sha1.hex(LuaReplies.bytes(text)));
            }
        });
        redis.rawset("log", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.narg() < 2) {
                    throw new LuaError("redis.log() requires two arguments or more.");
                }
                if (!args.arg1().isnumber()) {
                    throw new LuaError("First argument must be a number (log level).");
                }
                StringBuilder line = new StringBuilder();
                for (int i = 2; i <= args.narg(); i++) {
                    line.append(i > 2 ? " " : "").append(args.arg(i).tojstring());
                }
                int level = args.arg1().toint();
                if (level < 0 || level > 3) {
                    throw new LuaError("Invalid debug level.");
                }
                host.log(level, line.toString());
                return LuaValue.NONE;
            }
        });
        redis.rawset("setresp", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue version) {
                int v = version.checkint();
                if (v != 2 && v != 3) {
                    throw new ScriptError(LuaReplies.errorTable("ERR RESP version must be 2 or 3."), watch.where());
                }
                resp = v;
                return LuaValue.NONE;
            }
        });
        // Replication is the store's own business: these are accepted and change nothing.
        redis.rawset("set_repl", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue flags) {
                return LuaValue.NONE;
            }
        });
        redis.rawset("replicate_commands", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.TRUE;
            }
        });
        redis.rawset("breakpoint", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.FALSE;
            }
        });
        redis.rawset("debug", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.NONE;
            }
        });
        constants(redis);
        redis.rawset("REPL_NONE", 0);
        redis.rawset("REPL_AOF", 1);
        redis.rawset("REPL_SLAVE", 2);
        redis.rawset("REPL_REPLICA", 2);
        redis.rawset("REPL_ALL", 3);
        return redis;
    }

    /** The log levels and the version, which a function library's top-level code sees too. */
    static void constants(LuaTable redis) {
        redis.rawset("LOG_DEBUG", 0);
        redis.rawset("LOG_VERBOSE", 1);
        redis.rawset("LOG_NOTICE", 2);
        redis.rawset("LOG_WARNING", 3);
        redis.rawset("REDIS_VERSION", "7.0.15");
        redis.rawset("REDIS_VERSION_NUM", 0x07000f);
    }

    /** The arguments of redis.call: strings, or numbers as Redis prints them ("%.17g"). */
    private List<byte[]> commandArgs(Varargs args) {
        if (args.narg() == 0) {
            throw new ScriptError(LuaReplies.errorTable("ERR Please specify at least one argument for this redis lib call"), watch.where());
        }
        List<byte[]> out = new ArrayList<>(args.narg());
        for (int i = 1; i <= args.narg(); i++) {
            LuaValue arg = args.arg(i);
            if (arg.type() == LuaValue.TNUMBER) {
                double d = arg.todouble();
                out.add((d == (long) d ? Long.toString((long) d) : LuaNumbers.format(d, 17))
                        .getBytes(StandardCharsets.US_ASCII));
            } else if (arg.type() == LuaValue.TSTRING) {
                out.add(LuaReplies.bytes(arg));
            } else {
                throw new ScriptError(LuaReplies.errorTable("ERR Lua redis lib command arguments must be strings or integers"), watch.where());
            }
        }
        return out;
    }
}
