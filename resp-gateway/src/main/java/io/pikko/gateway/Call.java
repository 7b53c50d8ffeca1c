package io.pikko.gateway;

import io.pikko.protocol.Reply;
import java.util.List;
import java.util.function.Consumer;

/** One client request being served: its arguments, its connection, and the place its reply goes. */
final class Call {
    private final ClientConnection connection;
    private final String name;
    private final List<byte[]> args;
    private final ReplyQueue.Place place;
    private final Consumer<Reply> sink;
    private final long startNanos = System.nanoTime();

    Call(ClientConnection connection, String name, List<byte[]> args, ReplyQueue.Place place) {
        this(connection, name, args, place, null);
    }

    /** A call whose reply goes to {@code sink} instead of its place: a command EXEC runs, in EXEC's place. */
    Call(ClientConnection connection, String name, List<byte[]> args, ReplyQueue.Place place, Consumer<Reply> sink) {
        this.connection = connection;
        this.name = name;
        this.args = args;
        this.place = place;
        this.sink = sink;
    }

    String name() {
        return name;
    }

    List<byte[]> args() {
        return args;
    }

    byte[] arg(int i) {
        return args.get(i);
    }

    int argc() {
        return args.size();
    }

    ClientConnection connection() {
        return connection;
    }

    ClientSession session() {
        return connection.session();
    }

    GatewayContext gateway() {
        return connection.gateway();
    }

    SlotClient slots() {
        return connection.slots();
    }

    ReplyQueue.Place place() {
        return place;
    }

    /** Several replies, in order, to this one request; none of them an error. */
    void replyAll(List<Reply> replies) {
        connection.gateway().stats().commandDone(name, (System.nanoTime() - startNanos) / 1000, false);
        place.completeAll(replies);
        connection.afterReply();
    }

    void reply(Reply reply) {
        connection.gateway().stats().commandDone(name, (System.nanoTime() - startNanos) / 1000, reply.isError());
        if (sink != null) {
            sink.accept(reply);
            return;
        }
        place.complete(reply);
        connection.afterReply();
    }
}
