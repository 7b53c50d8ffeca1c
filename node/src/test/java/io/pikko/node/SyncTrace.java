package io.pikko.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fsync and fdatasync calls of a process started under strace, counted from strace's log: what
 * a process really asks of the disk, whatever its code claims. strace writes a call's line before
 * the calling thread runs on, so a reply sent after a sync comes after the sync's line.
 */
final class SyncTrace {
    /** A call's first line; a call other threads interrupted ends on a "<... resumed>" line, not counted. */
    private static final Pattern SYNC_CALL = Pattern.compile("\\b(fsync|fdatasync)\\(");

    private final Path log;

    SyncTrace(Path log) {
        this.log = log;
    }

    /** Whether strace is installed and may trace here (containers may forbid ptrace). */
    static boolean available() {
        try {
            Process probe = new ProcessBuilder("strace", "-f", "-qq", "-e", "trace=none", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The launcher to start a process with: every thread followed, only the sync calls stopped
     * for (seccomp filtering keeps the rest of the process at full speed), signals not logged.
     */
    List<String> launcher() {
        return List.of("strace", "-f", "--seccomp-bpf", "-qq", "-e", "trace=fsync,fdatasync", "-e", "signal=none",
                "-o", log.toString());
    }

    /** The sync calls logged so far. */
    long syncs() throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> SYNC_CALL.matcher(line).find()).count();
        }
    }
}
