package io.pikko.storage;

/**
 * RocksDB could not write because the data directory's filesystem is full. Reads still work;
 * RocksDB leaves its read-only state by itself once space is freed (it polls the free space), so
 * writes are refused only while the disk stays full.
 */
public final class DiskFullException extends StorageException {
    private final boolean first;

    DiskFullException(String message, Throwable cause, boolean first) {
        super(message, cause);
        this.first = first;
    }

    /** Whether this is the first write refused since the store last wrote, so worth one log line. */
    public boolean first() {
        return first;
    }
}
