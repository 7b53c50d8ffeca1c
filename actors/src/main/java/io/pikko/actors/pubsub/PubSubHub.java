package io.pikko.actors.pubsub;

import io.pikko.protocol.CborSerializable;
import io.pikko.protocol.GlobPattern;
import io.pikko.protocol.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The node's pub/sub: it keeps the subscriptions of this node's clients, and every message
 * published anywhere in the cluster comes to it once. A PUBLISH goes from the client's connection
 * to its node's hub, which delivers it to the local subscribers it matches and sends it once to
 * every other node's hub, which does the same for its own. Each hop keeps the order of its sender's
 * messages, so one publisher's messages reach every subscriber in the order they were published.
 *
 * <p>The hubs find each other through the cluster receptionist. Pekko's typed {@code Topic} does
 * the same, but stops sending to a node while it is unreachable, and a node that misses
 * heartbeats under load for a moment would lose messages; the hubs keep sending to every
 * registered hub, reachable or not, until its node leaves the cluster, and Artery delivers them
 * in order once the node answers again. A node that has just joined may miss what is published
 * before the receptionist has told the others of it.
 */
public final class PubSubHub extends AbstractBehavior<PubSubHub.Command> {

    /** Every node's hub registers under this key. */
    static final ServiceKey<Command> HUBS = ServiceKey.create(Command.class, "pikko-pubsub-hub");

    /** The hub's protocol; only {@link Published} crosses nodes. */
    public sealed interface Command {}

    /** {@code subscriber} listens to {@code name}, a channel, a pattern or a shard channel. */
    public record Subscribe(Subscriber subscriber, SubscriptionKind kind, ChannelName name) implements Command {}

    public record Unsubscribe(Subscriber subscriber, SubscriptionKind kind, ChannelName name) implements Command {}

    /**
     * Publish {@code message} on {@code channel} (shard channel when {@code shard}) to the whole
     * cluster; {@code counted}, if not null, is told how many of this node's clients will get it.
     */
    public record Publish(boolean shard, byte[] channel, byte[] message, LongConsumer counted) implements Command {}

    /** A published message as one hub sends it to the others. */
    public record Published(boolean shard, byte[] channel, byte[] message) implements Command, CborSerializable {}

    /** The receptionist's list of hubs changed. */
    private record HubsChanged(Receptionist.Listing listing) implements Command {}

    /** PUBSUB CHANNELS / SHARDCHANNELS: this node's channels with subscribers matching {@code pattern} (null: all). */
    public record ListChannels(boolean shard, byte[] pattern, Consumer<List<byte[]>> replyTo) implements Command {}

    /** PUBSUB NUMSUB / SHARDNUMSUB: this node's subscribers of each channel. */
    public record CountSubscribers(boolean shard, List<byte[]> channels, Consumer<List<Long>> replyTo) implements Command {}

    /** PUBSUB NUMPAT: the patterns this node's clients are subscribed to. */
    public record CountPatterns(LongConsumer replyTo) implements Command {}

    private Set<ActorRef<Command>> otherHubs = Set.of();
    private final Map<ChannelName, Set<Subscriber>> channels = new LinkedHashMap<>();
    private final Map<ChannelName, Set<Subscriber>> shardChannels = new LinkedHashMap<>();
    private final Map<ChannelName, Set<Subscriber>> patterns = new LinkedHashMap<>();
    private final Map<ChannelName, GlobPattern> compiled = new HashMap<>();

    private PubSubHub(ActorContext<Command> context) {
        super(context);
        ActorRef<Receptionist.Command> receptionist = context.getSystem().receptionist();
        receptionist.tell(Receptionist.register(HUBS, context.getSelf()));
        receptionist.tell(Receptionist.subscribe(HUBS, context.messageAdapter(Receptionist.Listing.class, HubsChanged::new)));
    }

