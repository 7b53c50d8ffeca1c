package io.pikko.storage;

import io.pikko.protocol.SlotHash;
import io.pikko.protocol.NodeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.HistogramType;
import org.rocksdb.IndexType;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;
import org.rocksdb.Statistics;
import org.rocksdb.Status;
import org.rocksdb.TickerType;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBatchWithIndex;
import org.rocksdb.WriteOptions;

/**
 * The one RocksDB of a node, with its column families. Thread-safe; callers that need per-slot
 * atomicity (the slot entities) serialise their own writes.
 */
public final class PikkoStore implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    /** The column families whose keys start with {@code db | slot}. */
    private static final ColumnFamily[] SLOT_PREFIXED = {
        ColumnFamily.META, ColumnFamily.DATA, ColumnFamily.ZSCORE, ColumnFamily.BINLOG
    };

    private final RocksDB db;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final LRUCache blockCache;
    /** RocksDB's counters only, no histograms: what the store reports of its own work (WAL syncs). */
    private final Statistics statistics = new Statistics(EnumSet.allOf(HistogramType.class));
    private final Map<ColumnFamily, ColumnFamilyHandle> handles = new EnumMap<>(ColumnFamily.class);
    private final List<ColumnFamilyHandle> allHandles = new ArrayList<>();
    private final WriteOptions syncWrites = new WriteOptions().setSync(true);
    private final WriteOptions plainWrites = new WriteOptions();
    private final ReadOptions readOptions = new ReadOptions();
    private final AtomicLong versions = new AtomicLong();
    private final AtomicLong binlogRecords = new AtomicLong();
    /** Per slot, the newest binlog sequence this node holds, as its slot's log last said. */
    private final AtomicLongArray binlogHeads = new AtomicLongArray(SlotHash.SLOTS);
    /** Writes are being refused for a full disk, since the last one that succeeded. */
    private final AtomicBoolean diskFull = new AtomicBoolean();
    private final ScheduledExecutorService walSyncer;
    private volatile FsyncPolicy fsync;
    private volatile BinlogRetention binlogRetention = BinlogRetention.defaults();
    private volatile boolean closed;

    private PikkoStore(StoreOptions options, NodeClock clock) throws RocksDBException, IOException {
        Files.createDirectories(options.directory());
        this.fsync = options.fsync();
        // Half the cache is kept for index and filter blocks, which every read of their file needs.
        this.blockCache = new LRUCache(options.blockCacheBytes(), -1, false, 0.5);
        this.dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setIncreaseParallelism(Math.max(2, Runtime.getRuntime().availableProcessors()))
                .setMaxBackgroundJobs(2)
                .setKeepLogFileNum(5)
                .setStatistics(statistics);
        this.cfOptions = new ColumnFamilyOptions()
                .setWriteBufferSize(options.writeBufferBytes())
                // A bloom filter over each memtable's keys: most lookups of SADD, HSET, ZADD and SET
                // are for records that do not exist, and skip the skiplist search with it.
                .setMemtableWholeKeyFiltering(true)
                .setMemtablePrefixBloomSizeRatio(0.1)
                .setTableFormatConfig(new BlockBasedTableConfig()
                        .setBlockCache(blockCache)
                        .setFilterPolicy(new BloomFilter(10, false))
                        .setCacheIndexAndFilterBlocks(true)
                        .setCacheIndexAndFilterBlocksWithHighPriority(true)
                        // A whole-file filter of a million-member file is larger than a cache shard
                        // and was read from disk again on every lookup; partitions of a few KiB stay cached.
                        .setIndexType(IndexType.kTwoLevelIndexSearch)
                        .setPartitionFilters(true)
                        .setPinTopLevelIndexAndFilter(true));
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
        for (ColumnFamily family : ColumnFamily.values()) {
            descriptors.add(new ColumnFamilyDescriptor(family.diskName().getBytes(), cfOptions));
        }
        this.db = RocksDB.open(dbOptions, options.directory().toString(), descriptors, allHandles);
        for (ColumnFamily family : ColumnFamily.values()) {
            handles.put(family, allHandles.get(family.ordinal() + 1));
        }
        // Versions only need to grow across restarts; wall-clock microseconds do that.
        versions.set(clock.millis() * 1000);
        this.walSyncer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "pikko-wal-sync");
            thread.setDaemon(true);
            return thread;
        });
        walSyncer.scheduleWithFixedDelay(this::syncWalIfEverySec, 1, 1, TimeUnit.SECONDS);
    }

    /** Opens the store; {@code clock} seeds the versions of collections (see {@link #nextVersion()}). */
    public static PikkoStore open(StoreOptions options, NodeClock clock) {
        try {
            return new PikkoStore(options, clock);
        } catch (RocksDBException | IOException e) {
            throw new StorageException("cannot open the store at " + options.directory() + ": " + e.getMessage(), e);
        }
    }

    public FsyncPolicy fsync() {
        return fsync;
    }

    public void setFsync(FsyncPolicy policy) {
        this.fsync = policy;
    }

    /** How much of each slot's binlog the slots of this store keep. */
    public BinlogRetention binlogRetention() {
        return binlogRetention;
    }

    public void setBinlogRetention(BinlogRetention retention) {
        this.binlogRetention = retention;
    }

    /** A fresh version for a collection written anew, larger than any handed out before. */
    public long nextVersion() {
        return versions.incrementAndGet();
    }

    /** Binlog records written since the store opened, by masters and replicas alike: the node's replication offset. */
    public long binlogRecords() {
        return binlogRecords.get();
    }

    /**
     * The node's replication offset: over every slot whose log this node opened, the newest
     * sequence it holds. A master and a replica that holds all it has give the same figure, and it
     * only grows with writes, so replicas compare by it (the one with the most data has the largest).
     */
    public long replicationOffset() {
        long sum = 0;
        for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
            sum += binlogHeads.get(slot);
        }
        return sum;
    }

    void binlogHead(int slot, long seq) {
        binlogHeads.set(slot, seq);
    }

    void countBinlogRecord() {
        binlogRecords.incrementAndGet();
    }

    /** Versions handed out from now on are larger than {@code seen}. */
    void versionsAbove(long seen) {
        versions.accumulateAndGet(seen, Math::max);
    }

    ColumnFamilyHandle handle(ColumnFamily family) {
        return handles.get(family);
    }

    public byte[] get(ColumnFamily family, byte[] key) {
        try {
            return db.get(handles.get(family), readOptions, key);
        } catch (RocksDBException e) {
            throw new StorageException("read failed: " + e.getMessage(), e);
        }
    }

    byte[] get(WriteBatchWithIndex batch, ColumnFamily family, byte[] key) {
        try {
            return batch.getFromBatchAndDB(db, handles.get(family), readOptions, key);
        } catch (RocksDBException e) {
            throw new StorageException("read failed: " + e.getMessage(), e);
        }
    }

    byte[] get(ReadOptions options, ColumnFamily family, byte[] key) {
        try {
            return db.get(handles.get(family), options, key);
        } catch (RocksDBException e) {
            throw new StorageException("read failed: " + e.getMessage(), e);
        }
    }

    /** The store as it is now, for reads that must not see later writes (a slot export). */
    StoreSnapshot snapshot() {
        return new StoreSnapshot(this, db.getSnapshot());
    }

    void releaseSnapshot(Snapshot snapshot) {
        db.releaseSnapshot(snapshot);
    }

    /** Applies a batch atomically, syncing the WAL first when the policy is {@code always}. */
    void write(WriteBatchWithIndex batch) {
        try {
            db.write(fsync == FsyncPolicy.ALWAYS ? syncWrites : plainWrites, batch);
            wrote();
        } catch (RocksDBException e) {
            throw writeFailure("write", e);
        }
    }

    /** As {@link #write(WriteBatchWithIndex)}, for a batch that needs no reads of its own writes. */
    void write(WriteBatch batch) {
        try {
            db.write(fsync == FsyncPolicy.ALWAYS ? syncWrites : plainWrites, batch);
            wrote();
        } catch (RocksDBException e) {
            throw writeFailure("write", e);
        }
    }

    /** The greatest key in {@code [from, to)} of a column family, or null when there is none. */
    byte[] lastIn(ColumnFamily family, byte[] from, byte[] to) {
        try (ReadOptions options = new ReadOptions(); Slice lower = new Slice(from)) {
            options.setIterateLowerBound(lower);
            try (RocksIterator iterator = db.newIterator(handles.get(family), options)) {
                iterator.seekForPrev(to);
                if (iterator.isValid() && java.util.Arrays.compareUnsigned(iterator.key(), to) == 0) {
                    iterator.prev();
                }
                return iterator.isValid() ? iterator.key() : null;
            }
        }
    }

    /** About how many bytes the records in {@code [from, to)} of a column family take, memtables included. */
    long approximateBytes(ColumnFamily family, byte[] from, byte[] to) {
        try (Slice start = new Slice(from); Slice limit = new Slice(to)) {
            long[] sizes = db.getApproximateSizes(handles.get(family), List.of(new org.rocksdb.Range(start, limit)),
                    org.rocksdb.SizeApproximationFlag.INCLUDE_FILES, org.rocksdb.SizeApproximationFlag.INCLUDE_MEMTABLES);
            return sizes.length == 0 ? 0 : sizes[0];
        }
    }

    void deleteRange(ColumnFamily family, byte[] from, byte[] to) {
        try {
            db.deleteRange(handles.get(family), fsync == FsyncPolicy.ALWAYS ? syncWrites : plainWrites, from, to);
            wrote();
        } catch (RocksDBException e) {
            throw writeFailure("delete range", e);
        }
    }

    /**
     * Removes every record of {@code slot} in databases [0, databases) from every column family:
     * what a node does with a slot that moved away, and before it imports a slot. No slot entity
     * may be writing the slot meanwhile, and a {@link SlotKeyspace} of the slot opened before
     * keeps counting the keys it had.
     */
    public void deleteSlot(int slot, int databases) {
        deleteExpireEntries(slot, databases);
        // One batch, so a crash leaves the slot's records either all there or all gone.
        try (WriteBatch batch = new WriteBatch()) {
            for (int database = 0; database < databases; database++) {
                byte[] from = KeyCodec.prefix(database, slot);
                byte[] to = KeyCodec.prefixEnd(database, slot);
                for (ColumnFamily family : SLOT_PREFIXED) {
                    // A range tombstone over an empty range would only slow later reads.
                    if (holdsAny(family, from, to)) {
                        batch.deleteRange(handles.get(family), from, to);
                    }
                }
            }
            if (batch.count() > 0) {
                db.write(fsync == FsyncPolicy.ALWAYS ? syncWrites : plainWrites, batch);
                wrote();
            }
        } catch (RocksDBException e) {
            throw writeFailure("slot delete", e);
        }
    }

    /**
     * The expire index is ordered by time, not slot, so the slot's entries are found through its
     * keys' metadata, in batches of bounded size.
     */
    private void deleteExpireEntries(int slot, int databases) {
        try (WriteBatch batch = new WriteBatch()) {
            for (int database = 0; database < databases; database++) {
                try (RangeIterator it = range(ColumnFamily.META, KeyCodec.prefix(database, slot), KeyCodec.prefixEnd(database, slot))) {
                    for (; it.valid(); it.next()) {
                        long expireAt = KeyMeta.expireAtOf(it.value());
                        if (expireAt > 0) {
                            batch.delete(handles.get(ColumnFamily.EXPIRE),
                                    KeyCodec.expireKey(expireAt, database, slot, KeyCodec.userKeyOfMeta(it.key())));
                        }
                        if (batch.count() >= 10_000) {
                            db.write(plainWrites, batch);
                            batch.clear();
                        }
                    }
                }
            }
            if (batch.count() > 0) {
                db.write(plainWrites, batch);
            }
        } catch (RocksDBException e) {
            throw writeFailure("slot delete", e);
        }
    }

    /**
     * A full disk is told apart from other failures: RocksDB then refuses writes until it has
     * recovered by itself, which it does once there is space again (it polls every few seconds).
     * Until a write succeeds, its I/O errors ("Writer has previous error" from the log that ran out
     * of space) are the same spell.
     */
    private StorageException writeFailure(String operation, RocksDBException e) {
        Status status = e.getStatus();
        boolean noSpace = status != null && status.getSubCode() == Status.SubCode.NoSpace;
        boolean sameSpell = diskFull.get() && status != null && status.getCode() == Status.Code.IOError;
        if (noSpace || sameSpell) {
            return new DiskFullException(operation + " refused, disk full: " + e.getMessage(), e,
                    diskFull.compareAndSet(false, true));
        }
        return new StorageException(operation + " failed: " + e.getMessage(), e);
    }

    private void wrote() {
        if (diskFull.get()) {
            diskFull.set(false);
        }
    }

    private boolean holdsAny(ColumnFamily family, byte[] from, byte[] to) {
        try (RangeIterator it = range(family, from, to)) {
            return it.valid();
        }
    }

    /** Iterates {@code [from, to)} of a column family; the caller closes it. */
    public RangeIterator range(ColumnFamily family, byte[] from, byte[] to) {
        ReadOptions options = new ReadOptions();
        Slice upper = new Slice(to);
        options.setIterateUpperBound(upper);
        RocksIterator iterator = db.newIterator(handles.get(family), options);
        iterator.seek(from);
        return new RangeIterator(iterator, options, upper);
    }

    RocksIterator rawIterator(ColumnFamily family, ReadOptions options) {
        return db.newIterator(handles.get(family), options);
    }

    /** Entries of the expire index due at or before {@code nowMillis}, oldest first. */
    public List<DueExpiration> dueExpirations(long nowMillis, int limit) {
        List<DueExpiration> due = new ArrayList<>();
        try (RangeIterator it = range(ColumnFamily.EXPIRE, new byte[0], KeyCodec.expireUpperBound(nowMillis))) {
            while (it.valid() && due.size() < limit) {
                due.add(KeyCodec.decodeExpireKey(it.key()));
                it.next();
            }
        }
        return due;
    }

    /** Approximate number of live entries of a column family, as RocksDB estimates it. */
    public long estimatedEntries(ColumnFamily family) {
        try {
            return db.getLongProperty(handles.get(family), "rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw new StorageException("property read failed: " + e.getMessage(), e);
        }
    }

    /** Bytes of SST files and memtables, for INFO. */
    public long approximateSizeBytes() {
        long total = 0;
        try {
            for (ColumnFamilyHandle handle : allHandles) {
                total += db.getLongProperty(handle, "rocksdb.total-sst-files-size");
                total += db.getLongProperty(handle, "rocksdb.cur-size-all-mem-tables");
            }
        } catch (RocksDBException e) {
            throw new StorageException("property read failed: " + e.getMessage(), e);
        }
        return total;
    }

    /** How often the WAL has been forced to disk since the store opened, by writes or by {@link #syncWal}. */
    public long walSyncs() {
        return statistics.getTickerCount(TickerType.WAL_FILE_SYNCED);
    }

    /**
     * One of RocksDB's integer properties of a column family, such as rocksdb.cur-size-all-mem-tables,
     * for metrics. Read-only; the block cache is shared, so its properties are the same in every family.
     * Synchronized with {@link #close()}: a property read on a closed database would crash the JVM.
     */
    public synchronized long longProperty(ColumnFamily family, String property) {
        if (closed) {
            throw new StorageException("the store is closed", null);
        }
        try {
            return db.getLongProperty(handles.get(family), property);
        } catch (RocksDBException e) {
            throw new StorageException("property read failed: " + e.getMessage(), e);
        }
    }

    /**
     * One of RocksDB's map properties of a column family, such as rocksdb.cf-write-stall-stats, for
     * metrics; synchronized with {@link #close()} as {@link #longProperty} is.
     */
    public synchronized Map<String, String> mapProperty(ColumnFamily family, String property) {
        if (closed) {
            throw new StorageException("the store is closed", null);
        }
        try {
            return db.getMapProperty(handles.get(family), property);
        } catch (RocksDBException e) {
            throw new StorageException("property read failed: " + e.getMessage(), e);
        }
    }

    /**
     * One of RocksDB's statistics tickers since the store opened, such as BLOCK_CACHE_HIT, for
     * metrics; synchronized with {@link #close()}, which frees the statistics.
     */
    public synchronized long ticker(TickerType ticker) {
        if (closed) {
            throw new StorageException("the store is closed", null);
        }
        return statistics.getTickerCount(ticker);
    }

    /** Forces the WAL to disk now. */
    public void syncWal() {
        try {
            db.flushWal(true);
        } catch (RocksDBException e) {
            throw new StorageException("WAL sync failed: " + e.getMessage(), e);
        }
    }

    /**
     * Not while writes are refused for a full disk: a WAL sync then turns RocksDB's recoverable
     * out-of-space error into "Writer has previous error", which it never recovers from by itself.
     * There is nothing unsynced to lose meanwhile, as no write is accepted.
     */
    private void syncWalIfEverySec() {
        if (!closed && fsync == FsyncPolicy.EVERYSEC && !diskFull.get()) {
            try {
                syncWal();
            } catch (StorageException e) {
                // The next tick tries again; the write path reports disk errors to clients.
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        walSyncer.shutdownNow();
        try {
            // A sync already running must finish before the native handles below are freed.
            walSyncer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            db.flushWal(true);
        } catch (RocksDBException e) {
            // Closing anyway: RocksDB replays whatever reached the WAL.
        }
        allHandles.forEach(ColumnFamilyHandle::close);
        db.close();
        syncWrites.close();
        plainWrites.close();
        readOptions.close();
        cfOptions.close();
        dbOptions.close();
        statistics.close();
        blockCache.close();
    }
}
