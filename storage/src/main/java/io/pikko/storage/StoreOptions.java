package io.pikko.storage;

import java.nio.file.Path;

/** What a node's store needs to open: where it lives, how it syncs, how much it may cache. */
public record StoreOptions(Path directory, FsyncPolicy fsync, long blockCacheBytes, long writeBufferBytes) {
    public static StoreOptions defaults(Path directory) {
        return new StoreOptions(directory, FsyncPolicy.EVERYSEC, 256L << 20, 64L << 20);
    }
}
