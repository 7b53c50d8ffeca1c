package io.pikko.storage;

import io.pikko.protocol.SlotHash;


import static io.pikko.storage.TestStores.b;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Keys of a chosen slot, written the way the commands lay them out, and read back whole for comparison. */
final class SlotFixtures {
    private SlotFixtures() {}

    /** A key named {@code name} that hashes to {@code slot}, through a hash tag. */
    static byte[] keyIn(int slot, String name) {
        for (int tag = 0; ; tag++) {
            byte[] key = b("{" + tag + "}" + name);
            if (SlotHash.slotOf(key) == slot) {
                return key;
            }
        }
    }

    static byte[] score(double score) {
        return ByteBuffer.allocate(8).putDouble(score).array();
    }

    static void string(SlotKeyspace keyspace, int db, byte[] key, byte[] value, long expireAt, long now) {
        try (SlotBatch batch = keyspace.begin(now)) {
            batch.put(db, key, KeyMeta.string(value, expireAt));
            batch.commit();
        }
    }

    /**
     * A new hash, set or sorted set of {@code elements} in the export layout (field, value, ...;
     * member, ...; member, 8-byte score, ...), replacing the key.
     */
    static void collection(SlotKeyspace keyspace, int db, byte[] key, KeyType type, List<byte[]> elements,
                           long expireAt, long now) {
        try (SlotBatch batch = keyspace.begin(now)) {
            batch.delete(db, key);
            KeyMeta meta = batch.newCollection(type, expireAt);
            int step = type == KeyType.SET ? 1 : 2;
            for (int i = 0; i < elements.size(); i += step) {
                byte[] member = elements.get(i);
                if (type == KeyType.ZSET) {
                    batch.putMember(db, key, meta, member, elements.get(i + 1));
                    batch.putScoreEntry(db, key, meta, ByteBuffer.wrap(elements.get(i + 1)).getDouble(), member);
                } else {
                    batch.putMember(db, key, meta, member, type == KeyType.SET ? new byte[0] : elements.get(i + 1));
                }
            }
            batch.put(db, key, meta.withSize(elements.size() / step));
            batch.commit();
        }
    }

    /**
     * A list built as LPUSH and RPUSH build one, then popped at both ends, so its indexes start below
     * zero and popped elements leave tombstones on both sides: {@code pushedLeft} reversed, then
     * {@code pushedRight}, less {@code popped} from each end.
     */
    static void list(SlotKeyspace keyspace, int db, byte[] key, List<byte[]> pushedLeft, List<byte[]> pushedRight,
                     int popped, long expireAt, long now) {
        try (SlotBatch batch = keyspace.begin(now)) {
            batch.delete(db, key);
            KeyMeta meta = batch.newCollection(KeyType.LIST, expireAt);
            long head = 0;
            long tail = 0;
            for (byte[] element : pushedLeft) {
                batch.putMember(db, key, meta, KeyCodec.sortableIndex(--head), element);
            }
            for (byte[] element : pushedRight) {
                batch.putMember(db, key, meta, KeyCodec.sortableIndex(tail++), element);
            }
            batch.put(db, key, meta.withListBounds(head, tail));
            batch.commit();
        }
        try (SlotBatch batch = keyspace.begin(now)) {
            KeyMeta meta = batch.get(db, key);
            long head = meta.listHead();
            long tail = meta.listTail();
            for (int i = 0; i < popped; i++) {
                batch.deleteMember(db, key, meta, KeyCodec.sortableIndex(head++));
                batch.deleteMember(db, key, meta, KeyCodec.sortableIndex(--tail));
            }
            batch.put(db, key, meta.withListBounds(head, tail));
            batch.commit();
        }
    }

    /** A key read whole: its type, expiry and contents (sorted for hashes and sets, in order for lists and sorted sets). */
    record KeyState(KeyType type, long expireAt, List<String> contents) {}

    static KeyState read(SlotKeyspace keyspace, int db, byte[] key, long now) {
        try (SlotBatch batch = keyspace.begin(now)) {
            KeyMeta meta = batch.get(db, key);
            if (meta == null) {
                return null;
            }
            List<String> contents = new ArrayList<>();
            switch (meta.type()) {
                case STRING -> contents.add(hex(meta.payload()));
                case LIST -> {
                    try (MemberCursor cursor = batch.members(db, key, meta)) {
                        cursor.seek(KeyCodec.sortableIndex(meta.listHead()));
                        for (long p = 0; p < meta.size(); p++, cursor.next()) {
                            check(cursor.valid() && KeyCodec.indexOf(cursor.suffix()) == meta.listHead() + p, "list index " + p);
                            contents.add(hex(cursor.value()));
                        }
                    }
                }
                case ZSET -> {
                    try (MemberCursor cursor = batch.scoreEntries(db, key, meta).seekFirst()) {
                        for (; cursor.valid(); cursor.next()) {
                            byte[] member = cursor.scoredMember();
                            byte[] byMember = batch.getMember(db, key, meta, member);
                            check(byMember != null && ByteBuffer.wrap(byMember).getDouble() == cursor.score(),
                                    "score index and member record agree");
                            contents.add(hex(member) + "@" + cursor.score());
                        }
                    }
                }
                default -> {
                    Map<String, String> sorted = new TreeMap<>();
                    try (MemberCursor cursor = batch.members(db, key, meta).seekFirst()) {
                        for (; cursor.valid(); cursor.next()) {
                            sorted.put(hex(cursor.suffix()), hex(cursor.value()));
                        }
                    }
                    sorted.forEach((member, value) -> contents.add(meta.type() == KeyType.SET ? member : member + "=" + value));
                }
            }
            if (meta.isCollection()) {
                check(contents.size() == meta.size(), "size " + meta.size() + " for " + contents.size() + " members");
            }
            return new KeyState(meta.type(), meta.expireAt(), contents);
        }
    }

    /** Every live key of the slot, in every database, keyed by "db/key". */
    static Map<String, KeyState> contents(SlotKeyspace keyspace, long now) {
        Map<String, KeyState> all = new TreeMap<>();
        for (int db = 0; db < keyspace.databases(); db++) {
            for (byte[] key : keyspace.keys(db, null, now)) {
                all.put(db + "/" + hex(key), read(keyspace, db, key, now));
            }
        }
        return all;
    }

    /** Every chunk of an export, closing it. */
    static List<ExportChunk> drain(SlotExport export) {
        try (export) {
            List<ExportChunk> chunks = new ArrayList<>();
            export.forEachRemaining(chunks::add);
            return chunks;
        }
    }

    /** Imports chunks in batches of {@code perBatch}, as a migration would send them. */
    static void importAll(SlotKeyspace keyspace, List<ExportChunk> chunks, int perBatch, long now) {
        for (int i = 0; i < chunks.size(); i += perBatch) {
            keyspace.importChunks(chunks.subList(i, Math.min(chunks.size(), i + perBatch)), now);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("inconsistent records: " + what);
        }
    }
}
