package io.pikko.commands.script;

import java.util.Set;

/** A function a library registered: its name, its description (null when none) and its flags. */
public record LibraryFunction(String name, String description, Set<FunctionFlag> flags) {
    public LibraryFunction {
        flags = Set.copyOf(flags);
    }

    /** FCALL_RO may call it, and it may not write. */
    public boolean noWrites() {
        return flags.contains(FunctionFlag.NO_WRITES);
    }
}
