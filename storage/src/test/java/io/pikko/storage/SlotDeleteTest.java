package io.pikko.storage;

import static io.pikko.storage.SlotFixtures.collection;
import static io.pikko.storage.SlotFixtures.contents;
import static io.pikko.storage.SlotFixtures.keyIn;
import static io.pikko.storage.SlotFixtures.list;
import static io.pikko.storage.SlotFixtures.score;
import static io.pikko.storage.SlotFixtures.string;
import static io.pikko.storage.TestStores.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatchWithIndex;

/** Deleting a slot removes its records from every column family and leaves its neighbours alone. */
class SlotDeleteTest {
    private static final int SLOT = 512;
    private static final int[] NEIGHBOURS = {SLOT - 1, SLOT + 1};
    private static final int DATABASES = 16;
    private static final long NOW = 1_700_000_000_000L;
    private static final long LATER = NOW + 60_000;

    @TempDir
    Path dir;
    private PikkoStore store;

    @BeforeEach
    void open() {
        store = TestStores.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Keys of every type, half with a TTL, in three databases; the writes' binlog records come with them. */
    private void fill(SlotKeyspace keyspace) {
        int slot = keyspace.slot();
        for (int db : new int[] {0, 7, 15}) {
            for (int i = 0; i < 20; i++) {
                long expireAt = i % 2 == 0 ? 0 : LATER + i;
                string(keyspace, db, keyIn(slot, "s" + i), b("v" + i), expireAt, NOW);
                collection(keyspace, db, keyIn(slot, "h" + i), KeyType.HASH, List.of(b("f"), b("v"), b("g"), b("w")), expireAt, NOW);
                collection(keyspace, db, keyIn(slot, "S" + i), KeyType.SET, List.of(b("a"), b("b")), expireAt, NOW);
                collection(keyspace, db, keyIn(slot, "z" + i), KeyType.ZSET, List.of(b("a"), score(1), b("b"), score(-2)), expireAt, NOW);
                list(keyspace, db, keyIn(slot, "l" + i), List.of(b("x")), List.of(b("y"), b("z")), 0, expireAt, NOW);
            }
        }
        // A deleted collection leaves member records behind for the sweeper: those go too.
        try (SlotBatch batch = keyspace.begin(NOW)) {
            batch.delete(0, keyIn(slot, "h0"));
            batch.commit();
        }
    }

    /** Records of the slot in each column family, read raw from the store. */
    private long rawRecords(int slot) {
        long n = 0;
        for (ColumnFamily family : new ColumnFamily[] {ColumnFamily.META, ColumnFamily.DATA, ColumnFamily.ZSCORE, ColumnFamily.BINLOG}) {
            for (int db = 0; db < DATABASES; db++) {
                try (RangeIterator it = store.range(family, KeyCodec.prefix(db, slot), KeyCodec.prefixEnd(db, slot))) {
                    for (; it.valid(); it.next()) {
                        n++;
                    }
                }
            }
        }
        try (RangeIterator it = store.range(ColumnFamily.EXPIRE, new byte[0], new byte[] {(byte) 0xff})) {
            for (; it.valid(); it.next()) {
                n += KeyCodec.decodeExpireKey(it.key()).slot() == slot ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void deleteSlotRemovesEveryRecordOfTheSlotOnly() {
        SlotKeyspace target = new SlotKeyspace(store, SLOT, DATABASES);
        fill(target);
        for (int neighbour : NEIGHBOURS) {
            fill(new SlotKeyspace(store, neighbour, DATABASES));
        }
        Map<String, SlotFixtures.KeyState> before0 = contents(new SlotKeyspace(store, NEIGHBOURS[0], DATABASES), NOW);
        Map<String, SlotFixtures.KeyState> before1 = contents(new SlotKeyspace(store, NEIGHBOURS[1], DATABASES), NOW);
        long neighbourRecords = rawRecords(NEIGHBOURS[0]) + rawRecords(NEIGHBOURS[1]);
        assertNotEquals(0, rawRecords(SLOT));

        store.deleteSlot(SLOT, DATABASES);

        assertEquals(0, rawRecords(SLOT));
        SlotKeyspace reopened = new SlotKeyspace(store, SLOT, DATABASES);
        for (int db = 0; db < DATABASES; db++) {
            assertEquals(0, reopened.count(db));
            assertEquals(0, reopened.expiring(db));
        }
        assertEquals(Map.of(), contents(reopened, NOW));
        assertEquals(List.of(), store.dueExpirations(Long.MAX_VALUE - 1, 1_000).stream()
                .filter(entry -> entry.slot() == SLOT).toList());
        assertEquals(before0, contents(new SlotKeyspace(store, NEIGHBOURS[0], DATABASES), NOW));
        assertEquals(before1, contents(new SlotKeyspace(store, NEIGHBOURS[1], DATABASES), NOW));
        assertEquals(neighbourRecords, rawRecords(NEIGHBOURS[0]) + rawRecords(NEIGHBOURS[1]));
        for (int neighbour : NEIGHBOURS) {
            SlotKeyspace kept = new SlotKeyspace(store, neighbour, DATABASES);
            assertEquals(List.of(99L, 100L, 100L), List.of(kept.count(0), kept.count(7), kept.count(15)));
            assertEquals(List.of(50L, 50L, 50L), List.of(kept.expiring(0), kept.expiring(7), kept.expiring(15)));
        }
    }

    @Test
    void clearEmptiesAKeyspaceThatThenImportsAfresh() {
        SlotKeyspace keyspace = new SlotKeyspace(store, SLOT, DATABASES);
        fill(keyspace);
        keyspace.clear();
        assertEquals(0, rawRecords(SLOT));
        for (int db = 0; db < DATABASES; db++) {
            assertEquals(0, keyspace.count(db));
            assertEquals(0, keyspace.expiring(db));
        }
        string(keyspace, 7, keyIn(SLOT, "again"), b("v"), LATER, NOW);
        assertEquals(1, keyspace.count(7));
        assertEquals(1, keyspace.expiring(7));
        assertEquals(1, contents(keyspace, NOW).size());
    }
}
