package io.pikko.gateway;

import io.pikko.actors.SlotEntity;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Watches the node's dead letters for requests sent straight to a local slot entity that had
 * stopped (its slot moved, or the node is stopping) and sends them again through the shard
 * region. They never ran, so running them now runs them once.
 */
final class LostRequests {
    private LostRequests() {}

    static Behavior<DeadLetter> create(SlotRouter router) {
        return Behaviors.setup(context -> {
            context.getSystem().eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, context.getSelf()));
            return Behaviors.receiveMessage(dead -> {
                if (dead.message() instanceof SlotEntity.LocalRequests lost) {
                    router.resend(lost);
                }
                return Behaviors.same();
            });
        });
    }
}
