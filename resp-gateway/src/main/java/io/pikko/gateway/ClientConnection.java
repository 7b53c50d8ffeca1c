package io.pikko.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.pikko.actors.ReplicaReads;
import io.pikko.protocol.Errors;
import io.pikko.protocol.NodeClock;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotReply;
import io.pikko.commands.BlockingCommands;
import io.pikko.protocol.CommandFlag;
import io.pikko.protocol.CommandSpec;
import io.pikko.protocol.CommandTable;
import io.pikko.gateway.resp.ProtocolError;
import io.pikko.gateway.resp.RespRequest;
import io.pikko.protocol.Route;
import io.pikko.protocol.SlotHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;

/**
 * One client connection: reads requests, checks them against the command table, routes them, and
 * lets the reply queue write the answers in request order. Runs on the connection's event loop.
 *
 * <p>Requests read wait here until they may run: while a blocking command (BLPOP, ...) is out, as
 * Redis leaves a blocked client's later commands unread until it is served; while the channel is
 * not writable, because the client does not read its replies; and while a window of requests is in
 * flight. The window keeps what a client that never reads can make the node hold to about the
 * window's replies: it starts small, grows by one for each reply the channel takes while writable,
 * and halves whenever the channel fills. Reading stops too while the channel is not writable or
 * many requests wait, so a client cannot make its queue grow either.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    /** Stop reading a pipelining client with this many requests unanswered, resume below the low mark. */
    private static final int HIGH_WATER = 4096;
    private static final int LOW_WATER = 1024;
    private static final int INITIAL_WINDOW = 32;
    private static final int MIN_WINDOW = 8;
    /** What a RESP2 client subscribed to anything may still run, as in Redis. */
    private static final Set<String> SUBSCRIBED_MODE = Set.of(
            "subscribe", "psubscribe", "ssubscribe", "unsubscribe", "punsubscribe", "sunsubscribe", "ping", "quit", "reset");

    private final GatewayContext gateway;
    private final OutputLimitWatch outputLimit = new OutputLimitWatch();
    private final Transaction transaction = new Transaction(this);
    private ChannelHandlerContext ctx;
    private ClientSession session;
    private ReplyQueue replies;
    private SlotClient slots;
    private Subscriptions subscriptions;
    private ActorRef<Object> bridge;
    private ScheduledFuture<?> ticks;
    private int window = INITIAL_WINDOW;
    private long repliesCounted;
    private boolean paused;
    private boolean closing;
    private boolean blockedCall;
    private boolean dispatching;
    private final ArrayDeque<Object> heldBack = new ArrayDeque<>();

    ClientConnection(GatewayContext gateway) {
        this.gateway = gateway;
    }

    GatewayContext gateway() {
        return gateway;
    }

    ClientSession session() {
        return session;
    }

    SlotClient slots() {
        return slots;
    }

    /** The connection's MULTI and WATCH state; RESET clears it with {@link Transaction#reset()}. */
    Transaction transaction() {
        return transaction;
    }

    /** The connection's channels and patterns; RESET clears them with {@link Subscriptions#clear()}. */
    Subscriptions subscriptions() {
        return subscriptions;
    }

    /** Runs {@code task} on this connection's event loop, where replies may be given. */
    void onEventLoop(Runnable task) {
        ctx.executor().execute(task);
    }

    /** Until AUTH succeeds Redis accepts only small requests; the decoder asks this per request. */
    boolean awaitingAuth() {
        return session != null && !session.authenticated() && gateway.config().passwordRequired();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (gateway.clients().size() >= gateway.config().maxClients()) {
            gateway.stats().connectionRejected();
            ctx.writeAndFlush(Unpooled.copiedBuffer("-ERR max number of clients reached\r\n", StandardCharsets.US_ASCII))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        gateway.stats().connectionAccepted();
        session = new ClientSession(gateway.clients().nextId(), ctx.channel(), !gateway.config().passwordRequired());
        session.onUnblock(this::unblock);
        gateway.clients().add(session);
        replies = new ReplyQueue(ctx);
        bridge = gateway.system().systemActorOf(
                ReplyBridge.create(reply -> ctx.executor().execute(() -> onSlotReply(reply))),
                "client-" + session.id(), Props.empty());
        slots = new SlotClient(gateway.router(), bridge.narrow(),
                answers -> ctx.executor().execute(() -> onSlotReplies(answers)),
                gateway.settings().requestTimeout().toNanos(), NodeClock.SYSTEM);
        ticks = ctx.executor().scheduleAtFixedRate(this::tick, 100, 100, TimeUnit.MILLISECONDS);
        subscriptions = new Subscriptions(gateway.pubsub(), (kind, name, push) -> ctx.executor().execute(() -> {
            if (subscriptions.wants(kind, name)) {
                replies.push(push, session.protocol());
            }
        }));
        session.subscriptions(subscriptions);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            // Cancel before leaving the client list, so that once the client is no longer listed no
            // element can be popped for it.
            slots.cancelBlocking();
            transaction.reset();
            subscriptions.clear();
            gateway.clients().remove(session);
            bridge.tell(ReplyBridge.Stop.INSTANCE);
            ticks.cancel(false);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (session == null || closing) {
            return;
        }
        if (msg instanceof ProtocolError) {
            // Counted on arrival: the decoder reads nothing after it, and the connection closes once it is answered.
            gateway.stats().protocolError();
        }
        session.interacted();
        // Run at the end of the read, so that the requests one read brought go out together.
        heldBack.add(msg);
        updateReading();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (session != null && !closing) {
            dispatch();
            updateReading();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (session != null && !closing) {
            if (ctx.channel().isWritable()) {
                // The client has read what piled up: that is activity, for the idle timeout.
                session.interacted();
            } else {
                window = Math.max(MIN_WINDOW, window / 2);
            }
            dispatch();
            updateReading();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** Runs the requests held back, in order, as far as they may run now. */
    private void dispatch() {
        if (dispatching) {
            // A reply given while a request runs lands here; the loop below goes on by itself.
            return;
        }
        dispatching = true;
        slots.hold();
        try {
            while (!blockedCall && !closing && !heldBack.isEmpty()
                    && ctx.channel().isWritable() && replies.pending() < window) {
                handle(heldBack.poll());
            }
        } finally {
            slots.release();
            dispatching = false;
        }
    }

    /** Reads while the channel takes replies and not too many requests are unanswered. */
    private void updateReading() {
        int unanswered = replies.pending() + heldBack.size();
        boolean read = !closing && ctx.channel().isWritable() && unanswered < (paused ? LOW_WATER : HIGH_WATER);
        if (read == paused) {
            paused = !read;
            ctx.channel().config().setAutoRead(read);
        }
    }

    /** Every 100 ms: requests past their time, and the output buffer and idle limits. */
    private void tick() {
        slots.tick();
        long now = System.currentTimeMillis();
        int timeout = gateway.config().idleTimeoutSeconds();
        // As in Redis, a client blocked in BLPOP and the like is not idle, nor one whose request runs.
        if (timeout > 0 && !blockedCall && replies.pending() == 0 && !closing
                && session.idleMillis(now) > timeout * 1000L) {
            closing = true;
            ctx.close();
            return;
        }
        enforceOutputLimit(now);
    }

    /** Closes the client when its pending output is past client-output-buffer-limit, as Redis does. */
    private void enforceOutputLimit(long now) {
        OutputBufferLimits limits = gateway.config().outputBufferLimits();
        // As Redis classes clients: a subscribed one is a pubsub client, whatever its protocol.
        OutputBufferLimits.Limit limit = subscriptions.active() ? limits.pubsub() : limits.normal();
        if (!closing && outputLimit.exceeded(limit, session.outputBytes(), now)) {
            LOG.warn("Client {} closed for overcoming of output buffer limits.", session.describe());
            closing = true;
            ctx.close();
        }
    }

    private void handle(Object msg) {
        if (msg instanceof ProtocolError error) {
            closing = true;
            ReplyQueue.Place place = replies.open(session.protocol());
            place.closeAfter();
            place.complete(Reply.error(error.message()));
        } else if (msg instanceof RespRequest request && !request.args().isEmpty()) {
            execute(request.args());
        }
    }

    /** The blocking command is answered: the requests held back meanwhile run, up to the next blocking one. */
    private void resumeAfterBlocking() {
        blockedCall = false;
        session.blocked(false);
        afterReply();
    }

    /**
     * RESET: forgets everything this connection set up, as Redis 7.0 does. Every piece of
     * per-connection state is cleared here, so a feature that adds some adds its clearing too.
     */
    void resetState() {
        transaction.reset();
        subscriptions.clear();
        session.reset(!gateway.config().passwordRequired());
    }

    /** Answers this request and then closes; later requests on the connection are not run (QUIT). */
    void closeAfter(Call call, Reply reply) {
        closing = true;
        call.place().closeAfter();
        call.reply(reply);
    }

    private void onSlotReply(SlotReply reply) {
        slots.hold();
        try {
            slots.onReply(reply);
        } finally {
            slots.release();
        }
    }

    /** A local slot's answers to a batch; requests their callbacks send meanwhile go out together. */
    private void onSlotReplies(List<SlotReply> answers) {
        slots.hold();
        try {
            for (SlotReply reply : answers) {
                slots.onReply(reply);
            }
        } finally {
            slots.release();
        }
    }

    /** After a reply: the window grows by the replies the channel took while writable, and waiting requests may run. */
    void afterReply() {
        long written = replies.written();
        if (ctx.channel().isWritable()) {
            window = (int) Math.min(HIGH_WATER, window + (written - repliesCounted));
        }
        repliesCounted = written;
        enforceOutputLimit(System.currentTimeMillis());
        dispatch();
        updateReading();
    }

    private void execute(List<byte[]> args) {
        String name = new String(args.get(0), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        ReplyQueue.Place place = replies.open(session.protocol());
        place.silent(session.dropsReply());
        Call call = new Call(this, name, args, place);
        CommandSpec spec = CommandTable.lookup(name).orElse(null);
        if (spec == null) {
            transaction.refused();
            place.complete(unknownCommand(args));
            return;
        }
        session.touched(name);
        if (awaitingAuth() && !spec.hasFlag(CommandFlag.NO_AUTH)) {
            gateway.stats().commandRejected(name);
            transaction.refused();
            place.complete(Errors.NOAUTH);
            return;
        }
        if (!spec.arityAccepts(args.size())) {
            gateway.stats().commandRejected(name);
            transaction.refused();
            place.complete(Errors.wrongArity(name));
            return;
        }
        if (subscriptions.active() && session.protocol() == 2 && !SUBSCRIBED_MODE.contains(name)) {
            gateway.stats().commandRejected(name);
            transaction.refused();
            place.complete(Reply.error("ERR Can't execute '" + fullName(spec, args)
                    + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"));
            return;
        }
        if (spec.hasFlag(CommandFlag.WRITE) && gateway.replication().isReplica()) {
            gateway.stats().commandRejected(name);
            transaction.refused();
            place.complete(ReplicaReads.READONLY);
            return;
        }
        boolean mayWrite = !spec.hasFlag(CommandFlag.READONLY);
        int[] positions = mayWrite || spec.route() == Route.SLOT ? spec.keyPositions(args) : null;
        if (mayWrite) {
            for (int position : positions) {
                session.mayHaveWritten(SlotHash.slotOf(args.get(position)));
            }
        }
        if (transaction.handles(call, spec)) {
            return;
        }
        switch (spec.route()) {
            case CONNECTION -> ConnectionCommands.run(call);
            case SLOT -> runOnSlot(call, spec, positions);
            case SPLIT -> SplitCommands.run(call);
            case ALL_SLOTS -> KeyspaceCommands.run(call);
        }
    }

    private void runOnSlot(Call call, CommandSpec spec, int[] positions) {
        // A keyless form (OBJECT HELP, a bad numkeys) runs anywhere; slot 0 will do.
        int slot = positions.length == 0 ? 0 : SlotHash.slotOf(call.arg(positions[0]));
        for (int i = 1; i < positions.length; i++) {
            if (SlotHash.slotOf(call.arg(positions[i])) != slot) {
                call.reply(Errors.crossSlot());
                return;
            }
        }
        SlotOp op = new SlotOp.RunCommand(session.db(), call.name(), call.args());
        long waitMillis = spec.hasFlag(CommandFlag.BLOCKING) ? BlockingCommands.waitMillis(call.name(), call.args()) : -1;
        if (waitMillis < 0) {
            slots.ask(slot, op, call::reply);
            return;
        }
        blockedCall = true;
        session.blocked(true);
        slots.askBlocking(slot, op, waitMillis, reply -> {
            call.reply(reply);
            resumeAfterBlocking();
        });
    }

    /** CLIENT UNBLOCK: a blocking command waiting at its slot is answered now. */
    private void unblock(boolean error) {
        if (blockedCall) {
            slots.unblock(error);
        }
    }

    /** Redis's name for a command in errors: "client|list" for a container's subcommand. */
    private static String fullName(CommandSpec spec, List<byte[]> args) {
        if (spec.summary().startsWith("A container for") && args.size() > 1) {
            return spec.name() + "|" + new String(args.get(1), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        }
        return spec.name();
    }

    /** Redis's text: the name and the first arguments, up to 128 characters, quoted. */
    private static Reply unknownCommand(List<byte[]> args) {
        StringBuilder rest = new StringBuilder();
        for (int i = 1; i < args.size() && rest.length() < 128; i++) {
            String arg = new String(args.get(i), StandardCharsets.UTF_8);
            rest.append('\'').append(arg, 0, Math.min(arg.length(), 128 - rest.length())).append("' ");
        }
        String name = new String(args.get(0), StandardCharsets.UTF_8);
        return Reply.error("ERR unknown command '" + (name.length() > 128 ? name.substring(0, 128) : name)
                + "', with args beginning with: " + rest);
    }
}
