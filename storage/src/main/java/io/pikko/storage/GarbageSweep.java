package io.pikko.storage;

import java.util.Arrays;
import org.rocksdb.WriteBatchWithIndex;

/**
 * One pass over a slot's member records (data and zscore families, every database), deleting
 * those whose collection was deleted, expired or replaced: what keeps DEL of a huge key O(1).
 * A pass runs in steps of a bounded number of records so the slot keeps serving between them.
 */
final class GarbageSweep {
    private static final ColumnFamily[] FAMILIES = {ColumnFamily.DATA, ColumnFamily.ZSCORE};

    private final SlotKeyspace keyspace;
    private final long startMarks;
    private int family;
    private int db;
    private byte[] resumeAt;
    private byte[] lastOwnerKey;
    private boolean lastOwnerLive;

    GarbageSweep(SlotKeyspace keyspace, long startMarks) {
        this.keyspace = keyspace;
        this.startMarks = startMarks;
    }

    long startMarks() {
        return startMarks;
    }

    boolean done() {
        return family >= FAMILIES.length;
    }

    long run(int budget) {
        PikkoStore store = keyspace.store();
        long deleted = 0;
        int examined = 0;
        try (WriteBatchWithIndex batch = new WriteBatchWithIndex(true)) {
            while (!done() && examined < budget) {
                byte[] from = resumeAt != null ? resumeAt : KeyCodec.prefix(db, keyspace.slot());
                try (RangeIterator it = store.range(FAMILIES[family], from, KeyCodec.prefixEnd(db, keyspace.slot()))) {
                    for (; it.valid() && examined < budget; it.next(), examined++) {
                        byte[] recordKey = it.key();
                        if (!ownerLive(store, recordKey)) {
                            batch.delete(store.handle(FAMILIES[family]), recordKey);
                            deleted++;
                        }
                    }
                    if (it.valid()) {
                        resumeAt = it.key();
                    } else {
                        advance();
                    }
                }
            }
            if (batch.count() > 0) {
                store.write(batch);
            }
        } catch (org.rocksdb.RocksDBException e) {
            throw new StorageException("garbage sweep failed: " + e.getMessage(), e);
        }
        return deleted;
    }

    private void advance() {
        resumeAt = null;
        if (++db >= keyspace.databases()) {
            db = 0;
            family++;
        }
    }

    private boolean ownerLive(PikkoStore store, byte[] recordKey) {
        KeyCodec.MemberOwner owner = KeyCodec.ownerOfMember(recordKey);
        byte[] metaKey = KeyCodec.metaKey(owner.db(), keyspace.slot(), owner.userKey());
        byte[] ownerKey = KeyCodec.concat(metaKey, KeyCodec.sortableIndex(owner.version()));
        if (!Arrays.equals(ownerKey, lastOwnerKey)) {
            byte[] raw = store.get(ColumnFamily.META, metaKey);
            KeyMeta meta = raw == null ? null : KeyMeta.decode(raw);
            lastOwnerLive = meta != null && meta.isCollection() && meta.version() == owner.version();
            lastOwnerKey = ownerKey;
        }
        return lastOwnerLive;
    }
}
