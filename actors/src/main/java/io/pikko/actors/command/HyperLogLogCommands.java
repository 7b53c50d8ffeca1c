package io.pikko.actors.command;

import java.util.Map;

/** HyperLogLog commands. */
final class HyperLogLogCommands {
    private HyperLogLogCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
    }
}