    public static Behavior<Command> create() {
        return Behaviors.setup(PubSubHub::new);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Subscribe.class, this::onSubscribe)
                .onMessage(Unsubscribe.class, this::onUnsubscribe)
                .onMessage(Publish.class, this::onPublish)
                .onMessage(Published.class, this::onPublished)
                .onMessage(HubsChanged.class, this::onHubsChanged)
                .onMessage(ListChannels.class, this::onListChannels)
                .onMessage(CountSubscribers.class, this::onCountSubscribers)
                .onMessage(CountPatterns.class, count -> {
                    count.replyTo().accept(patterns.size());
                    return this;
                })
                .build();
    }

    private Map<ChannelName, Set<Subscriber>> table(SubscriptionKind kind) {
        return switch (kind) {
            case CHANNEL -> channels;
            case PATTERN -> patterns;
            case SHARD -> shardChannels;
        };
    }

    private Behavior<Command> onSubscribe(Subscribe subscribe) {
        table(subscribe.kind()).computeIfAbsent(subscribe.name(), name -> new LinkedHashSet<>()).add(subscribe.subscriber());
        if (subscribe.kind() == SubscriptionKind.PATTERN) {
            compiled.computeIfAbsent(subscribe.name(), name -> GlobPattern.of(name.bytes()));
        }
        return this;
    }

    private Behavior<Command> onUnsubscribe(Unsubscribe unsubscribe) {
        Map<ChannelName, Set<Subscriber>> table = table(unsubscribe.kind());
        Set<Subscriber> subscribers = table.get(unsubscribe.name());
        if (subscribers != null && subscribers.remove(unsubscribe.subscriber()) && subscribers.isEmpty()) {
            table.remove(unsubscribe.name());
            if (unsubscribe.kind() == SubscriptionKind.PATTERN) {
                compiled.remove(unsubscribe.name());
            }
        }
        return this;
    }

    private Behavior<Command> onPublish(Publish publish) {
        if (publish.counted() != null) {
            publish.counted().accept(receivers(publish.shard(), publish.channel()));
        }
        Published published = new Published(publish.shard(), publish.channel(), publish.message());
        onPublished(published);
        for (ActorRef<Command> hub : otherHubs) {
            hub.tell(published);
        }
        return this;
    }

    /** Every hub the receptionist knows, unreachable ones included: see the class comment. */
    private Behavior<Command> onHubsChanged(HubsChanged changed) {
        Set<ActorRef<Command>> hubs = new HashSet<>(changed.listing().getAllServiceInstances(HUBS));
        hubs.remove(getContext().getSelf());
        otherHubs = hubs;
        return this;
    }

    /** As Redis counts for PUBLISH: each subscriber of the channel, and each subscriber of each matching pattern. */
    private long receivers(boolean shard, byte[] channel) {
        ChannelName name = new ChannelName(channel);
        if (shard) {
            return shardChannels.getOrDefault(name, Set.of()).size();
        }
        long count = channels.getOrDefault(name, Set.of()).size();
        for (Map.Entry<ChannelName, Set<Subscriber>> pattern : patterns.entrySet()) {
            if (compiled.get(pattern.getKey()).matches(channel)) {
                count += pattern.getValue().size();
            }
        }
        return count;
    }

    private Behavior<Command> onPublished(Published published) {
        ChannelName name = new ChannelName(published.channel());
        Reply channel = Reply.bulk(published.channel());
        Reply message = Reply.bulk(published.message());
        if (published.shard()) {
            deliver(shardChannels.get(name), SubscriptionKind.SHARD, name, List.of(channel, message));
            return this;
        }
        deliver(channels.get(name), SubscriptionKind.CHANNEL, name, List.of(channel, message));
        for (Map.Entry<ChannelName, Set<Subscriber>> pattern : patterns.entrySet()) {
            if (compiled.get(pattern.getKey()).matches(published.channel())) {
                deliver(pattern.getValue(), SubscriptionKind.PATTERN, pattern.getKey(),
                        List.of(Reply.bulk(pattern.getKey().bytes()), channel, message));
            }
        }
        return this;
    }

    private static void deliver(Set<Subscriber> subscribers, SubscriptionKind kind, ChannelName name, List<Reply> rest) {
        if (subscribers == null || subscribers.isEmpty()) {
            return;
        }
        List<Reply> items = new ArrayList<>(rest.size() + 1);
        items.add(Reply.bulk(kind.messageWord()));
        items.addAll(rest);
        Reply push = new Reply.Push(items);
        for (Subscriber subscriber : subscribers) {
            subscriber.deliver(kind, name, push);
        }
    }

    private Behavior<Command> onListChannels(ListChannels list) {
        GlobPattern pattern = list.pattern() == null ? null : GlobPattern.of(list.pattern());
        List<byte[]> names = new ArrayList<>();
        for (ChannelName name : (list.shard() ? shardChannels : channels).keySet()) {
            if (pattern == null || pattern.matches(name.bytes())) {
                names.add(name.bytes());
            }
        }
        list.replyTo().accept(names);
        return this;
    }

    private Behavior<Command> onCountSubscribers(CountSubscribers count) {
        Map<ChannelName, Set<Subscriber>> table = count.shard() ? shardChannels : channels;
        List<Long> counts = new ArrayList<>(count.channels().size());
        for (byte[] channel : count.channels()) {
            counts.add((long) table.getOrDefault(new ChannelName(channel), Set.of()).size());
        }
        count.replyTo().accept(counts);
        return this;
    }
}
