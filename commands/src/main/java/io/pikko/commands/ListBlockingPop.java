package io.pikko.commands;

import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import java.util.List;

/** BLPOP, BRPOP and BLMPOP: pop from the first of the keys that holds a list. */
final class ListBlockingPop implements BlockingCall {
    private final List<byte[]> keys;
    private final boolean left;
    /** Elements to pop (BLMPOP), or -1 for the single element of BLPOP and BRPOP. */
    private final long count;
    private final long timeoutMillis;

    private ListBlockingPop(List<byte[]> keys, boolean left, long count, long timeoutMillis) {
        this.keys = keys;
        this.left = left;
        this.count = count;
        this.timeoutMillis = timeoutMillis;
    }

    /** BLPOP or BRPOP {@code key [key ...] timeout}. */
    static BlockingCall single(List<byte[]> args, boolean left) {
        BlockingTimeout timeout = BlockingTimeout.parse(args.get(args.size() - 1));
        if (timeout.error() != null) {
            return BlockingCommands.refused(timeout.error());
        }
        return new ListBlockingPop(args.subList(1, args.size() - 1), left, -1, timeout.millis());
    }

    /** BLMPOP {@code timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]}. */
    static BlockingCall multi(List<byte[]> args) {
        ListMpopArgs parsed = ListMpopArgs.parse(args, 2, "LEFT", "RIGHT");
        if (parsed.error() != null) {
            return BlockingCommands.refused(parsed.error());
        }
        BlockingTimeout timeout = BlockingTimeout.parse(args.get(1));
        if (timeout.error() != null) {
            return BlockingCommands.refused(timeout.error());
        }
        return new ListBlockingPop(parsed.keys(), parsed.first(), parsed.count(), timeout.millis());
    }

    @Override
    public Reply attempt(SlotContext ctx) {
        for (byte[] key : keys) {
            KeyMeta meta = ctx.batch().get(ctx.db(), key);
            if (ListCommands.notList(meta)) {
                return Errors.WRONGTYPE;
            }
            if (meta != null) {
                return pop(ctx, key, meta);
            }
        }
        return null;
    }

    @Override
    public Reply serve(SlotContext ctx, byte[] key) {
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        return meta == null || ListCommands.notList(meta) ? null : pop(ctx, key, meta);
    }

    private Reply pop(SlotContext ctx, byte[] key, KeyMeta meta) {
        if (count < 0) {
            byte[] element = ListRecords.pop(ctx, key, meta, 1, left).get(0);
            return Reply.array(List.of(Reply.bulk(key), Reply.bulk(element)));
        }
        return ListCommands.popWithKey(ctx, key, meta, left, count);
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
