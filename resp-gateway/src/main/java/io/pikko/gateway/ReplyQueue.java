package io.pikko.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.pikko.protocol.Reply;
import io.pikko.gateway.resp.RespEncoder;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Keeps a connection's replies in request order: each request takes a place when it is read, and
 * replies are written as soon as every earlier place is filled. A pub/sub message takes a place,
 * already filled, behind every request read before it came, so it is never written before an
 * earlier reply nor inside one. Used only on the event loop.
 */
final class ReplyQueue {
    /** The place of one request's reply. */
    final class Place {
        private Reply reply;
        private List<Reply> more = List.of();
        private int protocol;
        private boolean closeAfter;
        private boolean silent;

        private Place(int protocol) {
            this.protocol = protocol;
        }

        void complete(Reply value) {
            if (reply != null) {
                return;
            }
            reply = value;
            drain();
        }

        /** Several replies to one request, written one after the other (SUBSCRIBE a b: one per channel). */
        void completeAll(List<Reply> values) {
            if (reply != null) {
                return;
            }
            more = values.subList(1, values.size());
            complete(values.get(0));
        }

        /** The reply goes out in this protocol (HELLO answers in the protocol it switches to). */
        void protocol(int value) {
            protocol = value;
        }

        /** Close the connection once this reply is written (QUIT, protocol errors). */
        void closeAfter() {
            closeAfter = true;
        }

        /** Whether the reply is dropped; a dropped one still keeps its turn (CLIENT REPLY OFF and SKIP). */
        void silent(boolean value) {
            silent = value;
        }

        boolean done() {
            return reply != null;
        }
    }

    private final ChannelHandlerContext ctx;
    private final ArrayDeque<Place> places = new ArrayDeque<>();
    private long written;
    private boolean closing;

    ReplyQueue(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    Place open(int protocol) {
        Place place = new Place(protocol);
        places.addLast(place);
        return place;
    }

    /** A message for a subscribed client, written once every reply before it is. */
    void push(Reply message, int protocol) {
        open(protocol).complete(message);
    }

    /** Requests read whose replies are not yet written: the ones in flight, and the ones queued behind them. */
    int pending() {
        return places.size();
    }

    /** How many replies have been handed to the channel so far. */
    long written() {
        return written;
    }

    private void drain() {
        boolean wrote = false;
        while (!closing && !places.isEmpty() && places.peekFirst().done()) {
            Place head = places.pollFirst();
            if (head.silent && !head.closeAfter) {
                continue;
            }
            ByteBuf out = ctx.alloc().ioBuffer();
            RespEncoder.encode(head.reply, head.protocol, out);
            for (Reply next : head.more) {
                RespEncoder.encode(next, head.protocol, out);
            }
            ctx.write(out, ctx.voidPromise());
            written++;
            wrote = true;
            if (head.closeAfter) {
                closing = true;
                ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        if (wrote) {
            ctx.flush();
        }
    }
}
