package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.KeyspaceEventType;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** String commands, with Redis 7.0's options, replies and error texts. */
final class StringCommands {
    /** Redis's default proto-max-bulk-len, which also caps a string's size. */
    static final long MAX_STRING = 512L * 1024 * 1024;

    private static final Reply TOO_LONG = Reply.error("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
    private static final Reply NAN_OR_INFINITY = Reply.error("ERR increment would produce NaN or Infinity");

    private StringCommands() {}

    /** Redis's checkStringLength: whether size + append passes the limit, overflow included. */
    private static boolean tooLong(long size, long append) {
        return size > MAX_STRING - append;
    }

    static void register(Map<String, SlotHandler> handlers) {
        handlers.put("get", StringCommands::get);
        handlers.put("set", StringCommands::set);
        handlers.put("getset", StringCommands::getset);
        handlers.put("getdel", StringCommands::getdel);
        handlers.put("getex", StringCommands::getex);
        handlers.put("setnx", StringCommands::setnx);
        handlers.put("setex", (ctx, args) -> setWithTtl(ctx, args, 1000, "setex"));
        handlers.put("psetex", (ctx, args) -> setWithTtl(ctx, args, 1, "psetex"));
        handlers.put("mget", StringCommands::mget);
        handlers.put("mset", StringCommands::mset);
        handlers.put("msetnx", StringCommands::msetnx);
        handlers.put("incr", (ctx, args) -> incrBy(ctx, args.get(1), 1));
        handlers.put("decr", (ctx, args) -> incrBy(ctx, args.get(1), -1));
        handlers.put("incrby", (ctx, args) -> parsedIncrement(ctx, args, false));
        handlers.put("decrby", (ctx, args) -> parsedIncrement(ctx, args, true));
        handlers.put("incrbyfloat", StringCommands::incrbyfloat);
        handlers.put("append", StringCommands::append);
        handlers.put("strlen", StringCommands::strlen);
        handlers.put("setrange", StringCommands::setrange);
        handlers.put("getrange", StringCommands::getrange);
        handlers.put("substr", StringCommands::getrange);
    }

    /** A key's string value; empty when absent; null (meaning WRONGTYPE) when it holds another type. */
    private static Optional<byte[]> stringValue(SlotContext ctx, byte[] key) {
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta == null) {
            return Optional.empty();
        }
        return meta.type() == KeyType.STRING ? Optional.of(meta.payload()) : null;
    }

    private static Reply get(SlotContext ctx, List<byte[]> args) {
        Optional<byte[]> value = stringValue(ctx, args.get(1));
        if (value == null) {
            return Errors.WRONGTYPE;
        }
        return value.map(Reply::bulk).orElse(Reply.NIL);
    }

    /**
     * The options of SET (from argument 3) or GETEX (from argument 2), read as Redis 7.0's
     * parseExtendedStringArgumentsOrReply reads them: a repeated option is allowed (the last
     * expiry wins), conflicting ones are a syntax error, and the expiry's value is only checked
     * later, so that a syntax error anywhere takes precedence over a bad number.
     */
    private record StringOptions(boolean nx, boolean xx, boolean get, boolean keepTtl, boolean persist,
                                 String expiryUnit, byte[] expiryValue) {

        /** The options, or null for a syntax error. */
        static StringOptions parse(List<byte[]> args, boolean forSet) {
            boolean nx = false;
            boolean xx = false;
            boolean get = false;
            boolean keepTtl = false;
            boolean persist = false;
            String unit = null;
            byte[] value = null;
            for (int i = forSet ? 3 : 2; i < args.size(); i++) {
                String opt = Args.option(args.get(i));
                boolean hasNext = i + 1 < args.size();
                if (forSet && opt.equals("NX") && !xx) {
                    nx = true;
                } else if (forSet && opt.equals("XX") && !nx) {
                    xx = true;
                } else if (forSet && opt.equals("GET")) {
                    get = true;
                } else if (forSet && opt.equals("KEEPTTL") && unit == null) {
                    keepTtl = true;
                } else if (!forSet && opt.equals("PERSIST") && unit == null) {
                    persist = true;
                } else if (isExpiryUnit(opt) && !keepTtl && !persist && (unit == null || unit.equals(opt)) && hasNext) {
                    unit = opt;
                    value = args.get(++i);
                } else {
                    return null;
                }
            }
            return new StringOptions(nx, xx, get, keepTtl, persist, unit, value);
        }

        private static boolean isExpiryUnit(String opt) {
            return opt.equals("EX") || opt.equals("PX") || opt.equals("EXAT") || opt.equals("PXAT");
        }

        Expiry.Parsed expiry(SlotContext ctx, String command) {
            return Expiry.parse(expiryUnit, expiryValue, ctx.now(), command);
        }
    }

