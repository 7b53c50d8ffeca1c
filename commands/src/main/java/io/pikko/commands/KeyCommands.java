package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.KeyspaceEventType;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Generic key commands: existence, deletion, type, expiry, rename, copy and move. */
final class KeyCommands {
    /** Redis's getIntFromObjectOrReply for a 64-bit number outside the range of an int. */
    private static final Reply INT_OUT_OF_RANGE =
            Reply.error("ERR value is out of range, value must between -2147483648 and 2147483647");

    private KeyCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
        handlers.put("del", KeyCommands::del);
        handlers.put("unlink", KeyCommands::del);
        handlers.put("exists", KeyCommands::exists);
        handlers.put("touch", KeyCommands::exists);
        handlers.put("type", KeyCommands::type);
        handlers.put("expire", (ctx, args) -> expire(ctx, args, 1000, false, "expire"));
        handlers.put("pexpire", (ctx, args) -> expire(ctx, args, 1, false, "pexpire"));
        handlers.put("expireat", (ctx, args) -> expire(ctx, args, 1000, true, "expireat"));
        handlers.put("pexpireat", (ctx, args) -> expire(ctx, args, 1, true, "pexpireat"));
        handlers.put("ttl", (ctx, args) -> ttl(ctx, args, false, false));
        handlers.put("pttl", (ctx, args) -> ttl(ctx, args, true, false));
        handlers.put("expiretime", (ctx, args) -> ttl(ctx, args, false, true));
        handlers.put("pexpiretime", (ctx, args) -> ttl(ctx, args, true, true));
        handlers.put("persist", KeyCommands::persist);
        handlers.put("rename", (ctx, args) -> rename(ctx, args, false));
        handlers.put("renamenx", (ctx, args) -> rename(ctx, args, true));
        handlers.put("copy", KeyCommands::copy);
        handlers.put("move", KeyCommands::move);
    }

    private static Reply del(SlotContext ctx, List<byte[]> args) {
        long deleted = 0;
        for (int i = 1; i < args.size(); i++) {
            if (ctx.batch().get(ctx.db(), args.get(i)) != null && ctx.batch().delete(ctx.db(), args.get(i))) {
                deleted++;
                ctx.notify(KeyspaceEventType.GENERIC, "del", args.get(i));
            }
        }
        return Reply.integer(deleted);
    }

    private static Reply exists(SlotContext ctx, List<byte[]> args) {
        long found = 0;
        for (int i = 1; i < args.size(); i++) {
            if (ctx.batch().get(ctx.db(), args.get(i)) != null) {
                found++;
            }
        }
        return Reply.integer(found);
    }

    private static Reply type(SlotContext ctx, List<byte[]> args) {
        KeyMeta meta = ctx.batch().get(ctx.db(), args.get(1));
        return new Reply.Simple(meta == null ? "none" : meta.type().redisName());
    }

    private static Reply expire(SlotContext ctx, List<byte[]> args, long unitMillis, boolean absolute, String command) {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        for (int i = 3; i < args.size(); i++) {
            switch (Args.option(args.get(i))) {
                case "NX" -> nx = true;
                case "XX" -> xx = true;
                case "GT" -> gt = true;
                case "LT" -> lt = true;
                default -> {
                    return Reply.error("ERR Unsupported option " + Args.text(args.get(i)));
                }
            }
        }
        if (nx && (xx || gt || lt)) {
            return Reply.error("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if (gt && lt) {
            return Reply.error("ERR GT and LT options at the same time are not compatible");
        }
        // Redis reads the options before the time, so an option error wins over a bad number.
        OptionalLong amount = Args.parseLong(args.get(2));
        if (amount.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        long v = amount.getAsLong();
        Long at;
        if (absolute) {
            at = v > Long.MAX_VALUE / unitMillis || v < Long.MIN_VALUE / unitMillis ? null : v * unitMillis;
        } else {
            at = Expiry.relative(v, unitMillis, ctx.now());
        }
        if (at == null) {
            return Errors.invalidExpire(command);
        }
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta == null) {
            return Reply.ZERO;
        }
        // A key without a TTL counts as expiring never: GT fails and LT succeeds against it.
        if ((nx && meta.hasExpiry()) || (xx && !meta.hasExpiry())
                || (gt && (!meta.hasExpiry() || at <= meta.expireAt()))
                || (lt && meta.hasExpiry() && at >= meta.expireAt())) {
            return Reply.ZERO;
        }
        if (at <= ctx.now()) {
            ctx.batch().delete(ctx.db(), key);
            ctx.notify(KeyspaceEventType.GENERIC, "del", key);
        } else {
            ctx.batch().put(ctx.db(), key, meta.withExpireAt(at));
            ctx.notify(KeyspaceEventType.GENERIC, "expire", key);
        }
        return Reply.ONE;
    }

    private static Reply ttl(SlotContext ctx, List<byte[]> args, boolean millis, boolean absolute) {
        KeyMeta meta = ctx.batch().get(ctx.db(), args.get(1));
        if (meta == null) {
            return Reply.integer(-2);
        }
        if (!meta.hasExpiry()) {
            return Reply.integer(-1);
        }
        // Seconds are rounded to the nearest, for EXPIRETIME as for TTL (Redis's ttlGenericCommand).
        long ttl = absolute ? meta.expireAt() : Math.max(0, meta.expireAt() - ctx.now());
        return Reply.integer(millis ? ttl : (ttl + 500) / 1000);
    }

    private static Reply persist(SlotContext ctx, List<byte[]> args) {
        KeyMeta meta = ctx.batch().get(ctx.db(), args.get(1));
        if (meta == null || !meta.hasExpiry()) {
            return Reply.ZERO;
        }
        ctx.batch().put(ctx.db(), args.get(1), meta.withExpireAt(0));
        ctx.notify(KeyspaceEventType.GENERIC, "persist", args.get(1));
        return Reply.ONE;
    }

    private static Reply rename(SlotContext ctx, List<byte[]> args, boolean nx) {
        byte[] src = args.get(1);
        byte[] dst = args.get(2);
        KeyMeta meta = ctx.batch().get(ctx.db(), src);
        if (meta == null) {
            return Errors.NO_SUCH_KEY;
        }
        if (Arrays.equals(src, dst)) {
            return nx ? Reply.ZERO : Reply.OK;
        }
        if (nx && ctx.batch().get(ctx.db(), dst) != null) {
            return Reply.ZERO;
        }
        ctx.batch().delete(ctx.db(), dst);
        ctx.batch().copy(ctx.db(), src, meta, ctx.db(), dst);
        ctx.batch().delete(ctx.db(), src);
        ctx.notify(KeyspaceEventType.GENERIC, "rename_from", src);
        ctx.notify(KeyspaceEventType.GENERIC, "rename_to", dst);
        return nx ? Reply.ONE : Reply.OK;
    }

    private static Reply copy(SlotContext ctx, List<byte[]> args) {
        byte[] src = args.get(1);
        byte[] dst = args.get(2);
        int dstDb = ctx.db();
        boolean replace = false;
        for (int i = 3; i < args.size(); i++) {
            String opt = Args.option(args.get(i));
            if (opt.equals("REPLACE")) {
                replace = true;
            } else if (opt.equals("DB") && i + 1 < args.size()) {
                OptionalLong db = Args.parseLong(args.get(++i));
                if (db.isEmpty()) {
                    return Errors.NOT_INTEGER;
                }
                if (db.getAsLong() < Integer.MIN_VALUE || db.getAsLong() > Integer.MAX_VALUE) {
                    return INT_OUT_OF_RANGE;
                }
                if (db.getAsLong() < 0 || db.getAsLong() >= ctx.databases()) {
                    return Reply.error("ERR DB index is out of range");
                }
                dstDb = (int) db.getAsLong();
            } else {
                return Errors.SYNTAX;
            }
        }
        if (dstDb == ctx.db() && Arrays.equals(src, dst)) {
            return Reply.error("ERR source and destination objects are the same");
        }
        KeyMeta meta = ctx.batch().get(ctx.db(), src);
        if (meta == null) {
            return Reply.ZERO;
        }
        if (ctx.batch().get(dstDb, dst) != null) {
            if (!replace) {
                return Reply.ZERO;
            }
            ctx.batch().delete(dstDb, dst);
        }
        ctx.batch().copy(ctx.db(), src, meta, dstDb, dst);
        return Reply.ONE;
    }

    /** MOVE key db: the key, with its TTL, to another database of the same slot, unless one is there. */
    private static Reply move(SlotContext ctx, List<byte[]> args) {
        OptionalLong db = Args.parseLong(args.get(2));
        if (db.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        if (db.getAsLong() < Integer.MIN_VALUE || db.getAsLong() > Integer.MAX_VALUE) {
            return INT_OUT_OF_RANGE;
        }
        if (db.getAsLong() < 0 || db.getAsLong() >= ctx.databases()) {
            return Reply.error("ERR DB index is out of range");
        }
        int dstDb = (int) db.getAsLong();
        if (dstDb == ctx.db()) {
            return Reply.error("ERR source and destination objects are the same");
        }
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta == null || ctx.batch().get(dstDb, key) != null) {
            return Reply.ZERO;
        }
        ctx.batch().copy(ctx.db(), key, meta, dstDb, key);
        ctx.batch().delete(ctx.db(), key);
        return Reply.ONE;
    }
}
