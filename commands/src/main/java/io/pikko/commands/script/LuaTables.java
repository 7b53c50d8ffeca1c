package io.pikko.commands.script;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** How the encoders (cjson, cmsgpack) tell a Lua array from a map. */
final class LuaTables {
    private LuaTables() {}

    /** n when the table's keys are exactly 1..n (0 for an empty table), else -1. */
    static int sequenceLength(LuaTable t) {
        int count = 0;
        int max = 0;
        for (Varargs e = t.next(LuaValue.NIL); !e.arg1().isnil(); e = t.next(e.arg1())) {
            LuaValue k = e.arg1();
            if (k.type() != LuaValue.TNUMBER || k.todouble() != Math.floor(k.todouble()) || k.todouble() < 1) {
                return -1;
            }
            max = Math.max(max, k.toint());
            count++;
        }
        return count == max ? max : -1;
    }
}
