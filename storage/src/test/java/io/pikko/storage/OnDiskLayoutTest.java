package io.pikko.storage;

import static io.pikko.storage.TestStores.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

/**
 * The bytes a node leaves on disk, pinned with literals: one key of each type written through the
 * real store, then every record of every column family read back with plain RocksDB and compared
 * to the layout KeyCodec and KeyMeta document. A change here is a change of the on-disk format,
 * which existing data directories would no longer read.
 *
 * <pre>
 * meta    db(2) slot(2) key                                -> type(1) version(8) expireAt(8) payload
 * data    db(2) slot(2) keyLength(4) key version(8) member -> value
 * zscore  db(2) slot(2) keyLength(4) key version(8) sortableScore(8) member -> (empty)
 * expire  expireAt(8) db(2) slot(2) key                    -> (empty)
 * </pre>
 */
class OnDiskLayoutTest {
    private static final int DB = 3;
    private static final int SLOT = 0x0102;
    /** 2023-11-14T22:13:20Z, 0x0000018bcfe56800. */
    private static final long EXPIRE_AT = 1_700_000_000_000L;
    private static final long NOW = 1_000;

    @TempDir
    Path dir;

    @Test
    void eachTypeAndATtlLieOnDiskAsDocumented() throws Exception {
        try (PikkoStore store = TestStores.open(dir)) {
            writeOneKeyOfEachType(new SlotKeyspace(store, SLOT, 16));
        }
        Map<String, List<String>> families = readRaw(dir);

        assertRecords(families.get("meta"), "meta",
                // "h": a hash of version 0x11 with a TTL; its payload is its size, 1
                "0003 0102 68 = 68 0000000000000011 0000018bcfe56800 0000000000000001",
                // "l": a list of version 0x12 of 3 elements at indexes [-1, 2): size, head, tail
                "0003 0102 6c = 6c 0000000000000012 0000000000000000 0000000000000003 ffffffffffffffff 0000000000000002",
                // "set": a set of version 0x13 with one member
                "0003 0102 736574 = 53 0000000000000013 0000000000000000 0000000000000001",
                // "str" = "hello": a string keeps its value inline, version 0, no expiry
                "0003 0102 737472 = 73 0000000000000000 0000000000000000 68656c6c6f",
                // "ttl" = "v" with a TTL
                "0003 0102 74746c = 73 0000000000000000 0000018bcfe56800 76",
                // "z": a sorted set of version 0x14 with two members
                "0003 0102 7a = 7a 0000000000000014 0000000000000000 0000000000000002");

        assertRecords(families.get("data"), "data",
                // hash field "f1" = "v1"
                "0003 0102 00000001 68 0000000000000011 6631 = 7631",
                // list elements by sortable index: -1 -> "z", 0 -> "a", 1 -> "b"
                "0003 0102 00000001 6c 0000000000000012 7fffffffffffffff = 7a",
                "0003 0102 00000001 6c 0000000000000012 8000000000000000 = 61",
                "0003 0102 00000001 6c 0000000000000012 8000000000000001 = 62",
                // sorted-set members with their scores as IEEE doubles: "x" 1.5, "y" -2
                "0003 0102 00000001 7a 0000000000000014 78 = 3ff8000000000000",
                "0003 0102 00000001 7a 0000000000000014 79 = c000000000000000",
                // set member "m", no value; the longer key length sorts it last
                "0003 0102 00000003 736574 0000000000000013 6d = ");

        assertRecords(families.get("zscore"), "zscore",
                // by sortable score, so -2 ("y") sorts before 1.5 ("x")
                "0003 0102 00000001 7a 0000000000000014 3fffffffffffffff 79 = ",
                "0003 0102 00000001 7a 0000000000000014 bff8000000000000 78 = ");

        assertRecords(families.get("expire"), "expire",
                "0000018bcfe56800 0003 0102 68 = ",
                "0000018bcfe56800 0003 0102 74746c = ");

        // The one command's binlog record: key db 0 | slot | sequence; value epoch 0 | time | its ops,
        // the first of which puts "str"'s metadata (op 1, family 0 = meta, key, value)
        List<String> binlog = families.get("binlog");
        assertEquals(1, binlog.size(), "one record per command");
        String[] record = binlog.get(0).split("=");
        assertEquals(24, record[0].length(), "db | slot | 8-byte sequence");
        assertTrue(record[0].startsWith("00000102"), record[0]);
        assertTrue(record[1].startsWith(("0000000000000000 00000000000003e8 01 00 00000007 00030102737472")
                .replace(" ", "")), record[1]);
        assertRecords(families.get("default"), "default");
    }

