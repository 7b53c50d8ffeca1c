package io.pikko.commands;

import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import java.util.ArrayList;
import java.util.List;

/** BZPOPMIN, BZPOPMAX and BZMPOP: pop from the first of the keys that holds a sorted set. */
final class BlockingSortedSetPop implements BlockingCall {
    private final List<byte[]> keys;
    private final boolean max;
    private final long count;
    /** BZMPOP's {@code [key, [[member, score], ...]]} rather than BZPOPMIN's {@code [key, member, score]}. */
    private final boolean nested;
    private final long timeoutMillis;

    private BlockingSortedSetPop(List<byte[]> keys, boolean max, long count, boolean nested, long timeoutMillis) {
        this.keys = keys;
        this.max = max;
        this.count = count;
        this.nested = nested;
        this.timeoutMillis = timeoutMillis;
    }

    /** BZPOPMIN or BZPOPMAX {@code key [key ...] timeout}. */
    static BlockingCall single(List<byte[]> args, boolean max) {
        BlockingTimeout timeout = BlockingTimeout.parse(args.get(args.size() - 1));
        if (timeout.error() != null) {
            return BlockingCommands.refused(timeout.error());
        }
        return new BlockingSortedSetPop(args.subList(1, args.size() - 1), max, 1, false, timeout.millis());
    }

    /** BZMPOP {@code timeout numkeys key [key ...] MIN|MAX [COUNT count]}. */
    static BlockingCall multi(List<byte[]> args) {
        ListMpopArgs parsed = ListMpopArgs.parse(args, 2, "MIN", "MAX");
        if (parsed.error() != null) {
            return BlockingCommands.refused(parsed.error());
        }
        BlockingTimeout timeout = BlockingTimeout.parse(args.get(1));
        if (timeout.error() != null) {
            return BlockingCommands.refused(timeout.error());
        }
        return new BlockingSortedSetPop(parsed.keys(), !parsed.first(), parsed.count(), true, timeout.millis());
    }

    @Override
    public Reply attempt(SlotContext ctx) {
        for (byte[] key : keys) {
            KeyMeta meta = ctx.batch().get(ctx.db(), key);
            if (meta != null && meta.type() != KeyType.ZSET) {
                return Errors.WRONGTYPE;
            }
            if (meta != null) {
                return pop(ctx, key);
            }
        }
        return null;
    }

    @Override
    public Reply serve(SlotContext ctx, byte[] key) {
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        return meta == null || meta.type() != KeyType.ZSET ? null : pop(ctx, key);
    }

    private Reply pop(SlotContext ctx, byte[] key) {
        // ZPOPMIN's answer with a count: member, score, ... as RESP3-aware pairs or a plain flat array.
        Reply popped = SortedSetCommands.zpop(ctx, key, max, count);
        List<Reply> flat;
        if (popped instanceof Reply.Pairs pairs) {
            flat = pairs.flat();
        } else if (popped instanceof Reply.Array array) {
            flat = array.items();
        } else {
            return popped;
        }
        if (!nested) {
            List<Reply> items = new ArrayList<>(flat.size() + 1);
            items.add(Reply.bulk(key));
            items.addAll(flat);
            return Reply.array(items);
        }
        List<Reply> pairs = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            pairs.add(Reply.array(List.of(flat.get(i), flat.get(i + 1))));
        }
        return Reply.array(List.of(Reply.bulk(key), Reply.array(pairs)));
    }

    @Override
    public List<byte[]> keys() {
        return keys;
    }

    @Override
    public long timeoutMillis() {
        return timeoutMillis;
    }
}
