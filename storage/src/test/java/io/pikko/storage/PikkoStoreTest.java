package io.pikko.storage;

import static io.pikko.storage.TestStores.b;
import static io.pikko.storage.TestStores.read;
import static io.pikko.storage.TestStores.s;
import static io.pikko.storage.TestStores.set;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.protocol.NodeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatchWithIndex;

class PikkoStoreTest {
    private static final int DBS = 4;
    private static final long NOW = 1_000_000;

    @TempDir
    Path dir;

    /** Writes a known data set: 3 slots x 2 dbs x 40 keys, some with a TTL, some deleted, one db flushed. */
    private static void writeDataSet(PikkoStore store) {
        for (int slot : new int[] {0, 512, 1023}) {
            SlotKeyspace keyspace = new SlotKeyspace(store, slot, DBS);
            for (int db : new int[] {0, 3}) {
                try (SlotBatch batch = keyspace.begin(NOW)) {
                    for (int i = 0; i < 40; i++) {
                        long expireAt = i % 4 == 0 ? NOW + 60_000 + i : 0;
                        batch.put(db, b("k" + i), KeyMeta.string(b(slot + "/" + db + "/" + i), expireAt));
                    }
                    batch.commit();
                }
                try (SlotBatch batch = keyspace.begin(NOW)) {
                    for (int i = 30; i < 40; i++) {
                        batch.delete(db, b("k" + i));
                    }
                    batch.commit();
                }
            }
            set(keyspace, 1, "flushed", "x");
            keyspace.flush(1);
        }
    }

