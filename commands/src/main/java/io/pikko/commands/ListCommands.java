package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.KeyspaceEventType;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * List commands, with Redis 7.0's replies and error texts. The blocking forms (BLPOP, BLMOVE, ...)
 * are in {@link BlockingCommands}; they share the pops and moves here.
 */
final class ListCommands {
    private static final Reply MUST_BE_POSITIVE = Reply.error("ERR value is out of range, must be positive");
    private static final Reply INDEX_OUT_OF_RANGE = Reply.error("ERR index out of range");
    private static final Reply RANK_ZERO = Reply.error("ERR RANK can't be zero: use 1 to start from the first match, "
            + "2 from the second ... or use negative to start from the end of the list");
    private static final Reply COUNT_NEGATIVE = Reply.error("ERR COUNT can't be negative");
    private static final Reply MAXLEN_NEGATIVE = Reply.error("ERR MAXLEN can't be negative");

    private ListCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
        handlers.put("lpush", (ctx, args) -> push(ctx, args, true, false));
        handlers.put("rpush", (ctx, args) -> push(ctx, args, false, false));
        handlers.put("lpushx", (ctx, args) -> push(ctx, args, true, true));
        handlers.put("rpushx", (ctx, args) -> push(ctx, args, false, true));
        handlers.put("lpop", (ctx, args) -> pop(ctx, args, true));
        handlers.put("rpop", (ctx, args) -> pop(ctx, args, false));
        handlers.put("llen", ListCommands::llen);
        handlers.put("lindex", ListCommands::lindex);
        handlers.put("lrange", ListCommands::lrange);
        handlers.put("lset", ListCommands::lset);
        handlers.put("linsert", ListCommands::linsert);
        handlers.put("lrem", ListCommands::lrem);
        handlers.put("ltrim", ListCommands::ltrim);
        handlers.put("lpos", ListCommands::lpos);
        handlers.put("lmove", ListCommands::lmove);
        handlers.put("rpoplpush", (ctx, args) -> move(ctx, args.get(1), args.get(2), false, true));
        handlers.put("lmpop", ListCommands::lmpop);
        // The blocking commands, the sorted sets' BZPOPMIN family included, came with the lists.
    }

    /** Whether a key's metadata (null for no key) is of a type other than list. */
    static boolean notList(KeyMeta meta) {
        return meta != null && meta.type() != KeyType.LIST;
    }

    /** LEFT or RIGHT, as Redis's getListPositionFromObjectOrReply reads them; null for anything else. */
    static Boolean parseLeft(byte[] arg) {
        String side = Args.option(arg);
        return side.equals("LEFT") ? Boolean.TRUE : side.equals("RIGHT") ? Boolean.FALSE : null;
    }

    private static Reply push(SlotContext ctx, List<byte[]> args, boolean left, boolean onlyIfExists) {
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (notList(meta)) {
            return Errors.WRONGTYPE;
        }
        if (meta == null && onlyIfExists) {
            return Reply.ZERO;
        }
        long length = ListRecords.push(ctx, key, meta, args.subList(2, args.size()), left);
        ctx.notify(KeyspaceEventType.LIST, left ? "lpush" : "rpush", key);
        return Reply.integer(length);
    }

    private static Reply pop(SlotContext ctx, List<byte[]> args, boolean left) {
        if (args.size() > 3) {
            return Errors.wrongArity(left ? "lpop" : "rpop");
        }
        long count = -1;
        if (args.size() == 3) {
            OptionalLong parsed = Args.parseLong(args.get(2));
            if (parsed.isEmpty() || parsed.getAsLong() < 0) {
                return MUST_BE_POSITIVE;
            }
            count = parsed.getAsLong();
        }
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta == null) {
            return count < 0 ? Reply.NIL : Reply.NIL_ARRAY;
        }
        if (notList(meta)) {
            return Errors.WRONGTYPE;
        }
        if (count == 0) {
            return Reply.EMPTY_ARRAY;
        }
        List<byte[]> popped = ListRecords.pop(ctx, key, meta, Math.max(count, 1), left);
        ctx.notify(KeyspaceEventType.LIST, left ? "lpop" : "rpop", key);
        if (popped.size() == meta.size()) {
            ctx.notify(KeyspaceEventType.GENERIC, "del", key);
        }
        return count < 0 ? Reply.bulk(popped.get(0)) : Reply.bulks(popped);
    }

    private static Reply llen(SlotContext ctx, List<byte[]> args) {
        KeyMeta meta = ctx.batch().get(ctx.db(), args.get(1));
        if (notList(meta)) {
            return Errors.WRONGTYPE;
        }
        return Reply.integer(meta == null ? 0 : meta.size());
    }

    private static Reply lindex(SlotContext ctx, List<byte[]> args) {
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta == null) {
            return Reply.NIL;
        }
        if (notList(meta)) {
            return Errors.WRONGTYPE;
        }
        OptionalLong index = Args.parseLong(args.get(2));
        if (index.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        long position = index.getAsLong() < 0 ? meta.size() + index.getAsLong() : index.getAsLong();
        if (position < 0 || position >= meta.size()) {
            return Reply.NIL;
        }
        return Reply.bulk(ListRecords.get(ctx, key, meta, position));
    }

    private static Reply lrange(SlotContext ctx, List<byte[]> args) {
        OptionalLong start = Args.parseLong(args.get(2));
        OptionalLong end = Args.parseLong(args.get(3));
        if (start.isEmpty() || end.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta == null) {
            return Reply.EMPTY_ARRAY;
        }
        if (notList(meta)) {
            return Errors.WRONGTYPE;
        }
        return IndexRange.of(start.getAsLong(), end.getAsLong(), meta.size())
                .map(range -> Reply.bulks(ListRecords.range(ctx, key, meta, range.from(), range.to())))
                .orElse(Reply.EMPTY_ARRAY);
    }

    private static Reply lset(SlotContext ctx, List<byte[]> args) {
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta == null) {
            return Errors.NO_SUCH_KEY;
        }
        if (notList(meta)) {
            return Errors.WRONGTYPE;
        }
        OptionalLong index = Args.parseLong(args.get(2));
        if (index.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        long position = index.getAsLong() < 0 ? meta.size() + index.getAsLong() : index.getAsLong();
        if (position < 0 || position >= meta.size()) {
            return INDEX_OUT_OF_RANGE;
        }
        ListRecords.set(ctx, key, meta, position, args.get(3));
        return Reply.OK;
    }

    private static Reply linsert(SlotContext ctx, List<byte[]> args) {
        String where = Args.option(args.get(2));
        if (!where.equals("BEFORE") && !where.equals("AFTER")) {
            return Errors.SYNTAX;
        }
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta == null) {
            return Reply.ZERO;
        }
        if (notList(meta)) {
            return Errors.WRONGTYPE;
        }
        List<Long> pivot = ListRecords.find(ctx, key, meta, args.get(3), false, 0, 1);
        if (pivot.isEmpty()) {
            return Reply.integer(-1);
        }
        long position = where.equals("BEFORE") ? pivot.get(0) : pivot.get(0) + 1;
        return Reply.integer(ListRecords.insert(ctx, key, meta, position, args.get(4)));
    }

    private static Reply lrem(SlotContext ctx, List<byte[]> args) {
        OptionalLong parsed = Args.parseLong(args.get(2));
        if (parsed.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta == null) {
            return Reply.ZERO;
        }
        if (notList(meta)) {
            return Errors.WRONGTYPE;
        }
        long count = parsed.getAsLong();
        // As in Redis, negating Long.MIN_VALUE leaves it negative, which no match count reaches: all go.
        long limit = count < 0 ? -count : count;
        List<Long> matches = new ArrayList<>(ListRecords.find(ctx, key, meta, args.get(3), count < 0, 0, limit));
        if (matches.isEmpty()) {
            return Reply.ZERO;
        }
        Collections.sort(matches);
        ListRecords.remove(ctx, key, meta, matches);
        return Reply.integer(matches.size());
    }

    private static Reply ltrim(SlotContext ctx, List<byte[]> args) {
        OptionalLong start = Args.parseLong(args.get(2));
        OptionalLong end = Args.parseLong(args.get(3));
        if (start.isEmpty() || end.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta == null) {
            return Reply.OK;
        }
        if (notList(meta)) {
            return Errors.WRONGTYPE;
        }
        long size = meta.size();
        IndexRange.of(start.getAsLong(), end.getAsLong(), size).ifPresentOrElse(
                range -> ListRecords.trim(ctx, key, meta, range.from(), size - 1 - range.to()),
                () -> ListRecords.trim(ctx, key, meta, size, 0));
        return Reply.OK;
    }

    private static Reply lpos(SlotContext ctx, List<byte[]> args) {
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int i = 3; i < args.size(); i++) {
            String option = Args.option(args.get(i));
            boolean hasValue = i + 1 < args.size();
            if (option.equals("RANK") && hasValue) {
                OptionalLong value = Args.parseLong(args.get(++i));
                if (value.isEmpty()) {
                    return Errors.NOT_INTEGER;
                }
                if (value.getAsLong() == 0) {
                    return RANK_ZERO;
                }
                rank = value.getAsLong();
            } else if (option.equals("COUNT") && hasValue) {
                OptionalLong value = Args.parseLong(args.get(++i));
                if (value.isEmpty() || value.getAsLong() < 0) {
                    return COUNT_NEGATIVE;
                }
                count = value.getAsLong();
            } else if (option.equals("MAXLEN") && hasValue) {
                OptionalLong value = Args.parseLong(args.get(++i));
                if (value.isEmpty() || value.getAsLong() < 0) {
                    return MAXLEN_NEGATIVE;
                }
                maxlen = value.getAsLong();
            } else {
                return Errors.SYNTAX;
            }
        }
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta == null) {
            return count >= 0 ? Reply.EMPTY_ARRAY : Reply.NIL;
        }
        if (notList(meta)) {
            return Errors.WRONGTYPE;
        }
        boolean fromTail = rank < 0;
        // Matches before the rank-th are skipped; RANK -9223372036854775808 stays negative, as in Redis, and skips none.
        long skip = fromTail ? (rank == Long.MIN_VALUE ? 0 : -rank - 1) : rank - 1;
        long wanted = count < 0 ? 1 : count;
        long limit = wanted == 0 || skip > Long.MAX_VALUE - wanted ? 0 : skip + wanted;
        List<Long> matches = ListRecords.find(ctx, key, meta, args.get(2), fromTail, maxlen, limit);
        List<Long> found = matches.subList((int) Math.min(skip, matches.size()), matches.size());
        if (count < 0) {
            return found.isEmpty() ? Reply.NIL : Reply.integer(found.get(0));
        }
        return Reply.array(found.stream().map(Reply::integer).toList());
    }

    private static Reply lmove(SlotContext ctx, List<byte[]> args) {
        Boolean fromLeft = parseLeft(args.get(3));
        Boolean toLeft = parseLeft(args.get(4));
        if (fromLeft == null || toLeft == null) {
            return Errors.SYNTAX;
        }
        return move(ctx, args.get(1), args.get(2), fromLeft, toLeft);
    }

    /** LMOVE: nil when the source is empty; otherwise the element moved. */
    static Reply move(SlotContext ctx, byte[] source, byte[] destination, boolean fromLeft, boolean toLeft) {
        KeyMeta from = ctx.batch().get(ctx.db(), source);
        if (from == null) {
            return Reply.NIL;
        }
        if (notList(from) || notList(ctx.batch().get(ctx.db(), destination))) {
            return Errors.WRONGTYPE;
        }
        if (Arrays.equals(source, destination) && from.size() == 1) {
            // Rotating a one-element list leaves it as it is (and keeps its TTL).
            return Reply.bulk(ListRecords.get(ctx, source, from, 0));
        }
        byte[] element = ListRecords.pop(ctx, source, from, 1, fromLeft).get(0);
        ListRecords.push(ctx, destination, ctx.batch().get(ctx.db(), destination), List.of(element), toLeft);
        return Reply.bulk(element);
    }

    private static Reply lmpop(SlotContext ctx, List<byte[]> args) {
        ListMpopArgs parsed = ListMpopArgs.parse(args, 1, "LEFT", "RIGHT");
        if (parsed.error() != null) {
            return parsed.error();
        }
        for (byte[] key : parsed.keys()) {
            KeyMeta meta = ctx.batch().get(ctx.db(), key);
            if (notList(meta)) {
                return Errors.WRONGTYPE;
            }
            if (meta != null) {
                return popWithKey(ctx, key, meta, parsed.first(), parsed.count());
            }
        }
        return Reply.NIL_ARRAY;
    }

    /** LMPOP's and BLMPOP's reply: {@code [key, [elements]]}. */
    static Reply popWithKey(SlotContext ctx, byte[] key, KeyMeta meta, boolean left, long count) {
        return Reply.array(List.of(Reply.bulk(key), Reply.bulks(ListRecords.pop(ctx, key, meta, count, left))));
    }
}
