package io.pikko.actors.command;

import java.util.Map;

/** Dump commands. */
final class DumpCommands {
    private DumpCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
    }
}
