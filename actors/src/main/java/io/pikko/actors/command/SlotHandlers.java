package io.pikko.actors.command;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The implementations of the commands that run on a slot entity, by command name. */
public final class SlotHandlers {
    private static final Map<String, SlotHandler> HANDLERS = new HashMap<>();

    static {
        StringCommands.register(HANDLERS);
        KeyCommands.register(HANDLERS);
    }

    private SlotHandlers() {}

    public static Optional<SlotHandler> lookup(String name) {
        return Optional.ofNullable(HANDLERS.get(name));
    }
}
