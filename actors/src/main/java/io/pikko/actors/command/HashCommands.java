package io.pikko.actors.command;

import java.util.Map;

/** Hash commands. */
final class HashCommands {
    private HashCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
    }
}
