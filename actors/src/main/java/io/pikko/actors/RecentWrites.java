package io.pikko.actors;

import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotReply;


import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The answers to the last writes a slot entity ran, by connection and request id. A gateway sends
 * a request again when the slot's hand-off to another node may have dropped it; if the first copy
 * did arrive, the second gets the first one's answer instead of running twice (an INCR counted once).
 */
final class RecentWrites {
    static final int CAPACITY = 1024;

    private record Key(ActorRef<SlotReply> replyTo, long requestId) {}

    private final Map<Key, Reply> answers = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Reply> eldest) {
            return size() > CAPACITY;
        }
    };

    Optional<Reply> answered(ActorRef<SlotReply> replyTo, long requestId) {
        return Optional.ofNullable(answers.get(new Key(replyTo, requestId)));
    }

    void remember(ActorRef<SlotReply> replyTo, long requestId, Reply reply) {
        answers.put(new Key(replyTo, requestId), reply);
    }
}