    private static void assertDataSet(PikkoStore store) {
        for (int slot : new int[] {0, 512, 1023}) {
            SlotKeyspace keyspace = new SlotKeyspace(store, slot, DBS);
            for (int db : new int[] {0, 3}) {
                assertEquals(30, keyspace.count(db), "slot " + slot + " db " + db);
                for (int i = 0; i < 40; i++) {
                    String expected = i < 30 ? slot + "/" + db + "/" + i : null;
                    assertEquals(expected, read(keyspace, db, "k" + i, NOW), "slot " + slot + " db " + db + " k" + i);
                }
                try (SlotBatch batch = keyspace.begin(NOW)) {
                    assertEquals(NOW + 60_000 + 8, batch.get(db, b("k8")).expireAt());
                    assertEquals(0, batch.get(db, b("k9")).expireAt());
                }
            }
            assertEquals(0, keyspace.count(1));
            assertEquals(0, keyspace.count(2));
        }
        // k0, k4, ... k28 carry a TTL in each of 3 slots x 2 dbs
        List<DueExpiration> due = store.dueExpirations(Long.MAX_VALUE - 1, 10_000);
        assertEquals(3 * 2 * 8, due.size());
        for (int i = 1; i < due.size(); i++) {
            assertTrue(due.get(i - 1).expireAt() <= due.get(i).expireAt(), "oldest first");
        }
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void dataSurvivesCloseAndReopen(FsyncPolicy policy) {
        try (PikkoStore store = TestStores.open(dir, policy)) {
            assertEquals(policy, store.fsync());
            writeDataSet(store);
            assertDataSet(store);
        }
        try (PikkoStore store = TestStores.open(dir, policy)) {
            assertDataSet(store);
        }
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void committedWritesSurviveAProcessCrash(FsyncPolicy policy) throws IOException {
        // A copy of the directory taken while the store is open, never closed or flushed, is what
        // a killed process leaves behind: RocksDB must recover the committed writes from the WAL.
        Path live = dir.resolve("live");
        Path crashed = dir.resolve("crashed");
        try (PikkoStore store = TestStores.open(live, policy)) {
            writeDataSet(store);
            copyTree(live, crashed);
        }
        try (PikkoStore store = TestStores.open(crashed, policy)) {
            assertDataSet(store);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().equals("LOCK")) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
    }

    @Test
    void allColumnFamiliesExistAndPersist() throws Exception {
        try (PikkoStore store = TestStores.open(dir)) {
            try (WriteBatchWithIndex batch = new WriteBatchWithIndex(true)) {
                for (ColumnFamily family : ColumnFamily.values()) {
                    batch.put(store.handle(family), b("key"), b("in " + family.diskName()));
                }
                store.write(batch);
            }
            for (ColumnFamily family : ColumnFamily.values()) {
                assertEquals("in " + family.diskName(), s(store.get(family, b("key"))), family.name());
            }
        }
        List<String> onDisk = new ArrayList<>();
        try (Options options = new Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(options, dir.toString())) {
                onDisk.add(s(name));
            }
        }
        assertEquals(6, onDisk.size(), onDisk.toString());
        assertEquals(Set.of("default", "meta", "data", "zscore", "binlog", "expire"), Set.copyOf(onDisk));
        try (PikkoStore store = TestStores.open(dir)) {
            for (ColumnFamily family : ColumnFamily.values()) {
                // each family is its own key space: the same key holds a different value in each
                assertEquals("in " + family.diskName(), s(store.get(family, b("key"))), family.name());
            }
        }
    }

    @Test
    void columnFamiliesAreCreatedInAnExistingStoreThatLacksThem() throws Exception {
        // a directory holding a RocksDB with only the default family gets the others on open
        try (Options options = new Options().setCreateIfMissing(true); RocksDB db = RocksDB.open(options, dir.toString())) {
            db.put(b("old"), b("value"));
        }
        try (PikkoStore store = TestStores.open(dir)) {
            set(new SlotKeyspace(store, 1, DBS), 0, "k", "v");
            assertEquals("v", read(new SlotKeyspace(store, 1, DBS), 0, "k", NOW));
        }
    }

    @Test
    void fsyncPolicyNamesAreRedisOnes() {
        assertEquals(Optional.of(FsyncPolicy.ALWAYS), FsyncPolicy.parse("always"));
        assertEquals(Optional.of(FsyncPolicy.EVERYSEC), FsyncPolicy.parse(" EverySec "));
        assertEquals(Optional.of(FsyncPolicy.NO), FsyncPolicy.parse("no"));
        assertEquals(Optional.empty(), FsyncPolicy.parse("sometimes"));
        assertEquals(Optional.empty(), FsyncPolicy.parse(""));
        for (FsyncPolicy policy : FsyncPolicy.values()) {
            assertEquals(Optional.of(policy), FsyncPolicy.parse(policy.configName()));
        }
        assertEquals("everysec", FsyncPolicy.EVERYSEC.configName());
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefused() {
        try (PikkoStore store = TestStores.open(dir)) {
            StorageException e = assertThrows(StorageException.class, () -> TestStores.open(dir));
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
            set(new SlotKeyspace(store, 0, DBS), 0, "still", "works");
        }
        try (PikkoStore store = TestStores.open(dir)) {
            assertEquals("works", read(new SlotKeyspace(store, 0, DBS), 0, "still", NOW));
        }
    }

    @Test
    void closeIsIdempotent() {
        PikkoStore store = TestStores.open(dir);
        store.close();
        store.close();
        try (PikkoStore again = TestStores.open(dir)) {
            assertNull(again.get(ColumnFamily.META, b("x")));
        }
    }

    @Test
    void versionsGrowAcrossRestarts() {
        long last;
        try (PikkoStore store = TestStores.open(dir)) {
            long first = store.nextVersion();
            last = store.nextVersion();
            assertTrue(last > first);
        }
        try (PikkoStore store = TestStores.open(dir)) {
            assertTrue(store.nextVersion() > last);
        }
    }

    @Test
    void rangeIteratesOneHalfOpenInterval() {
        try (PikkoStore store = TestStores.open(dir)) {
            SlotKeyspace keyspace = new SlotKeyspace(store, 9, DBS);
            for (String key : List.of("a", "b", "c", "d")) {
                set(keyspace, 0, key, key.toUpperCase());
            }
            List<String> seen = new ArrayList<>();
            try (RangeIterator it = store.range(ColumnFamily.META, KeyCodec.metaKey(0, 9, b("b")), KeyCodec.metaKey(0, 9, b("d")))) {
                for (; it.valid(); it.next()) {
                    seen.add(s(KeyCodec.userKeyOfMeta(it.key())) + "=" + s(KeyMeta.decode(it.value()).payload()));
                }
            }
            assertEquals(List.of("b=B", "c=C"), seen);
            assertTrue(store.approximateSizeBytes() > 0);
            assertTrue(store.estimatedEntries(ColumnFamily.META) > 0);
            // type 's', version 0, no expiry, the value inline (the layout OnDiskLayoutTest pins)
            assertArrayEquals(HexFormat.of().parseHex("73" + "0000000000000000" + "0000000000000000" + "41"),
                    store.get(ColumnFamily.META, HexFormat.of().parseHex("0000" + "0009" + "61")));
        }
    }
}
