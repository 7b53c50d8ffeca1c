package io.pikko.gateway;

import io.pikko.actors.pubsub.PubSubHub;
import io.pikko.actors.pubsub.SubscriptionKind;
import io.pikko.protocol.Args;
import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SUBSCRIBE, PUBLISH, PUBSUB and their pattern and shard forms, on the client's connection. Channels
 * are cluster-wide: a message published through any node reaches the subscribers on every node.
 * PUBLISH answers how many clients of the publishing node receive it, and PUBSUB CHANNELS / NUMSUB /
 * NUMPAT / SHARDCHANNELS / SHARDNUMSUB describe this node's clients, as Redis Cluster answers them.
 */
final class PubSubCommands {
    private static final List<String> HELP = List.of(
            "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CHANNELS [<pattern>]",
            "    Return the currently active channels matching a <pattern> (default: '*').",
            "NUMPAT",
            "    Return number of subscriptions to patterns.",
            "NUMSUB [<channel> ...]",
            "    Return the number of subscribers for the specified channels, excluding",
            "    pattern subscriptions(default: no channels).",
            "SHARDCHANNELS [<pattern>]",
            "    Return the currently active shard level channels matching a <pattern> (default: '*').",
            "SHARDNUMSUB [<shardchannel> ...]",
            "    Return the number of subscribers for the specified shard level channel(s)",
            "HELP",
            "    Prints this help.");

    private PubSubCommands() {}

    static void run(Call call) {
        Subscriptions subscriptions = call.connection().subscriptions();
        List<byte[]> names = call.args().subList(1, call.argc());
        switch (call.name()) {
            case "subscribe" -> call.replyAll(subscriptions.subscribe(SubscriptionKind.CHANNEL, names));
            case "psubscribe" -> call.replyAll(subscriptions.subscribe(SubscriptionKind.PATTERN, names));
            case "ssubscribe" -> call.replyAll(subscriptions.subscribe(SubscriptionKind.SHARD, names));
            case "unsubscribe" -> call.replyAll(subscriptions.unsubscribe(SubscriptionKind.CHANNEL, names));
            case "punsubscribe" -> call.replyAll(subscriptions.unsubscribe(SubscriptionKind.PATTERN, names));
            case "sunsubscribe" -> call.replyAll(subscriptions.unsubscribe(SubscriptionKind.SHARD, names));
            case "publish" -> publish(call, false);
            case "spublish" -> publish(call, true);
            case "pubsub" -> pubsub(call);
            default -> throw new IllegalArgumentException("not a pub/sub command: " + call.name());
        }
    }

    private static void publish(Call call, boolean shard) {
        call.gateway().pubsub().tell(new PubSubHub.Publish(shard, call.arg(1), call.arg(2),
                count -> call.connection().onEventLoop(() -> call.reply(Reply.integer(count)))));
    }

    private static void pubsub(Call call) {
        String sub = Args.text(call.arg(1)).toLowerCase(Locale.ROOT);
        int argc = call.argc();
        switch (sub) {
            case "channels", "shardchannels" -> {
                if (argc > 3) {
                    call.reply(Reply.error("ERR unknown subcommand or wrong number of arguments for '"
                            + Args.text(call.arg(1)) + "'. Try PUBSUB HELP."));
                    return;
                }
                call.session().touched("pubsub|" + sub);
                call.gateway().pubsub().tell(new PubSubHub.ListChannels(sub.equals("shardchannels"),
                        argc == 3 ? call.arg(2) : null,
                        channels -> call.connection().onEventLoop(() -> call.reply(Reply.bulks(channels)))));
            }
            case "numsub", "shardnumsub" -> {
                call.session().touched("pubsub|" + sub);
                List<byte[]> channels = List.copyOf(call.args().subList(2, argc));
                call.gateway().pubsub().tell(new PubSubHub.CountSubscribers(sub.equals("shardnumsub"), channels,
                        counts -> call.connection().onEventLoop(() -> call.reply(numsub(channels, counts)))));
            }
            case "numpat" -> {
                if (argc != 2) {
                    call.reply(Errors.wrongArity("pubsub|numpat"));
                    return;
                }
                call.session().touched("pubsub|numpat");
                call.gateway().pubsub().tell(new PubSubHub.CountPatterns(
                        count -> call.connection().onEventLoop(() -> call.reply(Reply.integer(count)))));
            }
            case "help" -> {
                if (argc != 2) {
                    call.reply(Errors.wrongArity("pubsub|help"));
                    return;
                }
                call.reply(Reply.array(HELP.stream().<Reply>map(Reply.Simple::new).toList()));
            }
            default -> call.reply(Reply.error("ERR unknown subcommand '" + Args.text(call.arg(1)) + "'. Try PUBSUB HELP."));
        }
    }

    /** Channel, count, channel, count...: a flat array in both protocols, as Redis 7.0 answers. */
    private static Reply numsub(List<byte[]> channels, List<Long> counts) {
        List<Reply> items = new ArrayList<>(channels.size() * 2);
        for (int i = 0; i < channels.size(); i++) {
            items.add(Reply.bulk(channels.get(i)));
            items.add(Reply.integer(counts.get(i)));
        }
        return Reply.array(items);
    }
}
