package io.pikko.actors.migration;

import io.pikko.protocol.CborSerializable;

/**
 * How a slot's keys move: batches of at most {@code batchKeys} chunks and {@code batchBytes}
 * bytes, a big collection cut into chunks of {@code chunkElements} elements, and at most
 * {@code keysPerSecond} keys and {@code bytesPerSecond} bytes a second (0: no limit).
 */
public record MigrationLimits(int batchKeys, long batchBytes, int chunkElements, long keysPerSecond, long bytesPerSecond)
        implements CborSerializable {

    /** Batches well below the cluster's largest message (4 MiB), no rate limit. */
    public static MigrationLimits defaults() {
        return new MigrationLimits(512, 512 * 1024, 1024, 0, 0);
    }

    public MigrationLimits withRates(long keys, long bytes) {
        return new MigrationLimits(batchKeys, batchBytes, chunkElements, keys, bytes);
    }
}
