package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.MemberCursor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * ZRANDMEMBER. Members have no random access, so the wanted ranks are drawn first and then picked
 * up in one walk over the score index.
 */
final class SortedSetRandom {
    private SortedSetRandom() {}

    static Reply zrandmember(SlotContext ctx, List<byte[]> args) {
        byte[] key = args.get(1);
        if (args.size() == 2) {
            KeyMeta meta = SortedSetCommands.lookup(ctx, key);
            if (meta == SortedSetCommands.WRONG_TYPE) {
                return Errors.WRONGTYPE;
            }
            if (meta == null) {
                return Reply.NIL;
            }
            long rank = ThreadLocalRandom.current().nextLong(meta.size());
            return new Reply.Bulk(atRanks(ctx, key, meta, List.of(rank)).get(0).member());
        }
        OptionalLong parsed = Args.parseLong(args.get(2));
        if (parsed.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        long count = parsed.getAsLong();
        if (count == Long.MIN_VALUE) {
            return Reply.error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
        }
        boolean withScores = args.size() == 4;
        if (args.size() > 4 || (withScores && !Args.is(args.get(3), "WITHSCORES"))) {
            return Errors.SYNTAX;
        }
        if (withScores && Math.abs(count) > Long.MAX_VALUE / 2) {
            return Reply.error("ERR value is out of range");
        }
        KeyMeta meta = SortedSetCommands.lookup(ctx, key);
        if (meta == SortedSetCommands.WRONG_TYPE) {
            return Errors.WRONGTYPE;
        }
        if (meta == null || count == 0) {
            return Reply.EMPTY_ARRAY;
        }
        List<ZSetEntry> picked;
        if (count >= meta.size()) {
            picked = new ZSetReader(ctx, key, meta).all();
        } else {
            picked = atRanks(ctx, key, meta, count > 0 ? distinctRanks(count, meta.size()) : anyRanks(-count, meta.size()));
            Collections.shuffle(picked, ThreadLocalRandom.current());
        }
        return ZSetReplies.members(picked, withScores);
    }

    /** {@code count} different ranks below {@code size}, by Floyd's sampling. */
    private static List<Long> distinctRanks(long count, long size) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Set<Long> ranks = new HashSet<>();
        for (long j = size - count; j < size; j++) {
            long r = random.nextLong(j + 1);
            ranks.add(ranks.contains(r) ? j : r);
        }
        List<Long> sorted = new ArrayList<>(ranks);
        Collections.sort(sorted);
        return sorted;
    }

    /** {@code count} ranks below {@code size}, repeats allowed. */
    private static List<Long> anyRanks(long count, long size) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Long> ranks = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            ranks.add(random.nextLong(size));
        }
        Collections.sort(ranks);
        return ranks;
    }

    /** The entries at the given ranks (ascending, repeats allowed), in one walk. */
    private static List<ZSetEntry> atRanks(SlotContext ctx, byte[] key, KeyMeta meta, List<Long> ranks) {
        List<ZSetEntry> out = new ArrayList<>(ranks.size());
        try (MemberCursor cursor = SortedSetRecords.byScore(ctx, key, meta).seekFirst()) {
            long rank = 0;
            for (long wanted : ranks) {
                for (; rank < wanted; rank++) {
                    cursor.next();
                }
                out.add(SortedSetRecords.entry(cursor));
            }
        }
        return out;
    }
}
