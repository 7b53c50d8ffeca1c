package io.pikko.actors;

import io.pikko.protocol.SlotReply;
import java.util.List;

/**
 * Where a local connection's batch of requests is answered: all its replies at once, handed to
 * the connection's event loop without an actor in between.
 */
@FunctionalInterface
public interface ReplySink {
    void deliver(List<SlotReply> replies);
}
