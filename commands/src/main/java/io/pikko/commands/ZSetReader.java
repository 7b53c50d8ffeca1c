package io.pikko.commands;

import io.pikko.storage.KeyCodec;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.MemberCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads one sorted set in score order (ties by member bytes): by rank, by score range and by member
 * range, walking the zscore index from whichever end is nearer.
 */
final class ZSetReader {
    private final SlotContext ctx;
    private final byte[] key;
    private final KeyMeta meta;

    ZSetReader(SlotContext ctx, byte[] key, KeyMeta meta) {
        this.ctx = ctx;
        this.key = key;
        this.meta = meta;
    }

    long size() {
        return meta.size();
    }

    /** Every entry, in score order. */
    List<ZSetEntry> all() {
        return byRank(0, size() - 1, false);
    }

    /**
     * The entries at ranks {@code start..end} (inclusive, within the set) counted from the lowest
     * score, or from the highest with {@code reverse}, in that order.
     */
    List<ZSetEntry> byRank(long start, long end, boolean reverse) {
        long n = size();
        long low = reverse ? n - 1 - end : start;
        long high = reverse ? n - 1 - start : end;
        List<ZSetEntry> out = new ArrayList<>((int) Math.min(high - low + 1, 1 << 16));
        boolean fromTop = n - 1 - high < low;
        try (MemberCursor cursor = open()) {
            if (fromTop) {
                cursor.seekLast();
            } else {
                cursor.seekFirst();
            }
            for (long skip = fromTop ? n - 1 - high : low; skip > 0 && cursor.valid(); skip--) {
                step(cursor, fromTop);
            }
            for (long i = low; i <= high && cursor.valid(); i++) {
                out.add(SortedSetRecords.entry(cursor));
                step(cursor, fromTop);
            }
        }
        if (fromTop != reverse) {
            Collections.reverse(out);
        }
        return out;
    }

    /**
     * The rank of a member with the given score, from the lowest score or, with {@code reverse},
     * from the highest. Two cursors walk in from both ends, so the cost follows the nearer end.
     */
    long rank(byte[] member, double score, boolean reverse) {
        byte[] target = KeyCodec.concat(KeyCodec.sortableScore(score), member);
        try (MemberCursor up = open().seekFirst(); MemberCursor down = open().seekLast()) {
            for (long steps = 0; up.valid() && down.valid(); steps++) {
                if (Arrays.equals(up.suffix(), target)) {
                    return reverse ? size() - 1 - steps : steps;
                }
                if (Arrays.equals(down.suffix(), target)) {
                    return reverse ? steps : size() - 1 - steps;
                }
                up.next();
                down.prev();
            }
        }
        throw new IllegalStateException("a member with a score has no entry in the score index");
    }

    /** Entries with scores in the range; {@code offset} and {@code limit} as LIMIT gives them. */
    List<ZSetEntry> byScore(ZSetScoreRange range, boolean reverse, long offset, long limit) {
        List<ZSetEntry> out = new ArrayList<>();
        if (offset < 0 || (offset > 0 && offset >= size()) || range.isEmpty()) {
            return out;
        }
        try (MemberCursor cursor = open()) {
            if (reverse) {
                cursor.seekForPrev(KeyCodec.successorPrefix(KeyCodec.sortableScore(range.max())));
                while (cursor.valid() && !range.belowMax(cursor.score())) {
                    cursor.prev();
                }
            } else {
                cursor.seek(KeyCodec.sortableScore(range.min()));
                while (cursor.valid() && !range.aboveMin(cursor.score())) {
                    cursor.next();
                }
            }
            Predicate<ZSetEntry> inRange = e -> reverse ? range.aboveMin(e.score()) : range.belowMax(e.score());
            collect(cursor, reverse, offset, limit, inRange, out);
        }
        return out;
    }

    /**
     * Entries with members in the range. Redis defines this only for a set whose scores are all
     * equal; otherwise it walks its compact encoding from one end to the first member past the
     * near bound and then on while members stay within the far bound, and so does this.
     */
    List<ZSetEntry> byLex(ZSetLexRange range, boolean reverse, long offset, long limit) {
        List<ZSetEntry> out = new ArrayList<>();
        if (offset < 0 || range.isEmpty() || size() == 0) {
            return out;
        }
        try (MemberCursor cursor = open()) {
            ZSetEntry last = SortedSetRecords.entry(cursor.seekLast());
            ZSetEntry first = SortedSetRecords.entry(cursor.seekFirst());
            if (!range.aboveMin(last.member()) || !range.belowMax(first.member())) {
                return out;
            }
            boolean oneScore = first.score() == last.score();
            byte[] scorePrefix = KeyCodec.sortableScore(first.score());
            if (reverse) {
                if (oneScore && range.max().member() != null) {
                    cursor.seekForPrev(KeyCodec.concat(scorePrefix, range.max().member()));
                } else {
                    cursor.seekLast();
                }
                while (cursor.valid() && !range.belowMax(cursor.scoredMember())) {
                    cursor.prev();
                }
            } else {
                if (oneScore && range.min().member() != null) {
                    cursor.seek(KeyCodec.concat(scorePrefix, range.min().member()));
                }
                while (cursor.valid() && !range.aboveMin(cursor.scoredMember())) {
                    cursor.next();
                }
            }
            Predicate<ZSetEntry> inRange = e -> reverse ? range.aboveMin(e.member()) : range.belowMax(e.member());
            collect(cursor, reverse, offset, limit, inRange, out);
        }
        return out;
    }

    /**
     * From the first entry in range, as Redis does: nothing unless that entry is within the far
     * bound too; then {@code offset} entries are skipped unchecked and up to {@code limit} (all when
     * negative) taken while they stay in range.
     */
    private static void collect(MemberCursor cursor, boolean reverse, long offset, long limit,
                                Predicate<ZSetEntry> inRange, List<ZSetEntry> out) {
        if (!cursor.valid() || !inRange.test(SortedSetRecords.entry(cursor))) {
            return;
        }
        for (long skip = offset; skip > 0 && cursor.valid(); skip--) {
            step(cursor, reverse);
        }
        for (long left = limit; left != 0 && cursor.valid(); left--) {
            ZSetEntry entry = SortedSetRecords.entry(cursor);
            if (!inRange.test(entry)) {
                break;
            }
            out.add(entry);
            step(cursor, reverse);
        }
    }

    private static void step(MemberCursor cursor, boolean backward) {
        if (backward) {
            cursor.prev();
        } else {
            cursor.next();
        }
    }

    private MemberCursor open() {
        return SortedSetRecords.byScore(ctx, key, meta);
    }
}
