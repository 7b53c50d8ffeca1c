package io.pikko.commands.script;

import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * LuaJ's instruction hook, used to stop a script that SCRIPT KILL asked to stop. The debug library
 * itself is not given to scripts: installing it only turns the hook on.
 */
final class ScriptWatch extends DebugLib {
    private final ScriptControl control;
    private int count;

    ScriptWatch(ScriptControl control) {
        this.control = control;
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        // A volatile read per instruction costs more than the count; a kill waits a few thousand instructions.
        if ((++count & 1023) == 0 && control.killRequested()) {
            throw new ScriptKilled();
        }
        super.onInstruction(pc, v, top);
    }
}
