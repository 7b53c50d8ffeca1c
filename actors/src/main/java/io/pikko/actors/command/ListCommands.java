package io.pikko.actors.command;

import java.util.Map;

/** List commands. */
final class ListCommands {
    private ListCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
    }
}
