package io.pikko.actors.pubsub;

import io.pikko.protocol.Reply;

/**
 * A client connection as the hub sees it. The hub calls {@link #deliver} on its own thread, in the
 * order the messages came; the connection hands them to its event loop.
 */
public interface Subscriber {
    /**
     * A message for the client, a {@link Reply.Push} of "message", "pmessage" or "smessage",
     * because it is subscribed to {@code name} (the channel, or the pattern that matched) of {@code kind}.
     */
    void deliver(SubscriptionKind kind, ChannelName name, Reply push);
}
