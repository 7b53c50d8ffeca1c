package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyCodec;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * DUMP and RESTORE in Redis 7.0's payload format, so values move between Pikko and Redis both
 * ways. Also registers OBJECT and SORT, which share the readers of whole collections.
 */
final class DumpCommands {
    private static final Reply BUSYKEY = Reply.error("BUSYKEY Target key name already exists.");
    private static final Reply BAD_PAYLOAD = Reply.error("ERR DUMP payload version or checksum are wrong");
    private static final Reply BAD_DATA = Reply.error("ERR Bad data format");
    private static final int FOOTER = 10;

    private DumpCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
        handlers.put("dump", DumpCommands::dump);
        handlers.put("restore", DumpCommands::restore);
        ObjectCommand.register(handlers);
        SortCommand.register(handlers);
    }

    private static Reply dump(SlotContext ctx, List<byte[]> args) {
        KeyMeta meta = ctx.batch().get(ctx.db(), args.get(1));
        return meta == null ? Reply.NIL : Reply.bulk(DumpEncoder.encode(ctx, args.get(1), meta));
    }

    /** RESTORE key ttl payload [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency], checked in Redis's order. */
    private static Reply restore(SlotContext ctx, List<byte[]> args) {
        boolean replace = false;
        boolean absolute = false;
        boolean idleTime = false;
        boolean frequency = false;
        for (int i = 4; i < args.size(); i++) {
            String option = Args.option(args.get(i));
            boolean hasValue = i + 1 < args.size();
            if (option.equals("REPLACE")) {
                replace = true;
            } else if (option.equals("ABSTTL")) {
                absolute = true;
            } else if (option.equals("IDLETIME") && hasValue && !frequency) {
                OptionalLong idle = Args.parseLong(args.get(++i));
                if (idle.isEmpty()) {
                    return Errors.NOT_INTEGER;
                }
                if (idle.getAsLong() < 0) {
                    return Reply.error("ERR Invalid IDLETIME value, must be >= 0");
                }
                idleTime = true;
            } else if (option.equals("FREQ") && hasValue && !idleTime) {
                OptionalLong freq = Args.parseLong(args.get(++i));
                if (freq.isEmpty()) {
                    return Errors.NOT_INTEGER;
                }
                if (freq.getAsLong() < 0 || freq.getAsLong() > 255) {
                    return Reply.error("ERR Invalid FREQ value, must be >= 0 and <= 255");
                }
                frequency = true;
            } else {
                return Errors.SYNTAX;
            }
        }
        byte[] key = args.get(1);
        if (!replace && ctx.batch().get(ctx.db(), key) != null) {
            return BUSYKEY;
        }
        OptionalLong ttl = Args.parseLong(args.get(2));
        if (ttl.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        if (ttl.getAsLong() < 0) {
            return Reply.error("ERR Invalid TTL value, must be >= 0");
        }
        byte[] payload = args.get(3);
        if (!footerValid(payload)) {
            return BAD_PAYLOAD;
        }
        RdbValue value = RdbReader.read(payload);
        if (value == null) {
            return BAD_DATA;
        }
        if (replace) {
            ctx.batch().delete(ctx.db(), key);
        }
        // A relative TTL is added as Redis adds it, overflow included; 0 means none.
        long expireAt = ttl.getAsLong() == 0 ? 0 : absolute ? ttl.getAsLong() : ttl.getAsLong() + ctx.now();
        if (ttl.getAsLong() != 0 && expireAt <= ctx.now()) {
            return Reply.OK;
        }
        store(ctx, key, value, expireAt);
        return Reply.OK;
    }

    /** Redis's verifyDumpPayload: an RDB version no newer than ours and a matching CRC-64. */
    private static boolean footerValid(byte[] payload) {
        if (payload.length < FOOTER) {
            return false;
        }
        int version = (int) RdbListpack.littleEndian(payload, payload.length - FOOTER, 2);
        long crc = RdbListpack.littleEndian(payload, payload.length - 8, 8);
        return version <= RdbWriter.VERSION && crc == RdbCrc64.of(payload, 0, payload.length - 8);
    }

    /** Writes a restored value under {@code key} (absent by now) in the collection layout every command shares. */
    private static void store(SlotContext ctx, byte[] key, RdbValue value, long expireAt) {
        int db = ctx.db();
        KeyMeta meta;
        if (value instanceof RdbValue.Str s) {
            meta = KeyMeta.string(s.value(), expireAt);
        } else if (value instanceof RdbValue.ListValue list) {
            meta = ctx.batch().newCollection(KeyType.LIST, expireAt);
            for (int i = 0; i < list.elements().size(); i++) {
                ctx.batch().putMember(db, key, meta, KeyCodec.sortableIndex(i), list.elements().get(i));
            }
            meta = meta.withListBounds(0, list.elements().size());
        } else if (value instanceof RdbValue.SetValue set) {
            meta = ctx.batch().newCollection(KeyType.SET, expireAt);
            for (byte[] member : set.members()) {
                ctx.batch().putMember(db, key, meta, member, new byte[0]);
            }
            meta = meta.withSize(set.members().size());
        } else if (value instanceof RdbValue.HashValue hash) {
            meta = ctx.batch().newCollection(KeyType.HASH, expireAt);
            List<byte[]> items = hash.fieldsAndValues();
            for (int i = 0; i < items.size(); i += 2) {
                ctx.batch().putMember(db, key, meta, items.get(i), items.get(i + 1));
            }
            meta = meta.withSize(items.size() / 2);
        } else {
            RdbValue.ZSetValue zset = (RdbValue.ZSetValue) value;
            meta = ctx.batch().newCollection(KeyType.ZSET, expireAt);
            for (int i = 0; i < zset.members().size(); i++) {
                SortedSetRecords.put(ctx, key, meta, zset.members().get(i), zset.scores().get(i), null);
            }
            meta = meta.withSize(zset.members().size());
        }
        ctx.batch().put(db, key, meta);
    }
}
