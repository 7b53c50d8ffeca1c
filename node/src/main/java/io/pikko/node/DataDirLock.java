package io.pikko.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A node's hold on its data directory, taken before anything in it is opened, so a second node on
 * the same directory is turned away with its own clear reason instead of failing later on the
 * store's or the journal's lock. The file names the holder's pid; the operating system drops the
 * lock when the holder dies, even by kill -9.
 */
final class DataDirLock implements AutoCloseable {
    static final String FILE = "pikko.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path dataDir) {
        String named = dataDir + " (pikko.data-dir)";
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new CannotStart("data directory " + named + " cannot be created: " + reason(e), e);
        }
        Path file = dataDir.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CannotStart("data directory " + named + " is not writable: " + reason(e), e);
        }
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new CannotStart("data directory " + named + " is in use by another node"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")"));
            }
            byte[] pid = String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(true);
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CannotStart("data directory " + named + " is not writable: " + reason(e), e);
        }
    }

    /** Null when another process holds it, or another node in this JVM (tests start several). */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** Some IOExceptions say only the path; their kind says what went wrong. */
    private static String reason(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof AccessDeniedException) {
            return "permission denied (" + message + ")";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file, not a directory, is in the way (" + message + ")";
        }
        return message;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do; the lock goes with the channel.
        }
    }

    /** Releases the directory; safe to call more than once. */
    @Override
    public void close() {
        try {
            if (channel.isOpen()) {
                lock.release();
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + FILE, e);
        }
    }
}
