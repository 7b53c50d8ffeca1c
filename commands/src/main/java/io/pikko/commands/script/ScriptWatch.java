package io.pikko.commands.script;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * LuaJ's instruction hook, used to stop a script that SCRIPT KILL asked to stop, and to know the
 * script's current line for the errors {@code redis.call} raises. The debug library itself is not
 * given to scripts: installing it only turns the hook on.
 */
final class ScriptWatch extends DebugLib {
    private final ScriptControl control;
    /** System.nanoTime() after which the code is stopped with {@link #timeoutMessage}; 0: never. */
    private final long deadlineNanos;
    private final String timeoutMessage;
    private LuaClosure[] closures = new LuaClosure[16];
    private int[] pcs = new int[16];
    private int depth;
    /** The Lua function that returned last and its position: a tail call such as {@code return redis.call(...)} runs after it. */
    private LuaClosure returned;
    private int returnedPc;
    private int count;

    ScriptWatch(ScriptControl control) {
        this(control, 0, null);
    }

    /** A watch that also stops the code at {@code deadlineNanos}, raising {@code timeoutMessage}. */
    ScriptWatch(ScriptControl control, long deadlineNanos, String timeoutMessage) {
        this.control = control;
        this.deadlineNanos = deadlineNanos;
        this.timeoutMessage = timeoutMessage;
    }

    @Override
    public void onCall(LuaFunction f) {
        super.onCall(f);
        push(null);
    }

    @Override
    public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {
        super.onCall(c, varargs, stack);
        push(c);
    }

    @Override
    public void onReturn() {
        super.onReturn();
        if (depth > 0) {
            depth--;
            if (closures[depth] != null) {
                returned = closures[depth];
                returnedPc = pcs[depth];
            }
        }
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        // A volatile read per instruction costs more than the count; a kill waits a few thousand instructions.
        if ((++count & 1023) == 0) {
            if (control.killRequested()) {
                throw new ScriptKilled();
            }
            if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
                throw new LuaError(LuaReplies.errorTable("ERR " + timeoutMessage));
            }
        }
        if (depth > 0) {
            pcs[depth - 1] = pc;
        }
        super.onInstruction(pc, v, top);
    }

    /** "user_script:3": the line the innermost Lua function is at, or null. */
    String where() {
        for (int i = depth - 1; i >= 0; i--) {
            if (closures[i] != null) {
                return where(closures[i], pcs[i]);
            }
        }
        return returned == null ? null : where(returned, returnedPc);
    }

    private static String where(LuaClosure c, int pc) {
        int[] lines = c.p.lineinfo;
        String source = c.p.source.tojstring();
        String name = source.startsWith("@") || source.startsWith("=") ? source.substring(1) : source;
        return lines != null && pc >= 0 && pc < lines.length ? name + ":" + lines[pc] : null;
    }

    private void push(LuaClosure c) {
        if (depth == closures.length) {
            closures = java.util.Arrays.copyOf(closures, depth * 2);
            pcs = java.util.Arrays.copyOf(pcs, depth * 2);
        }
        closures[depth] = c;
        pcs[depth] = 0;
        depth++;
    }
}
