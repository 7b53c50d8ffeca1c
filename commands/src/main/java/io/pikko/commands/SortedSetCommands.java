package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.KeyspaceEventType;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import io.pikko.storage.MemberCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Sorted-set commands that add, remove, look up and pop members, with Redis 7.0's options, replies
 * and error texts. Ranges are in SortedSetRangeCommands, unions and the like in
 * SortedSetAlgebraCommands, ZRANDMEMBER in SortedSetRandom and ZSCAN in SortedSetScan.
 */
final class SortedSetCommands {
    private static final Reply NAN_SCORE = Reply.error("ERR resulting score is not a number (NaN)");
    /** What {@link #lookup} answers for a key that holds another type. */
    static final KeyMeta WRONG_TYPE = KeyMeta.string(new byte[0], 0);
    private static final Reply BAD_NUMKEYS = Reply.error("ERR numkeys should be greater than 0");

    private SortedSetCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
        handlers.put("zadd", (ctx, args) -> zadd(ctx, args, false));
        handlers.put("zincrby", (ctx, args) -> zadd(ctx, args, true));
        handlers.put("zrem", SortedSetCommands::zrem);
        handlers.put("zcard", SortedSetCommands::zcard);
        handlers.put("zscore", SortedSetCommands::zscore);
        handlers.put("zmscore", SortedSetCommands::zmscore);
        handlers.put("zrank", (ctx, args) -> zrank(ctx, args, false));
        handlers.put("zrevrank", (ctx, args) -> zrank(ctx, args, true));
        handlers.put("zpopmin", (ctx, args) -> zpopCommand(ctx, args, false));
        handlers.put("zpopmax", (ctx, args) -> zpopCommand(ctx, args, true));
        handlers.put("zmpop", SortedSetCommands::zmpop);
        SortedSetRangeCommands.register(handlers);
        SortedSetAlgebraCommands.register(handlers);
        handlers.put("zrandmember", SortedSetRandom::zrandmember);
        handlers.put("zscan", SortedSetScan::zscan);
    }

    /**
     * A key's sorted-set metadata: null when the key does not exist, {@link #WRONG_TYPE} (compared
     * by identity) when it holds another type.
     */
    static KeyMeta lookup(SlotContext ctx, byte[] key) {
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        return meta == null || meta.type() == KeyType.ZSET ? meta : WRONG_TYPE;
    }

    /** ZADD and ZINCRBY (which is ZADD with INCR), as Redis's zaddGenericCommand reads them. */
    private static Reply zadd(SlotContext ctx, List<byte[]> args, boolean incrCommand) {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        boolean ch = false;
        boolean incr = incrCommand;
        int at = 2;
        options:
        for (; at < args.size(); at++) {
            switch (Args.option(args.get(at))) {
                case "NX" -> nx = true;
                case "XX" -> xx = true;
                case "GT" -> gt = true;
                case "LT" -> lt = true;
                case "CH" -> ch = true;
                case "INCR" -> incr = true;
                default -> {
                    break options;
                }
            }
        }
        int elements = args.size() - at;
        if (elements == 0 || elements % 2 != 0) {
            return Errors.SYNTAX;
        }
        elements /= 2;
        if (nx && xx) {
            return Reply.error("ERR XX and NX options at the same time are not compatible");
        }
        if (((gt || lt) && nx) || (gt && lt)) {
            return Reply.error("ERR GT, LT, and/or NX options at the same time are not compatible");
        }
        if (incr && elements > 1) {
            return Reply.error("ERR INCR option supports a single increment-element pair");
        }
        double[] scores = new double[elements];
        for (int i = 0; i < elements; i++) {
            OptionalDouble score = Args.parseDouble(args.get(at + 2 * i));
            if (score.isEmpty()) {
                return Errors.NOT_FLOAT;
            }
            scores[i] = score.getAsDouble();
        }
        byte[] key = args.get(1);
        KeyMeta meta = lookup(ctx, key);
        if (meta == WRONG_TYPE) {
            return Errors.WRONGTYPE;
        }
        if (meta == null) {
            if (xx) {
                return incr ? Reply.NIL : Reply.ZERO;
            }
            meta = ctx.batch().newCollection(KeyType.ZSET, 0);
        }
        long size = meta.size();
        long added = 0;
        long updated = 0;
        boolean processed = false;
        double result = 0;
        for (int i = 0; i < elements; i++) {
            byte[] member = args.get(at + 2 * i + 1);
            Double current = SortedSetRecords.score(ctx, key, meta, member);
            double score = scores[i];
            if (current == null) {
                if (xx) {
                    continue;
                }
                SortedSetRecords.put(ctx, key, meta, member, score, null);
                size++;
                added++;
            } else {
                if (nx) {
                    continue;
                }
                if (incr) {
                    score += current;
                    if (Double.isNaN(score)) {
                        return NAN_SCORE;
                    }
                }
                if ((lt && score >= current) || (gt && score <= current)) {
                    continue;
                }
                if (score != current) {
                    SortedSetRecords.put(ctx, key, meta, member, score, current);
                    updated++;
                }
            }
            processed = true;
            result = score;
        }
        SortedSetRecords.resize(ctx, key, meta, size);
        if (added + updated > 0) {
            ctx.notify(KeyspaceEventType.ZSET, incr ? "zincr" : "zadd", key);
        }
        if (incr) {
            return processed ? new Reply.DoubleReply(result) : Reply.NIL;
        }
        return Reply.integer(ch ? added + updated : added);
    }

    private static Reply zrem(SlotContext ctx, List<byte[]> args) {
        byte[] key = args.get(1);
        KeyMeta meta = lookup(ctx, key);
        if (meta == null) {
            return Reply.ZERO;
        }
        if (meta == WRONG_TYPE) {
            return Errors.WRONGTYPE;
        }
        long removed = 0;
        for (int i = 2; i < args.size(); i++) {
            Double score = SortedSetRecords.score(ctx, key, meta, args.get(i));
            if (score != null) {
                SortedSetRecords.remove(ctx, key, meta, args.get(i), score);
                removed++;
            }
        }
        SortedSetRecords.resize(ctx, key, meta, meta.size() - removed);
        if (removed > 0) {
            ctx.notify(KeyspaceEventType.ZSET, "zrem", key);
            if (removed == meta.size()) {
                ctx.notify(KeyspaceEventType.GENERIC, "del", key);
            }
        }
        return Reply.integer(removed);
    }

    private static Reply zcard(SlotContext ctx, List<byte[]> args) {
        KeyMeta meta = lookup(ctx, args.get(1));
        if (meta == WRONG_TYPE) {
            return Errors.WRONGTYPE;
        }
        return Reply.integer(meta == null ? 0 : meta.size());
    }

    private static Reply zscore(SlotContext ctx, List<byte[]> args) {
        KeyMeta meta = lookup(ctx, args.get(1));
        if (meta == WRONG_TYPE) {
            return Errors.WRONGTYPE;
        }
        return scoreReply(meta == null ? null : SortedSetRecords.score(ctx, args.get(1), meta, args.get(2)));
    }

    private static Reply zmscore(SlotContext ctx, List<byte[]> args) {
        KeyMeta meta = lookup(ctx, args.get(1));
        if (meta == WRONG_TYPE) {
            return Errors.WRONGTYPE;
        }
        List<Reply> scores = new ArrayList<>(args.size() - 2);
        for (int i = 2; i < args.size(); i++) {
            scores.add(scoreReply(meta == null ? null : SortedSetRecords.score(ctx, args.get(1), meta, args.get(i))));
        }
        return Reply.array(scores);
    }

    private static Reply scoreReply(Double score) {
        return score == null ? Reply.NIL : new Reply.DoubleReply(score);
    }

    private static Reply zrank(SlotContext ctx, List<byte[]> args, boolean reverse) {
        byte[] key = args.get(1);
        KeyMeta meta = lookup(ctx, key);
        if (meta == WRONG_TYPE) {
            return Errors.WRONGTYPE;
        }
        Double score = meta == null ? null : SortedSetRecords.score(ctx, key, meta, args.get(2));
        if (score == null) {
            return Reply.NIL;
        }
        return Reply.integer(new ZSetReader(ctx, key, meta).rank(args.get(2), score, reverse));
    }

    /** ZPOPMIN and ZPOPMAX: one member as a flat pair, or with a count up to that many. */
    private static Reply zpopCommand(SlotContext ctx, List<byte[]> args, boolean max) {
        if (args.size() > 3) {
            return Errors.SYNTAX;
        }
        OptionalLong parsed = CollectionMembers.popCount(args);
        if (parsed.isEmpty()) {
            return CollectionMembers.NOT_POSITIVE;
        }
        long count = parsed.getAsLong();
        byte[] key = args.get(1);
        KeyMeta meta = lookup(ctx, key);
        if (meta == WRONG_TYPE) {
            return Errors.WRONGTYPE;
        }
        if (meta == null || count == 0) {
            return Reply.EMPTY_ARRAY;
        }
        List<ZSetEntry> popped = popEntries(ctx, key, meta, max, count);
        return args.size() == 3 ? ZSetReplies.scored(popped) : ZSetReplies.flat(popped);
    }

    /**
     * Pops up to {@code count} members with the lowest (or, with {@code max}, highest) scores and
     * answers as ZPOPMIN/ZPOPMAX with a COUNT do; Reply.NIL_ARRAY when the key does not exist. The
     * blocking pops build on this.
     */
    static Reply zpop(SlotContext ctx, byte[] key, boolean max, long count) {
        KeyMeta meta = lookup(ctx, key);
        if (meta == null) {
            return Reply.NIL_ARRAY;
        }
        if (meta == WRONG_TYPE) {
            return Errors.WRONGTYPE;
        }
        return count == 0 ? Reply.EMPTY_ARRAY : ZSetReplies.scored(popEntries(ctx, key, meta, max, count));
    }

    /** ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]: pops from the first non-empty key. */
    private static Reply zmpop(SlotContext ctx, List<byte[]> args) {
        OptionalLong numKeys = Args.parseLong(args.get(1));
        if (numKeys.isEmpty() || numKeys.getAsLong() < 1) {
            return BAD_NUMKEYS;
        }
        if (numKeys.getAsLong() >= args.size() - 2) {
            return Errors.SYNTAX;
        }
        int whereAt = 2 + (int) numKeys.getAsLong();
        String where = Args.option(args.get(whereAt));
        if (!where.equals("MIN") && !where.equals("MAX")) {
            return Errors.SYNTAX;
        }
        long count = -1;
        for (int i = whereAt + 1; i < args.size(); i++) {
            if (count == -1 && Args.is(args.get(i), "COUNT") && i + 1 < args.size()) {
                OptionalLong parsed = Args.parseLong(args.get(++i));
                if (parsed.isEmpty() || parsed.getAsLong() < 1) {
                    return Reply.error("ERR count should be greater than 0");
                }
                count = parsed.getAsLong();
            } else {
                return Errors.SYNTAX;
            }
        }
        for (int i = 2; i < whereAt; i++) {
            byte[] key = args.get(i);
            KeyMeta meta = lookup(ctx, key);
            if (meta == WRONG_TYPE) {
                return Errors.WRONGTYPE;
            }
            if (meta != null) {
                List<ZSetEntry> popped = popEntries(ctx, key, meta, where.equals("MAX"), Math.max(count, 1));
                return Reply.array(List.of(new Reply.Bulk(key), ZSetReplies.pairs(popped)));
            }
        }
        return Reply.NIL_ARRAY;
    }

    /** Removes and returns up to {@code count} members from one end of the set. */
    static List<ZSetEntry> popEntries(SlotContext ctx, byte[] key, KeyMeta meta, boolean max, long count) {
        List<ZSetEntry> popped = new ArrayList<>();
        try (MemberCursor cursor = SortedSetRecords.byScore(ctx, key, meta)) {
            if (max) {
                cursor.seekLast();
            } else {
                cursor.seekFirst();
            }
            while (popped.size() < count && cursor.valid()) {
                popped.add(SortedSetRecords.entry(cursor));
                if (max) {
                    cursor.prev();
                } else {
                    cursor.next();
                }
            }
        }
        for (ZSetEntry entry : popped) {
            SortedSetRecords.remove(ctx, key, meta, entry.member(), entry.score());
        }
        SortedSetRecords.resize(ctx, key, meta, meta.size() - popped.size());
        return popped;
    }
}
