package io.pikko.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.pikko.protocol.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A connection's replies in request order, on a real Netty channel (an embedded one, no socket). */
class ReplyQueueTest {
    private EmbeddedChannel channel;
    private ReplyQueue replies;

    @BeforeEach
    void open() {
        channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        ChannelHandlerContext ctx = channel.pipeline().firstContext();
        replies = new ReplyQueue(ctx);
    }

    /** Everything written to the client so far, as text. */
    private String written() {
        StringBuilder out = new StringBuilder();
        for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
            out.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return out.toString();
    }

    @Test
    void repliesLeaveInRequestOrderHoweverTheyArrive() {
        List<ReplyQueue.Place> places = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            places.add(replies.open(2));
        }
        places.get(2).complete(Reply.integer(2));
        places.get(1).complete(Reply.integer(1));
        assertEquals("", written(), "the first request is not answered yet");
        assertEquals(4, replies.pending());

        places.get(0).complete(Reply.integer(0));
        assertEquals(":0\r\n:1\r\n:2\r\n", written(), "the first answer lets the ones behind it out");
        assertEquals(1, replies.pending());

        places.get(3).complete(Reply.integer(3));
        assertEquals(":3\r\n", written());
        assertEquals(0, replies.pending());
    }

    @Test
    void aPushWaitsBehindRepliesPendingAndIsNeverCutIntoOne() {
        ReplyQueue.Place get = replies.open(3);
        ReplyQueue.Place subscribe = replies.open(3);
        subscribe.completeAll(List.of(
                new Reply.Push(List.of(Reply.bulk("subscribe"), Reply.bulk("a"), Reply.integer(1))),
                new Reply.Push(List.of(Reply.bulk("subscribe"), Reply.bulk("b"), Reply.integer(2)))));
        replies.push(new Reply.Push(List.of(Reply.bulk("message"), Reply.bulk("a"), Reply.bulk("m"))), 3);
        assertEquals("", written(), "everything waits for the first reply");
        get.complete(Reply.bulk("v"));
        assertEquals("$1\r\nv\r\n"
                + ">3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n>3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n"
                + ">3\r\n$7\r\nmessage\r\n$1\r\na\r\n$1\r\nm\r\n", written());
        replies.push(new Reply.Push(List.of(Reply.bulk("message"), Reply.bulk("a"), Reply.bulk("n"))), 2);
        assertEquals("*3\r\n$7\r\nmessage\r\n$1\r\na\r\n$1\r\nn\r\n", written(), "RESP2 sends a push as an array");
        assertEquals(0, replies.pending());
    }

    @Test
    void aPlaceTakesOnlyItsFirstReply() {
        ReplyQueue.Place place = replies.open(2);
        place.complete(Reply.OK);
        place.complete(Reply.error("ERR late"));
        assertEquals("+OK\r\n", written());
    }

    @Test
    void eachReplyIsWrittenInItsOwnProtocol() {
        ReplyQueue.Place before = replies.open(2);
        ReplyQueue.Place hello = replies.open(2);
        hello.protocol(3);
        ReplyQueue.Place after = replies.open(3);
        after.complete(Reply.NIL);
        hello.complete(Reply.NIL);
        before.complete(Reply.NIL);
        assertEquals("$-1\r\n_\r\n_\r\n", written());
    }

    @Test
    void afterAReplyThatClosesNothingMoreIsWrittenAndTheConnectionCloses() {
        ReplyQueue.Place first = replies.open(2);
        ReplyQueue.Place quit = replies.open(2);
        ReplyQueue.Place afterQuit = replies.open(2);
        quit.closeAfter();
        afterQuit.complete(Reply.integer(9));
        quit.complete(Reply.OK);
        assertTrue(channel.isOpen(), "QUIT's reply waits for the one before it");
        first.complete(Reply.integer(1));
        channel.runPendingTasks();
        assertEquals(":1\r\n+OK\r\n", written());
        assertFalse(channel.isOpen());
    }

    @Test
    void repliesCompletedAfterTheClientWentAwayAreDropped() {
        ReplyQueue.Place waiting = replies.open(2);
        channel.close();
        waiting.complete(Reply.OK);
        channel.runPendingTasks();
        assertNull(channel.readOutbound(), "nothing reaches a closed connection");
        assertEquals(0, replies.pending());
    }
}
