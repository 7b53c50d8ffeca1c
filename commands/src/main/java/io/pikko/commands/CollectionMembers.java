package io.pikko.commands;

import io.pikko.protocol.Args;
import io.pikko.protocol.Errors;
import io.pikko.protocol.KeyspaceEventType;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import java.util.List;
import java.util.OptionalLong;

/**
 * What hashes, sets and sorted sets share: removing members and keeping the count right, the
 * member count, and the optional count of a pop.
 */
final class CollectionMembers {
    static final Reply NOT_POSITIVE = Reply.error("ERR value is out of range, must be positive");

    private CollectionMembers() {}

    /** HDEL and SREM: removes the named members of a collection of {@code type}; answers how many were. */
    static Reply removeCommand(SlotContext ctx, List<byte[]> args, KeyType type) {
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta == null) {
            return Reply.ZERO;
        }
        if (meta.type() != type) {
            return Errors.WRONGTYPE;
        }
        long removed = remove(ctx, key, meta, args, 2);
        if (removed > 0) {
            ctx.notify(type == KeyType.HASH ? KeyspaceEventType.HASH : KeyspaceEventType.SET,
                    type == KeyType.HASH ? "hdel" : "srem", key);
            if (removed == meta.size()) {
                ctx.notify(KeyspaceEventType.GENERIC, "del", key);
            }
        }
        return Reply.integer(removed);
    }

    /** HLEN and SCARD: the member count of a collection of {@code type}, 0 when the key is absent. */
    static Reply countCommand(SlotContext ctx, List<byte[]> args, KeyType type) {
        KeyMeta meta = ctx.batch().get(ctx.db(), args.get(1));
        if (meta == null) {
            return Reply.ZERO;
        }
        return meta.type() != type ? Errors.WRONGTYPE : Reply.integer(meta.size());
    }

    /**
     * The optional count of SPOP, ZPOPMIN and ZPOPMAX at {@code args[2]}: 1 when absent, empty when
     * it is not an integer of at least 0 (the caller answers {@link #NOT_POSITIVE}).
     */
    static OptionalLong popCount(List<byte[]> args) {
        if (args.size() < 3) {
            return OptionalLong.of(1);
        }
        OptionalLong parsed = Args.parseLong(args.get(2));
        return parsed.isPresent() && parsed.getAsLong() >= 0 ? parsed : OptionalLong.empty();
    }

    /** Removes those of {@code args[from..]} that are members; returns how many were. */
    static long remove(SlotContext ctx, byte[] key, KeyMeta meta, List<byte[]> args, int from) {
        long removed = 0;
        for (int i = from; i < args.size(); i++) {
            if (ctx.batch().getMember(ctx.db(), key, meta, args.get(i)) != null) {
                ctx.batch().deleteMember(ctx.db(), key, meta, args.get(i));
                removed++;
            }
        }
        shrink(ctx, key, meta, removed);
        return removed;
    }

    /** Records that {@code removed} members are gone; a collection left empty stops existing, as in Redis. */
    static void shrink(SlotContext ctx, byte[] key, KeyMeta meta, long removed) {
        if (removed == meta.size()) {
            ctx.batch().delete(ctx.db(), key);
        } else if (removed > 0) {
            ctx.batch().put(ctx.db(), key, meta.withSize(meta.size() - removed));
        }
    }
}