    private static Reply set(SlotContext ctx, List<byte[]> args) {
        StringOptions options = StringOptions.parse(args, true);
        if (options == null) {
            return Errors.SYNTAX;
        }
        Expiry expiry = null;
        if (options.expiryUnit() != null) {
            Expiry.Parsed parsed = options.expiry(ctx, "set");
            if (parsed.error() != null) {
                return parsed.error();
            }
            expiry = parsed.expiry();
        }
        byte[] key = args.get(1);
        KeyMeta old = ctx.batch().get(ctx.db(), key);
        boolean get = options.get();
        if (get && old != null && old.type() != KeyType.STRING) {
            return Errors.WRONGTYPE;
        }
        Reply previous = get ? (old == null ? Reply.NIL : Reply.bulk(old.payload())) : null;
        if ((options.nx() && old != null) || (options.xx() && old == null)) {
            return get ? previous : Reply.NIL;
        }
        long expireAt = options.keepTtl() && old != null ? old.expireAt() : expiry == null ? 0 : expiry.at();
        store(ctx, key, args.get(2), expireAt);
        ctx.notify(KeyspaceEventType.STRING, "set", key);
        if (expiry != null) {
            ctx.notify(KeyspaceEventType.GENERIC, "expire", key);
        }
        return get ? previous : Reply.OK;
    }

    /** Writes a string, or deletes the key when its expiry is already past (as Redis does). */
    static void store(SlotContext ctx, byte[] key, byte[] value, long expireAt) {
        if (expireAt > 0 && expireAt <= ctx.now()) {
            ctx.batch().delete(ctx.db(), key);
        } else {
            ctx.batch().put(ctx.db(), key, KeyMeta.string(value, expireAt));
        }
    }

    private static Reply getset(SlotContext ctx, List<byte[]> args) {
        Optional<byte[]> old = stringValue(ctx, args.get(1));
        if (old == null) {
            return Errors.WRONGTYPE;
        }
        store(ctx, args.get(1), args.get(2), 0);
        ctx.notify(KeyspaceEventType.STRING, "set", args.get(1));
        return old.map(Reply::bulk).orElse(Reply.NIL);
    }

    private static Reply getdel(SlotContext ctx, List<byte[]> args) {
        Optional<byte[]> old = stringValue(ctx, args.get(1));
        if (old == null) {
            return Errors.WRONGTYPE;
        }
        old.ifPresent(v -> {
            ctx.batch().delete(ctx.db(), args.get(1));
            ctx.notify(KeyspaceEventType.GENERIC, "del", args.get(1));
        });
        return old.map(Reply::bulk).orElse(Reply.NIL);
    }

