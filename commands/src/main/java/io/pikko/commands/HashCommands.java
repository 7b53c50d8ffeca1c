package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.KeyspaceEventType;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import io.pikko.storage.MemberCursor;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Hash commands, with Redis 7.0's options, replies and error texts. Each field is a record
 * {@code field -> value} of the data family; the metadata counts the fields.
 */
final class HashCommands {
    private static final Reply NOT_INTEGER_VALUE = Reply.error("ERR hash value is not an integer");
    private static final Reply NOT_FLOAT_VALUE = Reply.error("ERR hash value is not a float");
    private static final Reply INFINITE_INCREMENT = Reply.error("ERR value is NaN or Infinity");
    private static final Reply NAN_OR_INFINITY = Reply.error("ERR increment would produce NaN or Infinity");
    private static final Reply OUT_OF_RANGE = Reply.error("ERR value is out of range");

    private HashCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
        handlers.put("hset", (ctx, args) -> hset(ctx, args, "hset"));
        handlers.put("hmset", (ctx, args) -> hset(ctx, args, "hmset"));
        handlers.put("hsetnx", HashCommands::hsetnx);
        handlers.put("hget", HashCommands::hget);
        handlers.put("hmget", HashCommands::hmget);
        handlers.put("hdel", (ctx, args) -> CollectionMembers.removeCommand(ctx, args, KeyType.HASH));
        handlers.put("hlen", (ctx, args) -> CollectionMembers.countCommand(ctx, args, KeyType.HASH));
        handlers.put("hstrlen", HashCommands::hstrlen);
        handlers.put("hexists", HashCommands::hexists);
        handlers.put("hkeys", (ctx, args) -> hgetall(ctx, args, true, false));
        handlers.put("hvals", (ctx, args) -> hgetall(ctx, args, false, true));
        handlers.put("hgetall", (ctx, args) -> hgetall(ctx, args, true, true));
        handlers.put("hincrby", HashCommands::hincrby);
        handlers.put("hincrbyfloat", HashCommands::hincrbyfloat);
        handlers.put("hrandfield", HashCommands::hrandfield);
        handlers.put("hscan", (ctx, args) -> HashSetScan.scan(ctx, args, KeyType.HASH));
    }

    private static boolean wrongType(KeyMeta meta) {
        return meta != null && meta.type() != KeyType.HASH;
    }

    /** The hash's metadata, or a new empty hash when the key is absent; null for another type. */
    private static KeyMeta hashForWrite(SlotContext ctx, byte[] key) {
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (wrongType(meta)) {
            return null;
        }
        return meta != null ? meta : ctx.batch().newCollection(KeyType.HASH, 0);
    }

    /** Writes a field, and the metadata when the field is new. */
    private static void putField(SlotContext ctx, byte[] key, KeyMeta meta, byte[] field, byte[] value, boolean isNew) {
        ctx.batch().putMember(ctx.db(), key, meta, field, value);
        if (isNew) {
            ctx.batch().put(ctx.db(), key, meta.withSize(meta.size() + 1));
        }
    }

    private static Reply hset(SlotContext ctx, List<byte[]> args, String command) {
        if (args.size() % 2 != 0) {
            return Errors.wrongArity(command);
        }
        byte[] key = args.get(1);
        KeyMeta meta = hashForWrite(ctx, key);
        if (meta == null) {
            return Errors.WRONGTYPE;
        }
        long added = 0;
        for (int i = 2; i < args.size(); i += 2) {
            if (ctx.batch().getMember(ctx.db(), key, meta, args.get(i)) == null) {
                added++;
            }
            ctx.batch().putMember(ctx.db(), key, meta, args.get(i), args.get(i + 1));
        }
        if (added > 0) {
            ctx.batch().put(ctx.db(), key, meta.withSize(meta.size() + added));
        }
        ctx.notify(KeyspaceEventType.HASH, "hset", key);
        return command.equals("hmset") ? Reply.OK : Reply.integer(added);
    }

    private static Reply hsetnx(SlotContext ctx, List<byte[]> args) {
        byte[] key = args.get(1);
        KeyMeta meta = hashForWrite(ctx, key);
        if (meta == null) {
            return Errors.WRONGTYPE;
        }
        if (ctx.batch().getMember(ctx.db(), key, meta, args.get(2)) != null) {
            return Reply.ZERO;
        }
        putField(ctx, key, meta, args.get(2), args.get(3), true);
        ctx.notify(KeyspaceEventType.HASH, "hset", key);
        return Reply.ONE;
    }

    private static Reply hget(SlotContext ctx, List<byte[]> args) {
        KeyMeta meta = ctx.batch().get(ctx.db(), args.get(1));
        if (wrongType(meta)) {
            return Errors.WRONGTYPE;
        }
        return meta == null ? Reply.NIL : Reply.bulk(ctx.batch().getMember(ctx.db(), args.get(1), meta, args.get(2)));
    }

    private static Reply hmget(SlotContext ctx, List<byte[]> args) {
        KeyMeta meta = ctx.batch().get(ctx.db(), args.get(1));
        if (wrongType(meta)) {
            return Errors.WRONGTYPE;
        }
        List<Reply> values = new ArrayList<>(args.size() - 2);
        for (int i = 2; i < args.size(); i++) {
            values.add(meta == null ? Reply.NIL : Reply.bulk(ctx.batch().getMember(ctx.db(), args.get(1), meta, args.get(i))));
        }
        return Reply.array(values);
    }

    /** A field's value, empty when the field or the key is absent; null (WRONGTYPE) for another type. */
    private static Optional<byte[]> field(SlotContext ctx, byte[] key, byte[] field) {
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (wrongType(meta)) {
            return null;
        }
        return meta == null ? Optional.empty() : Optional.ofNullable(ctx.batch().getMember(ctx.db(), key, meta, field));
    }

    private static Reply hstrlen(SlotContext ctx, List<byte[]> args) {
        Optional<byte[]> value = field(ctx, args.get(1), args.get(2));
        return value == null ? Errors.WRONGTYPE : Reply.integer(value.map(v -> v.length).orElse(0));
    }

    private static Reply hexists(SlotContext ctx, List<byte[]> args) {
        Optional<byte[]> value = field(ctx, args.get(1), args.get(2));
        return value == null ? Errors.WRONGTYPE : Reply.integer(value.isPresent() ? 1 : 0);
    }

    /** HKEYS, HVALS and HGETALL (a map in RESP3). */
    private static Reply hgetall(SlotContext ctx, List<byte[]> args, boolean fields, boolean values) {
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (wrongType(meta)) {
            return Errors.WRONGTYPE;
        }
        List<Reply> items = new ArrayList<>();
        if (meta != null) {
            try (MemberCursor cursor = ctx.batch().members(ctx.db(), key, meta).seekFirst()) {
                for (; cursor.valid(); cursor.next()) {
                    if (fields) {
                        items.add(Reply.bulk(cursor.suffix()));
                    }
                    if (values) {
                        items.add(Reply.bulk(cursor.value()));
                    }
                }
            }
        }
        return fields && values ? new Reply.MapReply(items) : Reply.array(items);
    }

    private static Reply hincrby(SlotContext ctx, List<byte[]> args) {
        OptionalLong increment = Args.parseLong(args.get(3));
        if (increment.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        byte[] key = args.get(1);
        KeyMeta meta = hashForWrite(ctx, key);
        if (meta == null) {
            return Errors.WRONGTYPE;
        }
        byte[] old = ctx.batch().getMember(ctx.db(), key, meta, args.get(2));
        long current = 0;
        if (old != null) {
            OptionalLong parsed = Args.parseLong(old);
            if (parsed.isEmpty()) {
                return NOT_INTEGER_VALUE;
            }
            current = parsed.getAsLong();
        }
        long by = increment.getAsLong();
        if ((by < 0 && current < 0 && by < Long.MIN_VALUE - current)
                || (by > 0 && current > 0 && by > Long.MAX_VALUE - current)) {
            return Errors.OVERFLOW;
        }
        long result = current + by;
        putField(ctx, key, meta, args.get(2), Long.toString(result).getBytes(StandardCharsets.US_ASCII), old == null);
        ctx.notify(KeyspaceEventType.HASH, "hincrby", key);
        return Reply.integer(result);
    }

    /** Long double arithmetic as Redis's, through {@link ExtendedDecimal}, as INCRBYFLOAT. */
    private static Reply hincrbyfloat(SlotContext ctx, List<byte[]> args) {
        Optional<BigDecimal> increment = ExtendedDecimal.parse(args.get(3));
        if (increment.isEmpty()) {
            return ExtendedDecimal.isInfinity(args.get(3)) ? INFINITE_INCREMENT : Errors.NOT_FLOAT;
        }
        byte[] key = args.get(1);
        KeyMeta meta = hashForWrite(ctx, key);
        if (meta == null) {
            return Errors.WRONGTYPE;
        }
        byte[] old = ctx.batch().getMember(ctx.db(), key, meta, args.get(2));
        BigDecimal current = BigDecimal.ZERO;
        if (old != null) {
            Optional<BigDecimal> parsed = ExtendedDecimal.parse(old);
            if (parsed.isEmpty()) {
                // An infinite value is a valid float, but no sum with it is finite.
                return ExtendedDecimal.isInfinity(old) ? NAN_OR_INFINITY : NOT_FLOAT_VALUE;
            }
            current = parsed.get();
        }
        Optional<BigDecimal> sum = ExtendedDecimal.add(current, increment.get());
        if (sum.isEmpty()) {
            return NAN_OR_INFINITY;
        }
        byte[] value = ExtendedDecimal.format(sum.get()).getBytes(StandardCharsets.US_ASCII);
        putField(ctx, key, meta, args.get(2), value, old == null);
        ctx.notify(KeyspaceEventType.HASH, "hincrbyfloat", key);
        return Reply.bulk(value);
    }

    /**
     * HRANDFIELD key [count [WITHVALUES]]. With values: field, value, field, value... in RESP2, each
     * pair an array of its own in RESP3.
     */
    private static Reply hrandfield(SlotContext ctx, List<byte[]> args) {
        byte[] key = args.get(1);
        if (args.size() == 2) {
            KeyMeta meta = ctx.batch().get(ctx.db(), key);
            if (wrongType(meta)) {
                return Errors.WRONGTYPE;
            }
            return meta == null ? Reply.NIL : Reply.bulk(HashSetSample.one(ctx, key, meta).member());
        }
        HashSetSample.Count count = HashSetSample.parseCount(args.get(2));
        if (count.error() != null) {
            return count.error();
        }
        if (args.size() > 4 || (args.size() == 4 && !Args.is(args.get(3), "WITHVALUES"))) {
            return Errors.SYNTAX;
        }
        boolean withValues = args.size() == 4;
        long n = count.value();
        if (withValues && (n < -Long.MAX_VALUE / 2 || n > Long.MAX_VALUE / 2)) {
            return OUT_OF_RANGE;
        }
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (wrongType(meta)) {
            return Errors.WRONGTYPE;
        }
        if (meta == null || n == 0) {
            return Reply.EMPTY_ARRAY;
        }
        List<HashSetSample.Entry> picked = n > 0
                ? HashSetSample.distinct(ctx, key, meta, n)
                : HashSetSample.withRepetition(ctx, key, meta, -n);
        if (picked == null) {
            return HashSetSample.TOO_MANY;
        }
        List<Reply> items = new ArrayList<>(withValues ? picked.size() * 2 : picked.size());
        for (HashSetSample.Entry entry : picked) {
            items.add(Reply.bulk(entry.member()));
            if (withValues) {
                items.add(Reply.bulk(entry.value()));
            }
        }
        return withValues ? new Reply.Pairs(items) : Reply.array(items);
    }
}
