package io.pikko.commands;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The implementations of the commands that run on a slot entity, by command name. */
public final class SlotHandlers {
    private static final Map<String, SlotHandler> HANDLERS = new HashMap<>();

    static {
        StringCommands.register(HANDLERS);
        KeyCommands.register(HANDLERS);
        HashCommands.register(HANDLERS);
        SetCommands.register(HANDLERS);
        ListCommands.register(HANDLERS);
        BlockingCommands.register(HANDLERS);
        SortedSetCommands.register(HANDLERS);
        BitmapCommands.register(HANDLERS);
        HyperLogLogCommands.register(HANDLERS);
        GeoCommands.register(HANDLERS);
        DumpCommands.register(HANDLERS);
        LcsCommand.register(HANDLERS);
        HllDebugCommands.register(HANDLERS);
        MemoryUsage.register(HANDLERS);
        DebugObject.register(HANDLERS);
    }

    private SlotHandlers() {}

    /** Whether a command of the table has an implementation on the slot. */
    public static boolean has(String name) {
        return HANDLERS.containsKey(name);
    }

    public static Optional<SlotHandler> lookup(String name) {
        return Optional.ofNullable(HANDLERS.get(name));
    }
}
