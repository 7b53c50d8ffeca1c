package io.pikko.commands.script;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/** A library table a script may read but not change, as Redis 7 makes them. */
final class ReadonlyTable extends LuaTable {
    static final String MODIFY = "Attempt to modify a readonly table";

    private boolean sealed;

    /** A sealed copy of {@code source}. */
    static ReadonlyTable copyOf(LuaValue source) {
        ReadonlyTable copy = new ReadonlyTable();
        LuaValue k = LuaValue.NIL;
        while (true) {
            var next = source.next(k);
            if ((k = next.arg1()).isnil()) {
                break;
            }
            copy.rawset(k, next.arg(2));
        }
        copy.sealed = true;
        return copy;
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
            throw new LuaError(MODIFY);
        }
    }
}
