package io.pikko.commands;

import io.pikko.storage.KeyMeta;
import java.util.List;

/** Member bookkeeping that hashes and sets share: removing members and keeping the count right. */
final class CollectionMembers {
    private CollectionMembers() {}

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
