package io.pikko.actors;

import io.pikko.protocol.NodeClock;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotReply;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The answers to the writes a slot entity ran that their connection may still send again, by
 * connection and request id. A gateway sends a request again when the slot's hand-off to another
 * node may have dropped it; if the first copy did arrive, the second gets the first one's answer
 * instead of running twice (an INCR counted once).
 *
 * <p>Each request says below which id its connection has settled every request (answered or
 * given up): those answers are dropped, so what is kept is what is still in flight, however many
 * writes a second the slot takes. A connection that stops writing here keeps its last answers
 * until it has been idle for {@link #IDLE_NANOS}, far longer than any request waits.
 */
final class RecentWrites {
    static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(10);

    private static final class Answers {
        final TreeMap<Long, Reply> byRequest = new TreeMap<>();
        long touchedNanos;
    }

    private final NodeClock clock;
    /** Least recently touched first, so the idle ones are found at the head. */
    private final LinkedHashMap<ActorRef<SlotReply>, Answers> connections = new LinkedHashMap<>(16, 0.75f, true);

    RecentWrites(NodeClock clock) {
        this.clock = clock;
    }

    Optional<Reply> answered(ActorRef<SlotReply> replyTo, long requestId) {
        Answers answers = connections.get(replyTo);
        return answers == null ? Optional.empty() : Optional.ofNullable(answers.byRequest.get(requestId));
    }

    /** Keeps {@code reply} for {@code requestId}, and forgets what the connection has settled. */
    void remember(ActorRef<SlotReply> replyTo, long requestId, long settledBelow, Reply reply) {
        long now = clock.nanos();
        Answers answers = connections.computeIfAbsent(replyTo, r -> new Answers());
        answers.touchedNanos = now;
        answers.byRequest.headMap(settledBelow).clear();
        answers.byRequest.put(requestId, reply);
        forgetIdle(now);
    }

    int size() {
        return connections.values().stream().mapToInt(answers -> answers.byRequest.size()).sum();
    }

    private void forgetIdle(long now) {
        Iterator<Map.Entry<ActorRef<SlotReply>, Answers>> eldest = connections.entrySet().iterator();
        while (eldest.hasNext()) {
            if (now - eldest.next().getValue().touchedNanos < IDLE_NANOS) {
                return;
            }
            eldest.remove();
        }
    }
}
