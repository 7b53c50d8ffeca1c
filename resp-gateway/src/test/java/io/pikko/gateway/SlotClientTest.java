package io.pikko.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.pikko.actors.SlotEntity;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotReply;
import io.pikko.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection's requests to slots, with a probe standing in for the shard region and a manual
 * clock; {@link SlotClient#tick} is what the connection's event loop runs every 100 ms.
 */
class SlotClientTest {
    private static final ActorTestKit testKit = ActorTestKit.create();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TICK = Duration.ofMillis(100);
    /** How long a probe is watched for a message that must not come; sends to it are local and immediate. */
    private static final Duration QUIET = Duration.ofMillis(100);
    private static final Reply TRYAGAIN = Reply.error("TRYAGAIN slot 5 is moving");

    private final ManualClock clock = new ManualClock(1_000_000);
    private final Slots slots = new Slots();
    private TestProbe<ShardingEnvelope<SlotEntity.Command>> region;
    private TestProbe<SlotReply> replyTo;
    private SlotClient client;

    /** Which slots are served and which changed owner a moment ago, as the node's topology view says. */
    private static final class Slots implements SlotAvailability {
        final Set<Integer> unserved = new HashSet<>();
        final Set<Integer> moved = new HashSet<>();

        @Override
        public boolean isServed(int slot) {
            return !unserved.contains(slot);
        }

        @Override
        public boolean movedRecently(int slot) {
            return moved.contains(slot);
        }
    }

    @BeforeEach
    void start() {
        region = testKit.createTestProbe();
        replyTo = testKit.createTestProbe();
        client = new SlotClient(new SlotRouter(region.ref(), slots), replyTo.ref(),
                answers -> answers.forEach(replyTo.ref()::tell), TIMEOUT.toNanos(), clock);
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    /** The request the region got next, checked to be for {@code slot} and {@code op}. */
    private SlotEntity.Request sent(int slot, SlotOp op) {
        ShardingEnvelope<SlotEntity.Command> envelope = region.receiveMessage();
        assertEquals(Integer.toString(slot), envelope.entityId());
        SlotEntity.Request request = assertInstanceOf(SlotEntity.Request.class, envelope.message());
        assertSame(op, request.op());
        assertEquals(replyTo.ref(), request.replyTo());
        return request;
    }

    private void tick(Duration after) {
        clock.advance(after);
        client.tick();
    }

    @Test
    void eachReplyGoesToItsOwnRequestWhateverTheOrder() {
        SlotOp first = new SlotOp.CountKeys(0);
        SlotOp second = new SlotOp.CountKeys(1);
        List<Reply> firstReplies = new ArrayList<>();
        List<Reply> secondReplies = new ArrayList<>();
        client.ask(5, first, firstReplies::add);
        client.ask(9, second, secondReplies::add);
        long firstId = sent(5, first).requestId();
        long secondId = sent(9, second).requestId();
        assertEquals(2, client.inFlight());

        client.onReply(new SlotReply(secondId, Reply.integer(2)));
        assertEquals(List.of(), firstReplies);
        assertEquals(List.of(Reply.integer(2)), secondReplies);
        client.onReply(new SlotReply(firstId, Reply.integer(1)));
        assertEquals(List.of(Reply.integer(1)), firstReplies);

        client.onReply(new SlotReply(firstId, Reply.integer(99)));
        client.onReply(new SlotReply(12345, Reply.integer(99)));
        assertEquals(List.of(Reply.integer(1)), firstReplies, "a second answer to a request is dropped");
        assertEquals(List.of(Reply.integer(2)), secondReplies);
        assertEquals(0, client.inFlight());
    }

    @Test
    void aRequestNotAnsweredWithinTheTimeoutFailsAndItsLateAnswerIsDropped() {
        SlotOp op = new SlotOp.CountKeys(0);
        List<Reply> replies = new ArrayList<>();
        client.ask(5, op, replies::add);
        long id = sent(5, op).requestId();

        tick(TIMEOUT.minusMillis(1));
        assertEquals(List.of(), replies, "still within its time");
        tick(Duration.ofMillis(1));
        assertEquals(List.of(Reply.error("ERR timeout: slot 5 was not served within 5000 ms")), replies);
        assertEquals(0, client.inFlight());

        client.onReply(new SlotReply(id, Reply.integer(7)));
        assertEquals(1, replies.size(), "the late answer is dropped");
        region.expectNoMessage(QUIET);
    }

    @Test
    void tryagainIsNotPassedOnButSentAgainAtEachTickUntilAnswered() {
        SlotOp op = new SlotOp.CountKeys(0);
        List<Reply> replies = new ArrayList<>();
        client.ask(5, op, replies::add);
        long id = sent(5, op).requestId();

        for (int round = 0; round < 5; round++) {
            client.onReply(new SlotReply(id, TRYAGAIN));
            region.expectNoMessage(QUIET);
            tick(TICK);
            assertEquals(id, sent(5, op).requestId(), "the same request, under the same id, round " + round);
            assertEquals(List.of(), replies);
        }
        client.onReply(new SlotReply(id, Reply.OK));
        assertEquals(List.of(Reply.OK), replies);
        tick(TICK);
        region.expectNoMessage(QUIET);
    }

    @Test
    void tryagainUntilTheTimeoutEndsInTheTimeoutError() {
        SlotOp op = new SlotOp.CountKeys(0);
        List<Reply> replies = new ArrayList<>();
        client.ask(5, op, replies::add);
        long id = sent(5, op).requestId();

        long ticks = TIMEOUT.dividedBy(TICK);
        for (long i = 1; i < ticks; i++) {
            client.onReply(new SlotReply(id, TRYAGAIN));
            tick(TICK);
            sent(5, op);
        }
        assertEquals(List.of(), replies);
        tick(TICK);
        assertEquals(List.of(Reply.error("ERR timeout: slot 5 was not served within 5000 ms")), replies);
        region.expectNoMessage(QUIET);

        client.onReply(new SlotReply(id, TRYAGAIN));
        tick(TICK);
        region.expectNoMessage(QUIET);
        assertEquals(1, replies.size());
    }

    @Test
    void aRequestWaitingOnASlotThatChangedOwnerIsSentAgainAfterASecond() {
        SlotOp op = new SlotOp.CountKeys(0);
        List<Reply> replies = new ArrayList<>();
        client.ask(5, op, replies::add);
        long id = sent(5, op).requestId();

        tick(Duration.ofMillis(1100));
        region.expectNoMessage(QUIET);

        slots.moved.add(5);
        tick(TICK);
        assertEquals(id, sent(5, op).requestId(), "sent again: the hand-off may have dropped it");
        tick(Duration.ofMillis(500));
        region.expectNoMessage(QUIET);
        tick(Duration.ofMillis(600));
        assertEquals(id, sent(5, op).requestId(), "and again a second after the resend");

        client.onReply(new SlotReply(id, Reply.OK));
        assertEquals(List.of(Reply.OK), replies);
    }

    @Test
    void aSlotNobodyServesIsAnsweredAtOnce() {
        slots.unserved.add(5);
        client.ask(5, new SlotOp.CountKeys(0), reply -> {});
        assertEquals(Reply.error("CLUSTERDOWN slot 5 is not served"), replyTo.receiveMessage().reply());
        region.expectNoMessage(QUIET);
    }

    @Test
    void aBlockingRequestWaitsItsOwnTimePlusTheTimeoutThenCancelsAtItsSlot() {
        SlotOp op = new SlotOp.CountKeys(0);
        List<Reply> replies = new ArrayList<>();
        client.askBlocking(5, op, 5_000, replies::add);
        long id = sent(5, op).requestId();

        tick(Duration.ofMillis(5_000).plus(TIMEOUT).minusMillis(1));
        assertEquals(List.of(), replies);
        tick(Duration.ofMillis(1));
        assertEquals(1, replies.size());
        assertEquals(new SlotEntity.CancelBlocked(replyTo.ref(), id), region.receiveMessage().message());
    }

    @Test
    void aBlockingRequestWithoutATimeoutWaitsUntilTheConnectionCloses() {
        SlotOp op = new SlotOp.CountKeys(0);
        List<Reply> replies = new ArrayList<>();
        client.askBlocking(5, op, 0, replies::add);
        long id = sent(5, op).requestId();

        tick(Duration.ofDays(400));
        assertEquals(List.of(), replies);
        client.cancelBlocking();
        assertEquals(new SlotEntity.CancelBlocked(replyTo.ref(), id), region.receiveMessage().message());
        assertEquals(0, client.inFlight());
    }
}
