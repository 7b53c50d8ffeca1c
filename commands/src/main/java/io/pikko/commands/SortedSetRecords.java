package io.pikko.commands;

import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import io.pikko.storage.MemberCursor;
import java.nio.ByteBuffer;
import java.util.Collection;

/**
 * How a sorted set is stored, shared by the sorted-set and geo commands: each member has a record
 * {@code member -> score (8 bytes)} in the data family, for lookups by member, and an entry
 * {@code score | member} in the zscore family, for ranges by score and rank.
 */
final class SortedSetRecords {
    private SortedSetRecords() {}

    /** A member's score, or null when it is not in the set. */
    static Double score(SlotContext ctx, byte[] key, KeyMeta meta, byte[] member) {
        byte[] raw = ctx.batch().getMember(ctx.db(), key, meta, member);
        return raw == null ? null : ByteBuffer.wrap(raw).getDouble();
    }

    /**
     * Sets a member's score; {@code previous} is its current score, or null for a new member.
     * A score of -0 is kept as 0, as the score index (and Redis's compact encoding) does.
     */
    static void put(SlotContext ctx, byte[] key, KeyMeta meta, byte[] member, double score, Double previous) {
        double stored = score == 0.0 ? 0.0 : score;
        if (previous != null) {
            ctx.batch().deleteScoreEntry(ctx.db(), key, meta, previous, member);
        }
        ctx.batch().putMember(ctx.db(), key, meta, member, ByteBuffer.allocate(8).putDouble(stored).array());
        ctx.batch().putScoreEntry(ctx.db(), key, meta, stored, member);
    }

    static void remove(SlotContext ctx, byte[] key, KeyMeta meta, byte[] member, double score) {
        ctx.batch().deleteMember(ctx.db(), key, meta, member);
        ctx.batch().deleteScoreEntry(ctx.db(), key, meta, score, member);
    }

    /** The members in score order, ties by member bytes; close it after use. */
    static MemberCursor byScore(SlotContext ctx, byte[] key, KeyMeta meta) {
        return ctx.batch().scoreEntries(ctx.db(), key, meta);
    }

    /** The entry a score-order cursor is on. */
    static ZSetEntry entry(MemberCursor cursor) {
        return new ZSetEntry(cursor.scoredMember(), cursor.score());
    }

    /** Records a new member count, deleting the key when no member is left, as Redis does. */
    static void resize(SlotContext ctx, byte[] key, KeyMeta meta, long size) {
        if (size == 0) {
            ctx.batch().delete(ctx.db(), key);
        } else if (size != meta.size()) {
            ctx.batch().put(ctx.db(), key, meta.withSize(size));
        }
    }

    /**
     * Replaces whatever {@code key} holds with a new sorted set of {@code entries} (distinct members),
     * without a TTL, or deletes it when there are none, as Redis's *STORE commands do. Returns the
     * new size.
     */
    static long replace(SlotContext ctx, byte[] key, Collection<ZSetEntry> entries) {
        if (entries.isEmpty()) {
            ctx.batch().delete(ctx.db(), key);
            return 0;
        }
        KeyMeta meta = ctx.batch().newCollection(KeyType.ZSET, 0);
        for (ZSetEntry entry : entries) {
            put(ctx, key, meta, entry.member(), entry.score(), null);
        }
        ctx.batch().put(ctx.db(), key, meta.withSize(entries.size()));
        return entries.size();
    }
}
