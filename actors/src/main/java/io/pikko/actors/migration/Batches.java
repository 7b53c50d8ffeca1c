package io.pikko.actors.migration;

import io.pikko.storage.ExportChunk;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Cuts a run of chunks into batches of at most the limits' keys and bytes (a batch has one chunk at least). */
final class Batches {
    private Batches() {}

    /** The next batch from {@code chunks}, or null when they are used up. */
    static List<ExportChunk> next(Iterator<ExportChunk> chunks, MigrationLimits limits) {
        List<ExportChunk> batch = new ArrayList<>();
        long bytes = 0;
        while (chunks.hasNext() && batch.size() < limits.batchKeys() && (batch.isEmpty() || bytes < limits.batchBytes())) {
            ExportChunk chunk = chunks.next();
            batch.add(chunk);
            bytes += chunk.estimatedBytes();
        }
        return batch.isEmpty() ? null : batch;
    }

    static List<List<ExportChunk>> split(List<ExportChunk> chunks, MigrationLimits limits) {
        List<List<ExportChunk>> batches = new ArrayList<>();
        Iterator<ExportChunk> it = chunks.iterator();
        for (List<ExportChunk> batch = next(it, limits); batch != null; batch = next(it, limits)) {
            batches.add(batch);
        }
        return batches;
    }

    static long bytes(List<ExportChunk> batch) {
        return batch.stream().mapToLong(ExportChunk::estimatedBytes).sum();
    }

    /** Keys a batch starts (a big key's later chunks do not count again). */
    static long keys(List<ExportChunk> batch) {
        return batch.stream().filter(ExportChunk::first).count();
    }
}
