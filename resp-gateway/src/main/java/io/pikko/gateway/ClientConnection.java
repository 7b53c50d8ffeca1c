package io.pikko.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
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
import io.pikko.protocol.SlotHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;

/**
 * One client connection: reads requests, checks them against the command table, routes them, and
 * lets the reply queue write the answers in request order. Runs on the connection's event loop.
 *
 * <p>While a blocking command (BLPOP, ...) is out, the requests read after it wait here, as Redis
 * leaves a blocked client's later commands unread until it is served.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {
    /** Stop reading a pipelining client with this many replies outstanding, resume below the low mark. */
    private static final int HIGH_WATER = 4096;
    private static final int LOW_WATER = 1024;

    private final GatewayContext gateway;
    private ChannelHandlerContext ctx;
    private ClientSession session;
    private ReplyQueue replies;
    private SlotClient slots;
    private ActorRef<Object> bridge;
    private ScheduledFuture<?> timeoutSweep;
    private boolean paused;
    private boolean closing;
    private boolean blockedCall;
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
        gateway.clients().add(session);
        replies = new ReplyQueue(ctx);
        bridge = gateway.system().systemActorOf(
                ReplyBridge.create(reply -> ctx.executor().execute(() -> onSlotReply(reply))),
                "client-" + session.id(), Props.empty());
        slots = new SlotClient(gateway.router(), bridge.narrow(),
                gateway.settings().requestTimeout().toNanos(), NodeClock.SYSTEM);
        timeoutSweep = ctx.executor().scheduleAtFixedRate(slots::tick, 100, 100, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            // Cancel before leaving the client list, so that once the client is no longer listed no
            // element can be popped for it.
            slots.cancelBlocking();
            gateway.clients().remove(session);
            bridge.tell(ReplyBridge.Stop.INSTANCE);
            timeoutSweep.cancel(false);
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
        if (blockedCall) {
            heldBack.add(msg);
        } else {
            handle(msg);
        }
        if (!paused && replies.pending() + heldBack.size() >= HIGH_WATER) {
            paused = true;
            ctx.channel().config().setAutoRead(false);
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
        while (!blockedCall && !closing && !heldBack.isEmpty()) {
            handle(heldBack.poll());
        }
        afterReply();
    }

    /** Answers this request and then closes; later requests on the connection are not run (QUIT). */
    void closeAfter(Call call, Reply reply) {
        closing = true;
        call.place().closeAfter();
        call.reply(reply);
    }

    private void onSlotReply(SlotReply reply) {
        slots.onReply(reply);
    }

    void afterReply() {
        if (paused && replies.pending() + heldBack.size() < LOW_WATER) {
            paused = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void execute(List<byte[]> args) {
        String name = new String(args.get(0), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        ReplyQueue.Place place = replies.open(session.protocol());
        Call call = new Call(this, name, args, place);
        CommandSpec spec = CommandTable.lookup(name).orElse(null);
        if (spec == null) {
            place.complete(unknownCommand(args));
            return;
        }
        session.touched(name);
        if (awaitingAuth() && !spec.hasFlag(CommandFlag.NO_AUTH)) {
            gateway.stats().commandRejected(name);
            place.complete(Errors.NOAUTH);
            return;
        }
        if (!spec.arityAccepts(args.size())) {
            gateway.stats().commandRejected(name);
            place.complete(Errors.wrongArity(name));
            return;
        }
        switch (spec.route()) {
            case CONNECTION -> ConnectionCommands.run(call);
            case SLOT -> runOnSlot(call, spec);
            case SPLIT -> SplitCommands.run(call);
            case ALL_SLOTS -> KeyspaceCommands.run(call);
        }
    }

    private void runOnSlot(Call call, CommandSpec spec) {
        int[] positions = spec.keyPositions(call.args());
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
        slots.askBlocking(slot, op, waitMillis, reply -> {
            call.reply(reply);
            resumeAfterBlocking();
        });
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
