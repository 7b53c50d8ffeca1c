package io.pikko.dashboard;

import io.pikko.protocol.CborSerializable;
import java.util.List;

/**
 * The cluster's function libraries (the code FUNCTION LOAD was given, shebang line included), in
 * the order they were loaded, and how many changes made them: every change replaces the whole
 * list, and a gateway makes one only against the revision it read.
 */
public record FunctionLibraries(long revision, List<byte[]> codes) implements CborSerializable {
    public FunctionLibraries {
        codes = List.copyOf(codes);
    }

    public static FunctionLibraries empty() {
        return new FunctionLibraries(0, List.of());
    }

    public FunctionLibraries replacedBy(List<byte[]> next) {
        return new FunctionLibraries(revision + 1, next);
    }
}
