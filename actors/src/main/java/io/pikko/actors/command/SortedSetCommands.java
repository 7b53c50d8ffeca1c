package io.pikko.actors.command;

import java.util.Map;

/** SortedSet commands. */
final class SortedSetCommands {
    private SortedSetCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
    }
}
