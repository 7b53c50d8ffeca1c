package io.pikko.commands.script;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code redis.register_function} as a library's top-level code calls it, in the positional form
 * {@code (name, callback)} or the named one {@code {function_name=, callback=, flags=, description=}},
 * checked as Redis 7.0 checks it; it keeps what was registered, in order.
 */
final class FunctionRegistration extends VarArgFunction {
    /** A registered function and its callback. */
    record Registered(LibraryFunction function, LuaFunction callback) {}

    private final Map<String, Registered> registered = new LinkedHashMap<>();

    Map<String, Registered> registered() {
        return registered;
    }

    @Override
    public Varargs invoke(Varargs args) {
        if (args.narg() < 1 || args.narg() > 2) {
            throw refusal("wrong number of arguments to redis.register_function");
        }
        Registered next = args.narg() == 1 ? named(args.arg1()) : positional(args.arg1(), args.arg(2));
        String name = next.function().name();
        if (!LibraryMetadata.validName(name)) {
            throw refusal(LibraryMetadata.BAD_NAME);
        }
        if (registered.containsKey(name)) {
            throw refusal("Function already exists in the library");
        }
        registered.put(name, next);
        return LuaValue.NONE;
    }

    private static Registered positional(LuaValue name, LuaValue callback) {
        if (!name.isstring()) {
            throw refusal("first argument to redis.register_function must be a string");
        }
        if (!callback.isfunction()) {
            throw refusal("second argument to redis.register_function must be a function");
        }
        return new Registered(new LibraryFunction(name.tojstring(), null, Set.of()), (LuaFunction) callback);
    }

    private static Registered named(LuaValue table) {
        if (!table.istable()) {
            throw refusal("calling redis.register_function with a single argument is only applicable to Lua table "
                    + "(representing named arguments).");
        }
        String name = null;
        String description = null;
        LuaFunction callback = null;
        Set<FunctionFlag> flags = EnumSet.noneOf(FunctionFlag.class);
        LuaValue key = LuaValue.NIL;
        while (true) {
            Varargs entry = table.next(key);
            key = entry.arg1();
            if (key.isnil()) {
                break;
            }
            LuaValue value = entry.arg(2);
            if (!key.isstring()) {
                throw refusal("named argument key given to redis.register_function is not a string");
            }
            switch (key.tojstring().toLowerCase(java.util.Locale.ROOT)) {
                case "function_name" -> {
                    if (!value.isstring()) {
                        throw refusal("function_name argument given to redis.register_function must be a string");
                    }
                    name = value.tojstring();
                }
                case "description" -> {
                    if (!value.isstring()) {
                        throw refusal("description argument given to redis.register_function must be a string");
                    }
                    description = value.tojstring();
                }
                case "callback" -> {
                    if (!value.isfunction()) {
                        throw refusal("callback argument given to redis.register_function must be a function");
                    }
                    callback = (LuaFunction) value;
                }
                case "flags" -> {
                    if (!value.istable()) {
                        throw refusal("flags argument to redis.register_function must be a table representing function flags");
                    }
                    flags = flags(value);
                }
                default -> throw refusal("unknown argument given to redis.register_function");
            }
        }
        if (name == null) {
            throw refusal("redis.register_function must get a function name argument");
        }
        if (callback == null) {
            throw refusal("redis.register_function must get a callback argument");
        }
        return new Registered(new LibraryFunction(name, description, flags), callback);
    }

    /** The flags array's strings, each one Redis knows. */
    private static Set<FunctionFlag> flags(LuaValue array) {
        Set<FunctionFlag> flags = EnumSet.noneOf(FunctionFlag.class);
        for (int i = 1; ; i++) {
            LuaValue flag = array.get(i);
            if (flag.isnil()) {
                return flags;
            }
            if (!flag.isstring()) {
                throw refusal("unknown flag given");
            }
            flags.add(FunctionFlag.ofRedisName(flag.tojstring()).orElseThrow(() -> refusal("unknown flag given")));
        }
    }

    /** The error table Redis raises: {@code {err = "ERR ..."}}. */
    private static LuaError refusal(String message) {
        return new LuaError(LuaReplies.errorTable("ERR " + message));
    }
}
