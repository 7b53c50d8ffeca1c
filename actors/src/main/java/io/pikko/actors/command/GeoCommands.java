package io.pikko.actors.command;

import java.util.Map;

/** Geo commands. */
final class GeoCommands {
    private GeoCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
    }
}
