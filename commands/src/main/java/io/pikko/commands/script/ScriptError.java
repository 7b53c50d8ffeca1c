package io.pikko.commands.script;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/** An error table raised by the redis library, with the script line that made the call. */
final class ScriptError extends LuaError {
    private final String where;

    ScriptError(LuaValue table, String where) {
        super(table);
        this.where = where;
    }

    String where() {
        return where;
    }
}
