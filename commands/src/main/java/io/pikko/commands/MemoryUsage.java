package io.pikko.commands;

import io.pikko.protocol.Args;
import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyCodec;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import io.pikko.storage.MemberCursor;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * MEMORY USAGE key [SAMPLES n]: the bytes the key's records take in RocksDB before compression,
 * its metadata record and one record per member (two for a sorted set member, which is kept by
 * name and by score), keys and values. As Redis does, it reads the first {@code n} members (5 by
 * default, all for 0) and counts the rest as their average. The gateway answers MEMORY's other
 * subcommands; it sends only USAGE here.
 */
final class MemoryUsage {
    private static final int DEFAULT_SAMPLES = 5;

    private MemoryUsage() {}

    static void register(Map<String, SlotHandler> handlers) {
        handlers.put("memory", MemoryUsage::usage);
    }

    private static Reply usage(SlotContext ctx, List<byte[]> args) {
        long samples = DEFAULT_SAMPLES;
        for (int i = 3; i < args.size(); i++) {
            if (Args.option(args.get(i)).equals("SAMPLES") && i + 1 < args.size()) {
                OptionalLong n = Args.parseLong(args.get(++i));
                if (n.isEmpty()) {
                    return Errors.NOT_INTEGER;
                }
                if (n.getAsLong() < 0) {
                    return Errors.SYNTAX;
                }
                samples = n.getAsLong() == 0 ? Long.MAX_VALUE : n.getAsLong();
            } else {
                return Errors.SYNTAX;
            }
        }
        byte[] key = args.get(2);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta == null) {
            return Reply.NIL;
        }
        long bytes = KeyCodec.PREFIX + key.length + meta.encode().length;
        if (!meta.isCollection() || meta.size() == 0) {
            return Reply.integer(bytes);
        }
        long memberPrefix = KeyCodec.PREFIX + 4 + key.length + 8;
        long sampled = 0;
        long sampledBytes = 0;
        try (MemberCursor cursor = ctx.batch().members(ctx.db(), key, meta).seekFirst()) {
            for (; cursor.valid() && sampled < samples; cursor.next(), sampled++) {
                sampledBytes += memberPrefix + cursor.suffix().length + cursor.value().length;
                if (meta.type() == KeyType.ZSET) {
                    // The score record: the prefix, 8 bytes of score, the member.
                    sampledBytes += memberPrefix + Double.BYTES + cursor.suffix().length;
                }
            }
        }
        if (sampled == 0) {
            return Reply.integer(bytes);
        }
        return Reply.integer(bytes + Math.round((double) sampledBytes / sampled * meta.size()));
    }
}
