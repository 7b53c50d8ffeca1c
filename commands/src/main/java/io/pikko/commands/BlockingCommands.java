package io.pikko.commands;

import io.pikko.protocol.Reply;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The commands that may wait for data: the slot entity runs them through {@link BlockingCall}
 * rather than as plain {@link SlotHandler}s, and the gateway gives them a deadline of their own.
 * As handlers they are registered too, in the form that never waits (Redis's inside MULTI or a
 * script), so that the table of implementations stays complete.
 */
public final class BlockingCommands {
    private static final Map<String, Function<List<byte[]>, BlockingCall>> CALLS = Map.of(
            "blpop", args -> ListBlockingPop.single(args, true),
            "brpop", args -> ListBlockingPop.single(args, false),
            "blmpop", ListBlockingPop::multi,
            "blmove", ListBlockingMove::blmove,
            "brpoplpush", ListBlockingMove::brpoplpush,
            "bzpopmin", args -> BlockingSortedSetPop.single(args, false),
            "bzpopmax", args -> BlockingSortedSetPop.single(args, true),
            "bzmpop", BlockingSortedSetPop::multi);

    private BlockingCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
        CALLS.forEach((name, parser) -> handlers.put(name, (ctx, args) -> withoutWaiting(ctx, parser.apply(args))));
    }

    private static Reply withoutWaiting(SlotContext ctx, BlockingCall call) {
        Reply reply = call.attempt(ctx);
        return reply != null ? reply : call.cannotWait();
    }

    /** The request as a blocking call, or empty when the command never blocks. */
    public static Optional<BlockingCall> call(String name, List<byte[]> args) {
        Function<List<byte[]>, BlockingCall> parser = CALLS.get(name);
        return parser == null ? Optional.empty() : Optional.of(parser.apply(args));
    }

    /**
     * How long the request may wait for data, in milliseconds, 0 for ever; -1 when it will not
     * wait (not a blocking command, or arguments it is refused for).
     */
    public static long waitMillis(String name, List<byte[]> args) {
        return call(name, args).filter(call -> !(call instanceof Refused)).map(BlockingCall::timeoutMillis).orElse(-1L);
    }

    /** A call that answers an error at once and never waits. */
    static BlockingCall refused(Reply error) {
        return new Refused(error);
    }

    private record Refused(Reply error) implements BlockingCall {
        @Override
        public Reply attempt(SlotContext ctx) {
            return error;
        }

        @Override
        public Reply serve(SlotContext ctx, byte[] key) {
            return error;
        }

        @Override
        public List<byte[]> keys() {
            return List.of();
        }

        @Override
        public long timeoutMillis() {
            return 0;
        }
    }
}
