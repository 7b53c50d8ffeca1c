package io.pikko.commands.script;

/**
 * Thrown into a running script by SCRIPT KILL or FUNCTION KILL. An Error, not an exception, so that
 * the script's own {@code pcall} cannot catch it.
 */
final class ScriptKilled extends Error {
    ScriptKilled() {
        super("killed", null, false, false);
    }
}
