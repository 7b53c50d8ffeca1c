package io.pikko.actors.command;

import java.util.Map;

/** Bitmap commands. */
final class BitmapCommands {
    private BitmapCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
    }
}
