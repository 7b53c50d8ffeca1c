package io.pikko.gateway;

import io.pikko.actors.pubsub.ChannelName;
import io.pikko.actors.pubsub.PubSubHub;
import io.pikko.actors.pubsub.Subscriber;
import io.pikko.actors.pubsub.SubscriptionKind;
import io.pikko.protocol.Reply;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One connection's channels, patterns and shard channels, kept here and registered with the node's
 * {@link PubSubHub}. Used on the connection's event loop only; the counts are also read by CLIENT
 * LIST from other threads, hence volatile.
 */
final class Subscriptions {
    private final ActorRef<PubSubHub.Command> hub;
    private final Subscriber subscriber;
    private final Map<SubscriptionKind, Set<ChannelName>> names = new EnumMap<>(SubscriptionKind.class);
    private volatile int channels;
    private volatile int patterns;
    private volatile int shardChannels;

    Subscriptions(ActorRef<PubSubHub.Command> hub, Subscriber subscriber) {
        this.hub = hub;
        this.subscriber = subscriber;
        for (SubscriptionKind kind : SubscriptionKind.values()) {
            names.put(kind, new LinkedHashSet<>());
        }
    }

    /** Whether the client is subscribed to anything: RESP2's subscribed mode. */
    boolean active() {
        return channels + patterns + shardChannels > 0;
    }

    /** Whether a message that came for {@code name} is still wanted (it may have been sent before an UNSUBSCRIBE). */
    boolean wants(SubscriptionKind kind, ChannelName name) {
        return names.get(kind).contains(name);
    }

    int channels() {
        return channels;
    }

    int patterns() {
        return patterns;
    }

    int shardChannels() {
        return shardChannels;
    }

    /** SUBSCRIBE and its kin: one confirmation per name, each with the count Redis gives. */
    List<Reply> subscribe(SubscriptionKind kind, List<byte[]> requested) {
        List<Reply> replies = new ArrayList<>(requested.size());
        for (byte[] bytes : requested) {
            ChannelName name = new ChannelName(bytes);
            if (names.get(kind).add(name)) {
                hub.tell(new PubSubHub.Subscribe(subscriber, kind, name));
                recount();
            }
            replies.add(confirmation(kind.subscribeWord(), Reply.bulk(bytes), kind));
        }
        return replies;
    }

    /**
     * UNSUBSCRIBE and its kin: the names given, or every name of the kind when none is given, in
     * the order subscribed; with none to drop, one reply with a null name.
     */
    List<Reply> unsubscribe(SubscriptionKind kind, List<byte[]> requested) {
        List<byte[]> dropping = requested;
        if (requested.isEmpty()) {
            dropping = names.get(kind).stream().map(ChannelName::bytes).toList();
            if (dropping.isEmpty()) {
                return List.of(confirmation(kind.unsubscribeWord(), Reply.NIL, kind));
            }
        }
        List<Reply> replies = new ArrayList<>(dropping.size());
        for (byte[] bytes : dropping) {
            drop(kind, new ChannelName(bytes));
            replies.add(confirmation(kind.unsubscribeWord(), Reply.bulk(bytes), kind));
        }
        return replies;
    }

    /**
     * Drops every subscription without a reply: when the connection closes, and for RESET, which
     * leaves the client subscribed to nothing.
     */
    void clear() {
        for (SubscriptionKind kind : SubscriptionKind.values()) {
            for (ChannelName name : List.copyOf(names.get(kind))) {
                drop(kind, name);
            }
        }
    }

    private void drop(SubscriptionKind kind, ChannelName name) {
        if (names.get(kind).remove(name)) {
            hub.tell(new PubSubHub.Unsubscribe(subscriber, kind, name));
            recount();
        }
    }

    private void recount() {
        channels = names.get(SubscriptionKind.CHANNEL).size();
        patterns = names.get(SubscriptionKind.PATTERN).size();
        shardChannels = names.get(SubscriptionKind.SHARD).size();
    }

    /** As Redis 7.0 counts: channels and patterns together, shard channels apart. */
    private Reply confirmation(String word, Reply name, SubscriptionKind kind) {
        int count = kind == SubscriptionKind.SHARD ? shardChannels : channels + patterns;
        return new Reply.Push(List.of(Reply.bulk(word), name, Reply.integer(count)));
    }
}
