package io.pikko.storage;

import java.util.ArrayList;
import java.util.List;
import org.rocksdb.AbstractWriteBatch;
import org.rocksdb.RocksDBException;

/**
 * One slot's binlog on this node: every write of the slot, as a {@link BinlogRecord}, in the same
 * WriteBatch as the write itself. A master appends; a replica stores the records it applied
 * under their master's sequences, so its last record is its position and, once promoted, its log
 * goes on where its master's stopped. Not thread-safe: the slot's owner serialises its use.
 */
public final class SlotBinlog {
    private final PikkoStore store;
    private final int slot;
    private long firstSeq;
    private long lastSeq;
    private long lastEpoch;
    private long retainedBytes;
    private long epoch;

    SlotBinlog(PikkoStore store, int slot) {
        this.store = store;
        this.slot = slot;
        load();
    }

    private void load() {
        firstSeq = 0;
        lastSeq = 0;
        lastEpoch = 0;
        retainedBytes = 0;
        byte[] from = BinlogRecord.key(slot, 0);
        byte[] to = KeyCodec.prefixEnd(0, slot);
        try (RangeIterator it = store.range(ColumnFamily.BINLOG, from, to)) {
            if (it.valid()) {
                firstSeq = BinlogRecord.seqOfKey(it.key());
            }
        }
        if (firstSeq != 0) {
            byte[] last = store.lastIn(ColumnFamily.BINLOG, from, to);
            lastSeq = BinlogRecord.seqOfKey(last);
            lastEpoch = BinlogRecord.epochOfValue(store.get(ColumnFamily.BINLOG, last));
            retainedBytes = store.approximateBytes(ColumnFamily.BINLOG, from, to);
            store.versionsAbove(lastSeq);
        }
        store.binlogHead(slot, lastSeq);
    }

    /** The sequence of the newest record, 0 when the log is empty. */
    public long lastSeq() {
        return lastSeq;
    }

    /** The epoch of the newest record, 0 when the log is empty. */
    public long lastEpoch() {
        return lastEpoch;
    }

    public BinlogPosition position() {
        return new BinlogPosition(lastSeq, lastEpoch);
    }

    /** The sequence of the oldest record kept, 0 when the log is empty. */
    public long firstSeq() {
        return firstSeq;
    }

    /** About how many bytes the kept records take. */
    public long retainedBytes() {
        return retainedBytes;
    }

    /** The epoch new records are stamped with: the group's, as the master knows it. */
    public void setEpoch(long epoch) {
        this.epoch = epoch;
    }

    public long epoch() {
        return epoch;
    }

    /**
     * The next record of a write with these ops, put into {@code batch}; call {@link #appended}
     * once the batch is written. An empty log starts from a fresh store version, and versions stay
     * above every sequence written, so a slot that left this node and came back never hands out a
     * sequence it used before.
     */
    BinlogRecord stage(AbstractWriteBatch batch, byte[] ops, long nowMillis) {
        long seq = lastSeq == 0 ? store.nextVersion() : lastSeq + 1;
        BinlogRecord record = new BinlogRecord(seq, epoch, nowMillis, ops);
        stage(batch, record);
        return record;
    }

    /** Puts a record as it is (a replica copying its master's) into {@code batch}. */
    void stage(AbstractWriteBatch batch, BinlogRecord record) {
        try {
            batch.put(store.handle(ColumnFamily.BINLOG), BinlogRecord.key(slot, record.seq()), record.value());
        } catch (RocksDBException e) {
            throw new StorageException("binlog append failed: " + e.getMessage(), e);
        }
    }

    /** The staged record is written: it is now the newest. */
    void appended(BinlogRecord record) {
        store.versionsAbove(record.seq());
        store.countBinlogRecord();
        if (firstSeq == 0) {
            firstSeq = record.seq();
        }
        lastSeq = record.seq();
        lastEpoch = record.epoch();
        retainedBytes += record.size();
        store.binlogHead(slot, lastSeq);
    }

