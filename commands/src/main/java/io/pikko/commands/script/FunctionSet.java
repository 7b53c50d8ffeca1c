package io.pikko.commands.script;

import io.pikko.protocol.Reply;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The libraries loaded in the cluster, at one revision of the dashboard's journal, compiled; and
 * Redis 7.0's rules for changing them (FUNCTION LOAD, DELETE, RESTORE), each giving the codes of
 * the libraries after the change, or Redis's error.
 */
public final class FunctionSet {
    private final long revision;
    private final Map<String, FunctionLibrary> libraries;
    private final Map<String, FunctionLibrary> byFunction;

    private FunctionSet(long revision, Map<String, FunctionLibrary> libraries) {
        this.revision = revision;
        this.libraries = Collections.unmodifiableMap(libraries);
        Map<String, FunctionLibrary> functions = new LinkedHashMap<>();
        libraries.values().forEach(library -> library.functions().keySet().forEach(f -> functions.put(f, library)));
        this.byFunction = Collections.unmodifiableMap(functions);
    }

    /** The codes journaled at {@code revision}, compiled. They were checked when loaded, so each loads. */
    public static FunctionSet of(long revision, List<byte[]> codes) {
        Map<String, FunctionLibrary> libraries = new LinkedHashMap<>();
        for (byte[] code : codes) {
            FunctionLibrary.Loaded loaded = FunctionLibrary.load(code);
            if (loaded.library() != null) {
                libraries.put(loaded.library().name(), loaded.library());
            }
        }
        return new FunctionSet(revision, libraries);
    }

    public long revision() {
        return revision;
    }

    /** The libraries in the order they were loaded. */
    public Collection<FunctionLibrary> libraries() {
        return libraries.values();
    }

    public int functionCount() {
        return byFunction.size();
    }

    /** The library that registered {@code function}. */
    public Optional<FunctionLibrary> libraryOf(String function) {
        return Optional.ofNullable(byFunction.get(function));
    }

    public List<byte[]> codes() {
        return libraries.values().stream().map(FunctionLibrary::code).toList();
    }

    /** The codes after a change, or why the change is refused. */
    public record Change(List<byte[]> codes, Reply error) {
        static Change refused(String why) {
            return new Change(null, Reply.error("ERR " + why));
        }
    }

    /** FUNCTION LOAD [REPLACE]: checks in Redis's order (metadata, existing library, the code, its functions' names). */
    public Change load(byte[] code, boolean replace) {
        LibraryMetadata metadata = LibraryMetadata.parse(code);
        if (metadata.error() != null) {
            return Change.refused(metadata.error());
        }
        if (!replace && libraries.containsKey(metadata.name())) {
            return Change.refused("Library '" + metadata.name() + "' already exists");
        }
        FunctionLibrary.Loaded loaded = FunctionLibrary.load(code);
        if (loaded.error() != null) {
            return new Change(null, loaded.error());
        }
        Map<String, FunctionLibrary> next = new LinkedHashMap<>(libraries);
        Optional<String> clash = join(next, List.of(loaded.library()));
        return clash.isPresent() ? Change.refused("Function " + clash.get() + " already exists") : codes(next);
    }

    /** FUNCTION DELETE. */
    public Change delete(String library) {
        if (!libraries.containsKey(library)) {
            return Change.refused("Library not found");
        }
        Map<String, FunctionLibrary> next = new LinkedHashMap<>(libraries);
        next.remove(library);
        return codes(next);
    }

    /** How FUNCTION RESTORE treats the libraries there are. */
    public enum RestorePolicy { FLUSH, APPEND, REPLACE }

    /** FUNCTION RESTORE of the libraries in {@code codes}: they load as one set first, then join these. */
    public Change restore(List<byte[]> codes, RestorePolicy policy) {
        Map<String, FunctionLibrary> restored = new LinkedHashMap<>();
        for (byte[] code : codes) {
            LibraryMetadata metadata = LibraryMetadata.parse(code);
            if (metadata.error() == null && restored.containsKey(metadata.name())) {
                return Change.refused("Library '" + metadata.name() + "' already exists");
            }
            FunctionLibrary.Loaded loaded = FunctionLibrary.load(code);
            if (loaded.error() != null) {
                return new Change(null, loaded.error());
            }
            Optional<String> clash = join(restored, List.of(loaded.library()));
            if (clash.isPresent()) {
                return Change.refused("Function " + clash.get() + " already exists");
            }
        }
        if (policy == RestorePolicy.FLUSH) {
            return codes(restored);
        }
        Map<String, FunctionLibrary> next = new LinkedHashMap<>(libraries);
        if (policy == RestorePolicy.APPEND) {
            for (String name : restored.keySet()) {
                if (next.containsKey(name)) {
                    return Change.refused("Library " + name + " already exists");
                }
            }
        }
        Optional<String> clash = join(next, restored.values());
        return clash.isPresent() ? Change.refused("Function " + clash.get() + " already exists") : codes(next);
    }

    /**
     * Puts {@code added} into {@code into} (last), each replacing the library of its name; or names
     * the first of their functions another library has already, {@code into} then being of no use.
     */
    private static Optional<String> join(Map<String, FunctionLibrary> into, Collection<FunctionLibrary> added) {
        for (FunctionLibrary library : added) {
            into.remove(library.name());
        }
        for (FunctionLibrary library : added) {
            for (String function : library.functions().keySet()) {
                for (FunctionLibrary other : into.values()) {
                    if (other.functions().containsKey(function)) {
                        return Optional.of(function);
                    }
                }
            }
        }
        added.forEach(library -> into.put(library.name(), library));
        return Optional.empty();
    }

    private static Change codes(Map<String, FunctionLibrary> libraries) {
        List<byte[]> codes = new ArrayList<>();
        libraries.values().forEach(library -> codes.add(library.code()));
        return new Change(codes, null);
    }
}
