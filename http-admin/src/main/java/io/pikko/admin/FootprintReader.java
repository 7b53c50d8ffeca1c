package io.pikko.admin;

import io.pikko.storage.ColumnFamily;
import io.pikko.storage.PikkoStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Reads this node's {@link NodeFootprint} from the JVM, RocksDB's properties and the data directory. */
public final class FootprintReader {
    private final PikkoStore store;
    private final Path dataDir;

    public FootprintReader(PikkoStore store, Path dataDir) {
        this.store = store;
        this.dataDir = dataDir;
    }

    public NodeFootprint read() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long memtables = 0;
        long sst = 0;
        for (ColumnFamily family : ColumnFamily.values()) {
            memtables += store.longProperty(family, "rocksdb.cur-size-all-mem-tables");
            sst += store.longProperty(family, "rocksdb.total-sst-files-size");
        }
        // The cache is shared by the families, so any one of them reports it.
        long blockCache = store.longProperty(ColumnFamily.META, "rocksdb.block-cache-usage");
        return new NodeFootprint(heap.getUsed(), heap.getMax(), memtables, blockCache, sst, directoryBytes(dataDir));
    }

    /** The bytes of the files under {@code root}; a file compaction deletes meanwhile is left out. */
    private static long directoryBytes(Path root) {
        long[] total = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    total[0] += attributes.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException gone) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException unreadable) {
            // walkFileTree reports failures per file; only the root's own can land here, and it leaves 0.
        }
        return total[0];
    }
}
