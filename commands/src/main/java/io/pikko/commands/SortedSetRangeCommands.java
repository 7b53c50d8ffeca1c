package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The sorted-set commands over ranges of ranks, scores or members: the ZRANGE family, ZRANGESTORE,
 * ZCOUNT, ZLEXCOUNT and the ZREMRANGEBY commands.
 */
final class SortedSetRangeCommands {
    private enum By { AUTO, RANK, SCORE, LEX }

    private enum Order { AUTO, FORWARD, REVERSE }

    private SortedSetRangeCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
        handlers.put("zrange", (ctx, args) -> zrange(ctx, args, false, By.AUTO, Order.AUTO));
        handlers.put("zrangestore", (ctx, args) -> zrange(ctx, args, true, By.AUTO, Order.AUTO));
        handlers.put("zrevrange", (ctx, args) -> zrange(ctx, args, false, By.RANK, Order.REVERSE));
        handlers.put("zrangebyscore", (ctx, args) -> zrange(ctx, args, false, By.SCORE, Order.FORWARD));
        handlers.put("zrevrangebyscore", (ctx, args) -> zrange(ctx, args, false, By.SCORE, Order.REVERSE));
        handlers.put("zrangebylex", (ctx, args) -> zrange(ctx, args, false, By.LEX, Order.FORWARD));
        handlers.put("zrevrangebylex", (ctx, args) -> zrange(ctx, args, false, By.LEX, Order.REVERSE));
        handlers.put("zcount", SortedSetRangeCommands::zcount);
        handlers.put("zlexcount", SortedSetRangeCommands::zlexcount);
        handlers.put("zremrangebyrank", SortedSetRangeCommands::zremrangebyrank);
        handlers.put("zremrangebyscore", SortedSetRangeCommands::zremrangebyscore);
        handlers.put("zremrangebylex", SortedSetRangeCommands::zremrangebylex);
    }

    /**
     * The ZRANGE family, read as Redis's zrangeGenericCommand reads it: options in any order, then
     * conflicts, then the range, then the key. ZRANGESTORE ({@code store}) names its destination
     * first and stores the result instead of answering it.
     */
    private static Reply zrange(SlotContext ctx, List<byte[]> args, boolean store, By by, Order order) {
        int keyAt = store ? 2 : 1;
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        for (int i = keyAt + 3; i < args.size(); i++) {
            String option = Args.option(args.get(i));
            if (!store && option.equals("WITHSCORES")) {
                withScores = true;
            } else if (option.equals("LIMIT") && args.size() - i - 1 >= 2) {
                OptionalLong parsedOffset = Args.parseLong(args.get(i + 1));
                OptionalLong parsedLimit = Args.parseLong(args.get(i + 2));
                if (parsedOffset.isEmpty() || parsedLimit.isEmpty()) {
                    return Errors.NOT_INTEGER;
                }
                offset = parsedOffset.getAsLong();
                limit = parsedLimit.getAsLong();
                i += 2;
            } else if (order == Order.AUTO && option.equals("REV")) {
                order = Order.REVERSE;
            } else if (by == By.AUTO && option.equals("BYLEX")) {
                by = By.LEX;
            } else if (by == By.AUTO && option.equals("BYSCORE")) {
                by = By.SCORE;
            } else {
                return Errors.SYNTAX;
            }
        }
        by = by == By.AUTO ? By.RANK : by;
        boolean reverse = order == Order.REVERSE;
        if (limit != -1 && by == By.RANK) {
            return Reply.error("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
        }
        if (withScores && by == By.LEX) {
            return Reply.error("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
        }
        // By score or member, a reversed range is given max first.
        byte[] min = args.get(reverse && by != By.RANK ? keyAt + 2 : keyAt + 1);
        byte[] max = args.get(reverse && by != By.RANK ? keyAt + 1 : keyAt + 2);
        OptionalLong start = OptionalLong.empty();
        OptionalLong end = OptionalLong.empty();
        ZSetScoreRange scores = null;
        ZSetLexRange members = null;
        switch (by) {
            case SCORE -> {
                scores = ZSetScoreRange.parse(min, max);
                if (scores == null) {
                    return ZSetScoreRange.NOT_A_FLOAT;
                }
            }
            case LEX -> {
                members = ZSetLexRange.parse(min, max);
                if (members == null) {
                    return ZSetLexRange.NOT_A_RANGE;
                }
            }
            default -> {
                start = Args.parseLong(min);
                end = Args.parseLong(max);
                if (start.isEmpty() || end.isEmpty()) {
                    return Errors.NOT_INTEGER;
                }
            }
        }
        byte[] key = args.get(keyAt);
        KeyMeta meta = SortedSetCommands.lookup(ctx, key);
        if (meta == SortedSetCommands.WRONG_TYPE) {
            return Errors.WRONGTYPE;
        }
        List<ZSetEntry> result = List.of();
        if (meta != null) {
            ZSetReader reader = new ZSetReader(ctx, key, meta);
            result = switch (by) {
                case SCORE -> reader.byScore(scores, reverse, offset, limit);
                case LEX -> reader.byLex(members, reverse, offset, limit);
                default -> byRank(reader, start.getAsLong(), end.getAsLong(), reverse);
            };
        }
        if (store) {
            return Reply.integer(SortedSetRecords.replace(ctx, args.get(1), result));
        }
        return ZSetReplies.members(result, withScores);
    }

    /** Entries by rank, with Redis's index rules: negative counts from the end, out of range is cut. */
    private static List<ZSetEntry> byRank(ZSetReader reader, long start, long end, boolean reverse) {
        return IndexRange.of(start, end, reader.size())
                .map(range -> reader.byRank(range.from(), range.to(), reverse))
                .orElse(List.of());
    }

    private static Reply zcount(SlotContext ctx, List<byte[]> args) {
        ZSetScoreRange range = ZSetScoreRange.parse(args.get(2), args.get(3));
        if (range == null) {
            return ZSetScoreRange.NOT_A_FLOAT;
        }
        KeyMeta meta = SortedSetCommands.lookup(ctx, args.get(1));
        if (meta == SortedSetCommands.WRONG_TYPE) {
            return Errors.WRONGTYPE;
        }
        return Reply.integer(meta == null ? 0 : new ZSetReader(ctx, args.get(1), meta).byScore(range, false, 0, -1).size());
    }

    private static Reply zlexcount(SlotContext ctx, List<byte[]> args) {
        ZSetLexRange range = ZSetLexRange.parse(args.get(2), args.get(3));
        if (range == null) {
            return ZSetLexRange.NOT_A_RANGE;
        }
        KeyMeta meta = SortedSetCommands.lookup(ctx, args.get(1));
        if (meta == SortedSetCommands.WRONG_TYPE) {
            return Errors.WRONGTYPE;
        }
        return Reply.integer(meta == null ? 0 : new ZSetReader(ctx, args.get(1), meta).byLex(range, false, 0, -1).size());
    }

    private static Reply zremrangebyrank(SlotContext ctx, List<byte[]> args) {
        OptionalLong start = Args.parseLong(args.get(2));
        OptionalLong end = Args.parseLong(args.get(3));
        if (start.isEmpty() || end.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        return removeRange(ctx, args.get(1), reader -> byRank(reader, start.getAsLong(), end.getAsLong(), false));
    }

    private static Reply zremrangebyscore(SlotContext ctx, List<byte[]> args) {
        ZSetScoreRange range = ZSetScoreRange.parse(args.get(2), args.get(3));
        if (range == null) {
            return ZSetScoreRange.NOT_A_FLOAT;
        }
        return removeRange(ctx, args.get(1), reader -> reader.byScore(range, false, 0, -1));
    }

    private static Reply zremrangebylex(SlotContext ctx, List<byte[]> args) {
        ZSetLexRange range = ZSetLexRange.parse(args.get(2), args.get(3));
        if (range == null) {
            return ZSetLexRange.NOT_A_RANGE;
        }
        return removeRange(ctx, args.get(1), reader -> reader.byLex(range, false, 0, -1));
    }

    /** Removes the entries {@code select} picks and answers how many there were. */
    private static Reply removeRange(SlotContext ctx, byte[] key,
                                     Function<ZSetReader, List<ZSetEntry>> select) {
        KeyMeta meta = SortedSetCommands.lookup(ctx, key);
        if (meta == null) {
            return Reply.ZERO;
        }
        if (meta == SortedSetCommands.WRONG_TYPE) {
            return Errors.WRONGTYPE;
        }
        List<ZSetEntry> doomed = select.apply(new ZSetReader(ctx, key, meta));
        for (ZSetEntry entry : doomed) {
            SortedSetRecords.remove(ctx, key, meta, entry.member(), entry.score());
        }
        SortedSetRecords.resize(ctx, key, meta, meta.size() - doomed.size());
        return Reply.integer(doomed.size());
    }
}
