package io.pikko.actors.command;

import java.util.Map;

/** Set commands. */
final class SetCommands {
    private SetCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
    }
}
