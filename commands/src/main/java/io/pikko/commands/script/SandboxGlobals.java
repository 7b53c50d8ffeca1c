package io.pikko.commands.script;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * A script's global table: once sealed, no global may be created or changed ("Attempt to modify a
 * readonly table"), and reading one that does not exist is an error, as in Redis 7.
 */
final class SandboxGlobals extends Globals {
    private boolean sealed;

    void seal() {
        sealed = true;
    }

    @Override
    public void rawset(int key, LuaValue value) {
        check();
        super.rawset(key, value);
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        check();
        super.rawset(key, value);
    }

    private void check() {
        if (sealed) {
            throw new LuaError(ReadonlyTable.MODIFY);
        }
    }
}
