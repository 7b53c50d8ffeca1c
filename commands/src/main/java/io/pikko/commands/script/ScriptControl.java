package io.pikko.commands.script;

/**
 * What the slot and a running script share across threads: SCRIPT KILL's request, and whether the
 * script has written (a script that wrote can no longer be killed, as in Redis).
 */
public final class ScriptControl {
    private volatile boolean killRequested;
    private volatile boolean wrote;

    /** Asks the script to stop at its next instruction; false when it has written and must run to its end. */
    public boolean kill() {
        if (wrote) {
            return false;
        }
        killRequested = true;
        return true;
    }

    public boolean wrote() {
        return wrote;
    }

    public void markWrote() {
        wrote = true;
    }

    boolean killRequested() {
        return killRequested && !wrote;
    }
}