    private static Reply getex(SlotContext ctx, List<byte[]> args) {
        StringOptions options = StringOptions.parse(args, false);
        if (options == null) {
            return Errors.SYNTAX;
        }
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta == null) {
            return Reply.NIL;
        }
        if (meta.type() != KeyType.STRING) {
            return Errors.WRONGTYPE;
        }
        // As in Redis, the expiry is only checked once the key is known to hold a string.
        if (options.expiryUnit() != null) {
            Expiry.Parsed parsed = options.expiry(ctx, "getex");
            if (parsed.error() != null) {
                return parsed.error();
            }
            store(ctx, key, meta.payload(), parsed.expiry().at());
            ctx.notify(KeyspaceEventType.GENERIC, parsed.expiry().at() <= ctx.now() ? "del" : "expire", key);
        } else if (options.persist() && meta.hasExpiry()) {
            ctx.batch().put(ctx.db(), key, meta.withExpireAt(0));
            ctx.notify(KeyspaceEventType.GENERIC, "persist", key);
        }
        return Reply.bulk(meta.payload());
    }

    private static Reply setnx(SlotContext ctx, List<byte[]> args) {
        if (ctx.batch().get(ctx.db(), args.get(1)) != null) {
            return Reply.ZERO;
        }
        store(ctx, args.get(1), args.get(2), 0);
        ctx.notify(KeyspaceEventType.STRING, "set", args.get(1));
        return Reply.ONE;
    }

    private static Reply setWithTtl(SlotContext ctx, List<byte[]> args, long unitMillis, String command) {
        OptionalLong ttl = Args.parseLong(args.get(2));
        if (ttl.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        Long expireAt = Expiry.relative(ttl.getAsLong(), unitMillis, ctx.now());
        if (ttl.getAsLong() <= 0 || expireAt == null) {
            return Errors.invalidExpire(command);
        }
        store(ctx, args.get(1), args.get(3), expireAt);
        ctx.notify(KeyspaceEventType.STRING, "set", args.get(1));
        ctx.notify(KeyspaceEventType.GENERIC, "expire", args.get(1));
        return Reply.OK;
    }

    private static Reply mget(SlotContext ctx, List<byte[]> args) {
        List<Reply> values = new ArrayList<>(args.size() - 1);
        for (int i = 1; i < args.size(); i++) {
            KeyMeta meta = ctx.batch().get(ctx.db(), args.get(i));
            values.add(meta != null && meta.type() == KeyType.STRING ? Reply.bulk(meta.payload()) : Reply.NIL);
        }
        return Reply.array(values);
    }

    private static Reply mset(SlotContext ctx, List<byte[]> args) {
        for (int i = 1; i < args.size(); i += 2) {
            store(ctx, args.get(i), args.get(i + 1), 0);
            ctx.notify(KeyspaceEventType.STRING, "set", args.get(i));
        }
        return Reply.OK;
    }

    private static Reply msetnx(SlotContext ctx, List<byte[]> args) {
        for (int i = 1; i < args.size(); i += 2) {
            if (ctx.batch().get(ctx.db(), args.get(i)) != null) {
                return Reply.ZERO;
            }
        }
        mset(ctx, args);
        return Reply.ONE;
    }

    private static Reply parsedIncrement(SlotContext ctx, List<byte[]> args, boolean negate) {
        OptionalLong by = Args.parseLong(args.get(2));
        if (by.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        if (negate && by.getAsLong() == Long.MIN_VALUE) {
            return Reply.error("ERR decrement would overflow");
        }
        return incrBy(ctx, args.get(1), negate ? -by.getAsLong() : by.getAsLong());
    }

    private static Reply incrBy(SlotContext ctx, byte[] key, long by) {
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta != null && meta.type() != KeyType.STRING) {
            return Errors.WRONGTYPE;
        }
        long current = 0;
        if (meta != null) {
            OptionalLong parsed = Args.parseLong(meta.payload());
            if (parsed.isEmpty()) {
                return Errors.NOT_INTEGER;
            }
            current = parsed.getAsLong();
        }
        if ((by < 0 && current < 0 && by < Long.MIN_VALUE - current)
                || (by > 0 && current > 0 && by > Long.MAX_VALUE - current)) {
            return Errors.OVERFLOW;
        }
        long result = current + by;
        byte[] value = Long.toString(result).getBytes(StandardCharsets.US_ASCII);
        ctx.batch().put(ctx.db(), key, KeyMeta.string(value, meta == null ? 0 : meta.expireAt()));
        ctx.notify(KeyspaceEventType.STRING, "incrby", key);
        return Reply.integer(result);
    }

    private static Reply incrbyfloat(SlotContext ctx, List<byte[]> args) {
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta != null && meta.type() != KeyType.STRING) {
            return Errors.WRONGTYPE;
        }
        FloatOperand current = meta == null ? FloatOperand.ZERO : FloatOperand.parse(meta.payload());
        FloatOperand increment = FloatOperand.parse(args.get(2));
        if (current == null || increment == null) {
            return Errors.NOT_FLOAT;
        }
        if (current.infinite() || increment.infinite()) {
            return NAN_OR_INFINITY;
        }
        Optional<BigDecimal> sum = ExtendedDecimal.add(current.value(), increment.value());
        if (sum.isEmpty()) {
            return NAN_OR_INFINITY;
        }
        byte[] value = ExtendedDecimal.format(sum.get()).getBytes(StandardCharsets.US_ASCII);
        ctx.batch().put(ctx.db(), key, KeyMeta.string(value, meta == null ? 0 : meta.expireAt()));
        ctx.notify(KeyspaceEventType.STRING, "incrbyfloat", key);
        return Reply.bulk(value);
    }

    /** A long double Redis accepts: a finite value, or an infinity (valid, but no sum with it is). */
    private record FloatOperand(BigDecimal value, boolean infinite) {
        static final FloatOperand ZERO = new FloatOperand(BigDecimal.ZERO, false);

        /** The operand, or null for text that is not a valid float. */
        static FloatOperand parse(byte[] text) {
            Optional<BigDecimal> finite = ExtendedDecimal.parse(text);
            if (finite.isPresent()) {
                return new FloatOperand(finite.get(), false);
            }
            return ExtendedDecimal.isInfinity(text) ? new FloatOperand(null, true) : null;
        }
    }

    private static Reply append(SlotContext ctx, List<byte[]> args) {
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta != null && meta.type() != KeyType.STRING) {
            return Errors.WRONGTYPE;
        }
        byte[] old = meta == null ? new byte[0] : meta.payload();
        byte[] tail = args.get(2);
        if (tooLong(old.length, tail.length)) {
            return TOO_LONG;
        }
        byte[] value = new byte[old.length + tail.length];
        System.arraycopy(old, 0, value, 0, old.length);
        System.arraycopy(tail, 0, value, old.length, tail.length);
        ctx.batch().put(ctx.db(), key, KeyMeta.string(value, meta == null ? 0 : meta.expireAt()));
        ctx.notify(KeyspaceEventType.STRING, "append", key);
        return Reply.integer(value.length);
    }

    private static Reply strlen(SlotContext ctx, List<byte[]> args) {
        Optional<byte[]> value = stringValue(ctx, args.get(1));
        if (value == null) {
            return Errors.WRONGTYPE;
        }
        return Reply.integer(value.map(v -> v.length).orElse(0));
    }

    private static Reply setrange(SlotContext ctx, List<byte[]> args) {
        byte[] key = args.get(1);
        OptionalLong offset = Args.parseLong(args.get(2));
        if (offset.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        if (offset.getAsLong() < 0) {
            return Reply.error("ERR offset is out of range");
        }
        byte[] patch = args.get(3);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta != null && meta.type() != KeyType.STRING) {
            return Errors.WRONGTYPE;
        }
        byte[] old = meta == null ? new byte[0] : meta.payload();
        if (patch.length == 0) {
            return Reply.integer(old.length);
        }
        if (tooLong(offset.getAsLong(), patch.length)) {
            return TOO_LONG;
        }
        int off = (int) offset.getAsLong();
        byte[] value = new byte[Math.max(old.length, off + patch.length)];
        System.arraycopy(old, 0, value, 0, old.length);
        System.arraycopy(patch, 0, value, off, patch.length);
        ctx.batch().put(ctx.db(), key, KeyMeta.string(value, meta == null ? 0 : meta.expireAt()));
        ctx.notify(KeyspaceEventType.STRING, "setrange", key);
        return Reply.integer(value.length);
    }

    private static Reply getrange(SlotContext ctx, List<byte[]> args) {
        OptionalLong startArg = Args.parseLong(args.get(2));
        OptionalLong endArg = Args.parseLong(args.get(3));
        if (startArg.isEmpty() || endArg.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        Optional<byte[]> found = stringValue(ctx, args.get(1));
        if (found == null) {
            return Errors.WRONGTYPE;
        }
        byte[] value = found.orElse(new byte[0]);
        long start = startArg.getAsLong();
        long end = endArg.getAsLong();
        long len = value.length;
        if (start < 0 && end < 0 && start > end) {
            return Reply.bulk(new byte[0]);
        }
        if (start < 0) {
            start = len + start;
        }
        if (end < 0) {
            end = len + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (end < 0) {
            end = 0;
        }
        if (end >= len) {
            end = len - 1;
        }
        if (start > end || len == 0) {
            return Reply.bulk(new byte[0]);
        }
        byte[] out = new byte[(int) (end - start + 1)];
        System.arraycopy(value, (int) start, out, 0, out.length);
        return Reply.bulk(out);
    }
}
