package io.pikko.commands;

import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import java.util.List;

/** BLMOVE and BRPOPLPUSH: LMOVE once the source list has an element. */
final class ListBlockingMove implements BlockingCall {
    private final byte[] source;
    private final byte[] destination;
    private final boolean fromLeft;
    private final boolean toLeft;
    private final long timeoutMillis;

    private ListBlockingMove(byte[] source, byte[] destination, boolean fromLeft, boolean toLeft, long timeoutMillis) {
        this.source = source;
        this.destination = destination;
        this.fromLeft = fromLeft;
        this.toLeft = toLeft;
        this.timeoutMillis = timeoutMillis;
    }

    /** BLMOVE {@code source destination LEFT|RIGHT LEFT|RIGHT timeout}. */
    static BlockingCall blmove(List<byte[]> args) {
        Boolean fromLeft = ListCommands.parseLeft(args.get(3));
        Boolean toLeft = ListCommands.parseLeft(args.get(4));
        if (fromLeft == null || toLeft == null) {
            return BlockingCommands.refused(Errors.SYNTAX);
        }
        return create(args, fromLeft, toLeft, args.get(5));
    }

    /** BRPOPLPUSH {@code source destination timeout}. */
    static BlockingCall brpoplpush(List<byte[]> args) {
        return create(args, false, true, args.get(3));
    }

    private static BlockingCall create(List<byte[]> args, boolean fromLeft, boolean toLeft, byte[] timeoutArg) {
        BlockingTimeout timeout = BlockingTimeout.parse(timeoutArg);
        if (timeout.error() != null) {
            return BlockingCommands.refused(timeout.error());
        }
        return new ListBlockingMove(args.get(1), args.get(2), fromLeft, toLeft, timeout.millis());
    }

    /** As Redis: only the source is checked before waiting; a bad destination shows when serving. */
    @Override
    public Reply attempt(SlotContext ctx) {
        KeyMeta meta = ctx.batch().get(ctx.db(), source);
        if (ListCommands.notList(meta)) {
            return Errors.WRONGTYPE;
        }
        return meta == null ? null : ListCommands.move(ctx, source, destination, fromLeft, toLeft);
    }

    @Override
    public Reply serve(SlotContext ctx, byte[] key) {
        KeyMeta meta = ctx.batch().get(ctx.db(), source);
        return meta == null || ListCommands.notList(meta) ? null : ListCommands.move(ctx, source, destination, fromLeft, toLeft);
    }

    /** Unlike the pops, Redis answers a null bulk string here. */
    @Override
    public Reply cannotWait() {
        return Reply.NIL;
    }

    @Override
    public List<byte[]> keys() {
        return List.of(source);
    }

    @Override
    public long timeoutMillis() {
        return timeoutMillis;
    }

    @Override
    public byte[] destination() {
        return destination;
    }
}
