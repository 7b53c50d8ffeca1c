package io.pikko.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A line the node keeps beside its data, replaced atomically: the name (RESP address) the data
 * directory was last served under, so that a node restarted on another port is renamed rather
 * than treated as a stranger; the master it replicates (SLAVEOF), so that a restart resumes it.
 */
final class OneLineFile {
    private final Path file;

    OneLineFile(Path dataDir, String name) {
        this.file = dataDir.resolve(name);
    }

    Optional<String> read() {
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()).filter(s -> !s.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Keeps {@code line}, or removes the file when empty. */
    void write(Optional<String> line) {
        try {
            if (line.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Path next = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(next, line.get() + "\n", StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