    /**
     * A master's log is never empty when a replica syncs from it: a record with no ops gives an
     * idle slot a position too, so an empty replica can never take an empty log for its own.
     */
    public void ensureStarted(long nowMillis) {
        if (lastSeq != 0) {
            return;
        }
        try (org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch()) {
            BinlogRecord record = stage(batch, new byte[0], nowMillis);
            store.write(batch);
            appended(record);
        }
    }

    /** Records with a sequence at or after {@code fromSeq}, oldest first, at most this many and about this many bytes. */
    public List<BinlogRecord> read(long fromSeq, int maxRecords, long maxBytes) {
        List<BinlogRecord> records = new ArrayList<>();
        long bytes = 0;
        try (RangeIterator it = store.range(ColumnFamily.BINLOG, BinlogRecord.key(slot, fromSeq), KeyCodec.prefixEnd(0, slot))) {
            for (; it.valid() && records.size() < maxRecords && (records.isEmpty() || bytes < maxBytes); it.next()) {
                BinlogRecord record = BinlogRecord.decode(it.key(), it.value());
                records.add(record);
                bytes += record.size();
            }
        }
        return records;
    }

    /**
     * Whether a replica whose newest record is {@code (seq, epoch)} holds a prefix of this log, so
     * that the records after {@code seq} bring it up to date. Otherwise (its position was trimmed,
     * it is new, or it kept a tail a dead master wrote that this log lacks) it needs a full sync.
     */
    public boolean continues(long seq, long epoch) {
        if (lastSeq == 0 || seq < firstSeq || seq > lastSeq) {
            return false;
        }
        if (seq == lastSeq) {
            return epoch == lastEpoch;
        }
        byte[] value = store.get(ColumnFamily.BINLOG, BinlogRecord.key(slot, seq));
        return value != null && BinlogRecord.epochOfValue(value) == epoch;
    }

    /**
     * Drops the oldest records beyond {@code retention}, but none at or after {@code neededFrom}
     * (the oldest position a live replica still reads from) while the log is within the cap, and
     * never the newest. Returns how many records were dropped.
     */
    public long trim(long nowMillis, long neededFrom, BinlogRetention retention) {
        if (firstSeq == 0 || firstSeq == lastSeq) {
            return 0;
        }
        long bytes = retainedBytes;
        long newFirst = firstSeq;
        long dropped = 0;
        byte[] from = BinlogRecord.key(slot, firstSeq);
        try (RangeIterator it = store.range(ColumnFamily.BINLOG, from, BinlogRecord.key(slot, lastSeq))) {
            for (; it.valid(); it.next()) {
                long seq = BinlogRecord.seqOfKey(it.key());
                boolean tooMuch = bytes > retention.maxBytes()
                        || nowMillis - BinlogRecord.timeOfValue(it.value()) > retention.maxAgeMillis();
                boolean needed = seq >= neededFrom && bytes <= retention.capBytes();
                if (!tooMuch || needed) {
                    newFirst = seq;
                    break;
                }
                bytes -= KeyCodec.PREFIX + 8 + it.value().length;
                dropped++;
                newFirst = seq + 1;
            }
        }
        if (dropped == 0) {
            return 0;
        }
        // Sequences may have gaps (a failed write's), so the new first is the next record kept.
        store.deleteRange(ColumnFamily.BINLOG, from, BinlogRecord.key(slot, newFirst));
        try (RangeIterator it = store.range(ColumnFamily.BINLOG, BinlogRecord.key(slot, newFirst), KeyCodec.prefixEnd(0, slot))) {
            firstSeq = it.valid() ? BinlogRecord.seqOfKey(it.key()) : lastSeq;
        }
        retainedBytes = Math.max(0, bytes);
        return dropped;
    }

    /** The slot's records, the log's included, were removed: the log starts again. */
    void reset() {
        load();
    }
}
