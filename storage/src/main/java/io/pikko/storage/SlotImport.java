package io.pikko.storage;

import io.pikko.protocol.SlotHash;


import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes {@link ExportChunk}s into a slot, a batch of them in one atomic write, in the layout every
 * command shares. A first chunk replaces the key in O(1), as DEL does, by starting a new version;
 * elements are then added as HSET, SADD and ZADD add them and RPUSH pushes them, so applying a
 * batch again leaves the same keys, except that a list gets its elements appended a second time.
 */
final class SlotImport {
    private SlotImport() {}

    /**
     * Applies the chunks in order, all or none.
     *
     * @throws IllegalArgumentException for a chunk of another slot or a malformed one; nothing is written then
     */
    static void apply(SlotKeyspace keyspace, List<ExportChunk> chunks, long nowMillis) {
        try (SlotBatch batch = keyspace.begin(nowMillis)) {
            for (ExportChunk chunk : chunks) {
                check(keyspace, chunk);
                apply(batch, chunk);
            }
            batch.commit();
        }
    }

    private static void apply(SlotBatch batch, ExportChunk chunk) {
        int db = chunk.db();
        byte[] key = chunk.key();
        long expireAt = chunk.expireAtMillis();
        // A key that has expired by now (on this node's clock) is gone, whatever the source saw.
        if (chunk.deleted() || (expireAt > 0 && expireAt <= batch.now())) {
            batch.delete(db, key);
            return;
        }
        if (chunk.type() == KeyType.STRING) {
            batch.put(db, key, KeyMeta.string(chunk.elements().get(0), expireAt));
            return;
        }
        KeyMeta meta = chunk.first() ? null : batch.get(db, key);
        Members members = new Members(batch, db, key, meta == null || meta.type() != chunk.type());
        if (members.fresh != null) {
            meta = batch.newCollection(chunk.type(), expireAt);
        }
        KeyMeta grown = switch (chunk.type()) {
            case HASH -> addFields(members, meta, chunk.elements());
            case SET -> addMembers(members, meta, chunk.elements());
            case ZSET -> addScored(members, meta, chunk.elements());
            default -> pushTail(batch, db, key, meta, chunk.elements());
        };
        batch.put(db, key, grown.withExpireAt(expireAt));
    }

    /**
     * Finds the members a chunk adds that its collection already holds. A collection the chunk
     * started holds only what the chunk put there, so a lookup in the store (the bulk of an
     * import's cost) is needed only for a member the chunk repeats.
     */
    private static final class Members {
        final SlotBatch batch;
        final int db;
        final byte[] key;
        final Set<ByteBuffer> fresh;

        Members(SlotBatch batch, int db, byte[] key, boolean fresh) {
            this.batch = batch;
            this.db = db;
            this.key = key;
            this.fresh = fresh ? new HashSet<>() : null;
        }

        /** The member's current value, or null when it is new. */
        byte[] existing(KeyMeta meta, byte[] member) {
            if (fresh != null && fresh.add(ByteBuffer.wrap(member))) {
                return null;
            }
            return batch.getMember(db, key, meta, member);
        }
    }

    private static KeyMeta addFields(Members members, KeyMeta meta, List<byte[]> items) {
        long size = meta.size();
        for (int i = 0; i < items.size(); i += 2) {
            if (members.existing(meta, items.get(i)) == null) {
                size++;
            }
            members.batch.putMember(members.db, members.key, meta, items.get(i), items.get(i + 1));
        }
        return meta.withSize(size);
    }

    private static KeyMeta addMembers(Members members, KeyMeta meta, List<byte[]> items) {
        long size = meta.size();
        for (byte[] member : items) {
            if (members.existing(meta, member) == null) {
                size++;
            }
            members.batch.putMember(members.db, members.key, meta, member, new byte[0]);
        }
        return meta.withSize(size);
    }

    /** A sorted set keeps each member's score twice: by member in the data family, and in the score index. */
    private static KeyMeta addScored(Members members, KeyMeta meta, List<byte[]> items) {
        SlotBatch batch = members.batch;
        int db = members.db;
        byte[] key = members.key;
        long size = meta.size();
        for (int i = 0; i < items.size(); i += 2) {
            byte[] member = items.get(i);
            double score = ByteBuffer.wrap(items.get(i + 1)).getDouble();
            double stored = score == 0.0 ? 0.0 : score; // -0 is kept as 0, as ZADD keeps it
            byte[] previous = members.existing(meta, member);
            if (previous == null) {
                size++;
            } else {
                batch.deleteScoreEntry(db, key, meta, ByteBuffer.wrap(previous).getDouble(), member);
            }
            batch.putMember(db, key, meta, member, ByteBuffer.allocate(8).putDouble(stored).array());
            batch.putScoreEntry(db, key, meta, stored, member);
        }
        return meta.withSize(size);
    }

    private static KeyMeta pushTail(SlotBatch batch, int db, byte[] key, KeyMeta meta, List<byte[]> elements) {
        long tail = meta.listTail();
        for (byte[] element : elements) {
            batch.putMember(db, key, meta, KeyCodec.sortableIndex(tail++), element);
        }
        return meta.withListBounds(meta.listHead(), tail);
    }

    private static void check(SlotKeyspace keyspace, ExportChunk chunk) {
        if (chunk.key() == null) {
            throw new IllegalArgumentException("chunk without a key");
        }
        if (chunk.db() < 0 || chunk.db() >= keyspace.databases()) {
            throw new IllegalArgumentException("chunk of database " + chunk.db() + ", which this node does not have");
        }
        if (SlotHash.slotOf(chunk.key()) != keyspace.slot()) {
            throw new IllegalArgumentException("chunk of a key of slot " + SlotHash.slotOf(chunk.key())
                    + ", imported into slot " + keyspace.slot());
        }
        if (chunk.deleted()) {
            return;
        }
        if (chunk.type() == null || chunk.elements() == null) {
            throw new IllegalArgumentException("chunk without a type or elements");
        }
        int n = chunk.elements().size();
        boolean wellFormed = switch (chunk.type()) {
            case STRING -> n == 1;
            case HASH -> n % 2 == 0;
            case ZSET -> n % 2 == 0 && scoresWellFormed(chunk.elements());
            default -> true;
        };
        if (!wellFormed) {
            throw new IllegalArgumentException("malformed " + chunk.type().redisName() + " chunk of " + n + " elements");
        }
    }

    private static boolean scoresWellFormed(List<byte[]> items) {
        for (int i = 1; i < items.size(); i += 2) {
            if (items.get(i).length != 8 || Double.isNaN(ByteBuffer.wrap(items.get(i)).getDouble())) {
                return false;
            }
        }
        return true;
    }
}