    /** Compares records to literals whose spaces only mark the layout's fields. */
    private static void assertRecords(List<String> actual, String family, String... expected) {
        List<String> bytes = new ArrayList<>();
        for (String record : expected) {
            bytes.add(record.replace(" ", ""));
        }
        assertEquals(bytes, actual, family);
    }

    /**
     * One key of each type, written as the command handlers write them (list elements by sortable
     * index, sorted-set members with their score in data and an entry in zscore). Collections get
     * fixed versions so that the bytes are known; the store hands out time-based ones.
     */
    private static void writeOneKeyOfEachType(SlotKeyspace keyspace) {
        try (SlotBatch batch = keyspace.begin(NOW)) {
            batch.put(DB, b("str"), KeyMeta.string(b("hello"), 0));
            batch.put(DB, b("ttl"), KeyMeta.string(b("v"), EXPIRE_AT));

            KeyMeta hash = KeyMeta.collection(KeyType.HASH, 0x11, EXPIRE_AT);
            batch.putMember(DB, b("h"), hash, b("f1"), b("v1"));
            batch.put(DB, b("h"), hash.withSize(1));

            KeyMeta list = KeyMeta.collection(KeyType.LIST, 0x12, 0);
            batch.putMember(DB, b("l"), list, KeyCodec.sortableIndex(-1), b("z"));
            batch.putMember(DB, b("l"), list, KeyCodec.sortableIndex(0), b("a"));
            batch.putMember(DB, b("l"), list, KeyCodec.sortableIndex(1), b("b"));
            batch.put(DB, b("l"), list.withListBounds(-1, 2));

            KeyMeta set = KeyMeta.collection(KeyType.SET, 0x13, 0);
            batch.putMember(DB, b("set"), set, b("m"), new byte[0]);
            batch.put(DB, b("set"), set.withSize(1));

            KeyMeta zset = KeyMeta.collection(KeyType.ZSET, 0x14, 0);
            for (Map.Entry<String, Double> member : Map.of("x", 1.5, "y", -2.0).entrySet()) {
                batch.putMember(DB, b("z"), zset, b(member.getKey()), ByteBuffer.allocate(8).putDouble(member.getValue()).array());
                batch.putScoreEntry(DB, b("z"), zset, member.getValue(), b(member.getKey()));
            }
            batch.put(DB, b("z"), zset.withSize(2));
            batch.commit();
        }
    }

    /** Every record of every column family, as "key=value" in hex, read with plain RocksDB. */
    private static Map<String, List<String>> readRaw(Path dir) throws Exception {
        List<byte[]> names;
        try (Options options = new Options()) {
            names = RocksDB.listColumnFamilies(options, dir.toString());
        }
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        names.forEach(name -> descriptors.add(new ColumnFamilyDescriptor(name)));
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        Map<String, List<String>> out = new TreeMap<>();
        try (DBOptions options = new DBOptions();
             RocksDB db = RocksDB.openReadOnly(options, dir.toString(), descriptors, handles)) {
            for (int i = 0; i < handles.size(); i++) {
                List<String> records = new ArrayList<>();
                try (RocksIterator it = db.newIterator(handles.get(i))) {
                    for (it.seekToFirst(); it.isValid(); it.next()) {
                        records.add(hex.formatHex(it.key()) + "=" + hex.formatHex(it.value()));
                    }
                }
                out.put(new String(names.get(i), StandardCharsets.UTF_8), records);
            }
            handles.forEach(ColumnFamilyHandle::close);
        }
        return out;
    }
}
