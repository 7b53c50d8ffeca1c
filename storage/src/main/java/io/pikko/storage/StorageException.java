package io.pikko.storage;

/** RocksDB refused an operation (disk full, I/O error, corruption). */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
