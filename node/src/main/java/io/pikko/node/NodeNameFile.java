package io.pikko.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The name (RESP address) this data directory was last served under. A node restarted on another
 * port keeps its data, so the dashboard is told to rename it rather than treat it as a stranger.
 */
final class NodeNameFile {
    private final Path file;

    NodeNameFile(Path dataDir) {
        this.file = dataDir.resolve("node-name");
    }

    Optional<String> previous() {
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()).filter(s -> !s.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    void write(String name) {
        try {
            Path next = file.resolveSibling("node-name.tmp");
            Files.writeString(next, name + "\n", StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
