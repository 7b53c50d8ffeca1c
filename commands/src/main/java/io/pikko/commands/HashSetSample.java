package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.MemberCursor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random members of a hash or a set (HRANDFIELD, SRANDMEMBER, SPOP). Members have no index, so
 * random positions in their stored order are drawn and then found by one walk over the records up
 * to the last of them: each member is equally likely, at a cost linear in the collection's size.
 */
final class HashSetSample {
    /** A reply can hold no more elements than a Java list. */
    static final Reply TOO_MANY = Reply.error("ERR value is out of range");
    private static final long MAX_DRAWS = Integer.MAX_VALUE - 8;
    /** What Redis's getRangeLongFromObjectOrReply says about LONG_MIN, the one count it refuses. */
    private static final Reply COUNT_OUT_OF_RANGE =
            Reply.error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");

    /** A member and its value (a hash field's value; empty for a set). */
    record Entry(byte[] member, byte[] value) {}

    /** The count of SRANDMEMBER or HRANDFIELD, or the error to reply with. */
    record Count(long value, Reply error) {}

    private HashSetSample() {}

    /** Redis reads these counts as a long in [-LONG_MAX, LONG_MAX]. */
    static Count parseCount(byte[] arg) {
        OptionalLong count = Args.parseLong(arg);
        if (count.isEmpty()) {
            return new Count(0, Errors.NOT_INTEGER);
        }
        return count.getAsLong() == Long.MIN_VALUE ? new Count(0, COUNT_OUT_OF_RANGE) : new Count(count.getAsLong(), null);
    }

    /** One member of a non-empty collection. */
    static Entry one(SlotContext ctx, byte[] key, KeyMeta meta) {
        return distinct(ctx, key, meta, 1).get(0);
    }

    /** {@code count} distinct members, or all of them when there are not more, in random order. */
    static List<Entry> distinct(SlotContext ctx, byte[] key, KeyMeta meta, long count) {
        long size = meta.size();
        List<Entry> picked;
        if (count >= size) {
            picked = all(ctx, key, meta);
        } else {
            // Floyd's algorithm: count distinct positions of [0, size) in count draws.
            Random random = ThreadLocalRandom.current();
            TreeSet<Long> positions = new TreeSet<>();
            for (long j = size - count; j < size; j++) {
                long t = random.nextLong(j + 1);
                positions.add(positions.contains(t) ? j : t);
            }
            picked = new ArrayList<>(at(ctx, key, meta, positions).values());
        }
        Collections.shuffle(picked, ThreadLocalRandom.current());
        return picked;
    }

    /**
     * {@code count} members of a non-empty collection drawn independently, so that one may come
     * several times; null when so many would not fit in a reply.
     */
    static List<Entry> withRepetition(SlotContext ctx, byte[] key, KeyMeta meta, long count) {
        if (count > MAX_DRAWS) {
            return null;
        }
        Random random = ThreadLocalRandom.current();
        long[] draws = new long[(int) count];
        TreeSet<Long> positions = new TreeSet<>();
        for (int i = 0; i < draws.length; i++) {
            draws[i] = random.nextLong(meta.size());
            positions.add(draws[i]);
        }
        Map<Long, Entry> found = at(ctx, key, meta, positions);
        List<Entry> picked = new ArrayList<>(draws.length);
        for (long draw : draws) {
            picked.add(found.get(draw));
        }
        return picked;
    }

    private static List<Entry> all(SlotContext ctx, byte[] key, KeyMeta meta) {
        List<Entry> entries = new ArrayList<>();
        try (MemberCursor members = ctx.batch().members(ctx.db(), key, meta).seekFirst()) {
            for (; members.valid(); members.next()) {
                entries.add(new Entry(members.suffix(), members.value()));
            }
        }
        return entries;
    }

    /** The members at the given positions of the stored order, by position. */
    private static Map<Long, Entry> at(SlotContext ctx, byte[] key, KeyMeta meta, TreeSet<Long> positions) {
        Map<Long, Entry> found = new HashMap<>();
        long last = positions.last();
        try (MemberCursor members = ctx.batch().members(ctx.db(), key, meta).seekFirst()) {
            for (long position = 0; position <= last && members.valid(); position++, members.next()) {
                if (positions.contains(position)) {
                    found.put(position, new Entry(members.suffix(), members.value()));
                }
            }
        }
        return found;
    }
}
