package io.pikko.gateway;

import io.pikko.protocol.SlotReply;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The reply-to actor of one client connection: slot entities answer it, and it hands each answer
 * to the connection's event loop. One per connection, so requests need no ask and no temporary actor.
 */
final class ReplyBridge {
    /** Ends the bridge when its connection closes. */
    enum Stop { INSTANCE }

    private ReplyBridge() {}

    static Behavior<Object> create(Consumer<SlotReply> onEventLoop) {
        return Behaviors.receive(Object.class)
                .onMessage(SlotReply.class, reply -> {
                    onEventLoop.accept(reply);
                    return Behaviors.same();
                })
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .build();
    }
}
