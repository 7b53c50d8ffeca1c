package io.pikko.storage;

import io.pikko.protocol.NodeClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Small helpers shared by the storage tests. */
final class TestStores {
    private TestStores() {}

    /** A store with small caches, so tests open quickly. */
    static PikkoStore open(Path dir, FsyncPolicy fsync) {
        return PikkoStore.open(new StoreOptions(dir, fsync, 8L << 20, 4L << 20), NodeClock.SYSTEM);
    }

    static PikkoStore open(Path dir) {
        return open(dir, FsyncPolicy.NO);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The string value a batch reads for a key, or null. */
    static String value(SlotBatch batch, int db, String key) {
        KeyMeta meta = batch.get(db, b(key));
        return meta == null ? null : s(meta.payload());
    }

    /** The string value a fresh, uncommitted command would read (it changes nothing it does not commit). */
    static String read(SlotKeyspace keyspace, int db, String key, long now) {
        try (SlotBatch batch = keyspace.begin(now)) {
            return value(batch, db, key);
        }
    }

    /** Whether the store itself holds a metadata record for the key. */
    static boolean stored(PikkoStore store, int db, int slot, String key) {
        return store.get(ColumnFamily.META, KeyCodec.metaKey(db, slot, b(key))) != null;
    }

    static void set(SlotKeyspace keyspace, int db, String key, String value, long expireAt, long now) {
        try (SlotBatch batch = keyspace.begin(now)) {
            batch.put(db, b(key), KeyMeta.string(b(value), expireAt));
            batch.commit();
        }
    }

    static void set(SlotKeyspace keyspace, int db, String key, String value) {
        set(keyspace, db, key, value, 0, 1_000);
    }
}
