package io.pikko.dashboard;

import io.pikko.actors.SlotEntity;
import io.pikko.actors.migration.MigrationReceiver;
import io.pikko.protocol.SlotHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;

/**
 * Gives empty slots to another group: the operator's way to lay out slots before data arrives.
 * Moving data is migration's job, so every slot that changes group must hold no key. Each such
 * slot is sealed first (it checks it is empty and then refuses writes for a while), so that no
 * write can land on the old owner between the check and the shard's move; a refused assignment
 * unseals them. The new master drops whatever it still holds of those slots before the map
 * changes, so an old copy never comes back as live data. The answer comes once the new master
 * serves every slot, so a client that hears it never meets a hand-off.
 */
public final class SlotAssigner {
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);
    /** Long enough for the next rebalance round to move the shard; a seal nobody lifts ends by itself. */
    private static final long SEAL_MILLIS = 30_000;
    /** How long a new master's receiver is looked for before the master counts as not up. */
    private static final Duration FIND_RECEIVER = Duration.ofSeconds(3);
    /** How long the answer waits for the new master to serve the slots (the admin API waits a little longer). */
    private static final Duration SERVED_WITHIN = Duration.ofSeconds(60);

    private final ActorSystem<?> system;
    private final ActorRef<ShardingEnvelope<SlotEntity.Command>> slots;
    private final ActorRef<Dashboard.Command> dashboard;
    private final NewOwnerProbe newOwner;

    public SlotAssigner(ActorSystem<?> system, ActorRef<ShardingEnvelope<SlotEntity.Command>> slots,
                        ActorRef<Dashboard.Command> dashboard) {
        this.system = system;
        this.slots = slots;
        this.dashboard = dashboard;
        this.newOwner = new NewOwnerProbe(system, slots);
    }

    public CompletionStage<Dashboard.Result> assign(int from, int to, int group) {
        if (from < 0 || to >= SlotHash.SLOTS || from > to) {
            return send(from, to, group); // the dashboard says what is wrong with the range
        }
        return AskPattern.<Dashboard.Command, Topology>ask(dashboard, Dashboard.GetTopology::new, ASK_TIMEOUT, system.scheduler())
                .thenCompose(topology -> {
                    List<Integer> changing = new ArrayList<>();
                    List<Integer> moving = new ArrayList<>();
                    for (int slot = from; slot <= to; slot++) {
                        if (topology.groupOf(slot) != group) {
                            moving.add(slot);
                            // A slot of no group was never placed, so it cannot hold keys.
                            if (topology.groupOf(slot) != Topology.NO_GROUP) {
                                changing.add(slot);
                            }
                        }
                    }
                    return sealAll(changing).thenCompose(seals -> {
                        List<SlotEntity.SealReply> sealed = seals.stream().filter(SlotEntity.SealReply::sealed).toList();
                        var full = seals.stream().filter(s -> !s.sealed()).findFirst();
                        if (full.isPresent()) {
                            unseal(sealed);
                            return CompletableFuture.completedFuture(refusal(full.get()));
                        }
                        Optional<String> master = topology.group(group).flatMap(Group::master);
                        CompletionStage<Optional<String>> cleared = changing.isEmpty() || master.isEmpty()
                                ? CompletableFuture.completedFuture(Optional.empty())
                                : clearOn(master.get(), changing);
                        return cleared.thenCompose(problem -> {
                            if (problem.isPresent()) {
                                unseal(sealed);
                                return CompletableFuture.completedFuture(new Dashboard.Refused(503, problem.get()));
                            }
                            return send(from, to, group);
                        }).thenCompose(result -> {
                            if (result instanceof Dashboard.Refused) {
                                unseal(sealed);
                                return CompletableFuture.completedFuture(result);
                            }
                            return master.isEmpty() ? CompletableFuture.completedFuture(result)
                                    : servedBy(master.get(), moving, result);
                        });
                    });
                });
    }

    private CompletionStage<List<SlotEntity.SealReply>> sealAll(List<Integer> changing) {
        List<CompletableFuture<SlotEntity.SealReply>> asks = new ArrayList<>();
        for (int slot : changing) {
            asks.add(AskPattern.<ShardingEnvelope<SlotEntity.Command>, SlotEntity.SealReply>ask(slots,
                    replyTo -> SlotEntity.envelope(slot, new SlotEntity.Seal(SEAL_MILLIS, replyTo)),
                    ASK_TIMEOUT, system.scheduler()).toCompletableFuture());
        }
        return CompletableFuture.allOf(asks.toArray(new CompletableFuture<?>[0]))
                .handle((done, failure) -> {
                    List<SlotEntity.SealReply> replies = new ArrayList<>();
                    for (int i = 0; i < asks.size(); i++) {
                        CompletableFuture<SlotEntity.SealReply> ask = asks.get(i);
                        // A slot that cannot answer (its owner is down) cannot show it is empty.
                        replies.add(ask.isCompletedExceptionally()
                                ? new SlotEntity.SealReply(changing.get(i), false, -1)
                                : ask.join());
                    }
                    return replies;
                });
    }

    /**
     * Has the new master drop what it still holds of the slots (a cancelled import, a copy a crash
     * left behind), so that none of it comes back as live data; empty when that is done.
     */
    private CompletionStage<Optional<String>> clearOn(String master, List<Integer> slots) {
        return MigrationReceiver.find(system, master, FIND_RECEIVER).thenCompose(receiver -> {
            if (receiver.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.of("the new master " + master
                        + " is not up, so what it may still hold of the slots cannot be cleared"));
            }
            return AskPattern.<MigrationReceiver.Command, MigrationReceiver.Ack>ask(receiver.get(),
                            replyTo -> new MigrationReceiver.Clear(slots, replyTo), ASK_TIMEOUT, system.scheduler())
                    .thenApply(ack -> ack.ok() ? Optional.<String>empty()
                            : Optional.of("the new master " + master + " could not clear the slots: " + ack.error()));
        }).exceptionally(failure -> Optional.of("the new master " + master + " did not answer: " + failure.getMessage()));
    }

    /** The assignment's answer once {@code master} serves the slots, or why it is not complete. */
    private CompletionStage<Dashboard.Result> servedBy(String master, List<Integer> moving, Dashboard.Result accepted) {
        return newOwner.awaitServed(moving, master, SERVED_WITHIN).thenApply(left -> left.isEmpty() ? accepted
                : new Dashboard.Refused(504, "the assignment is recorded, but " + left.size() + " of its slots (first "
                        + left.get(0) + ") are not served by " + master + " after " + SERVED_WITHIN.toSeconds() + " s"));
    }

    private static Dashboard.Refused refusal(SlotEntity.SealReply seal) {
        if (seal.keys() < 0) {
            return new Dashboard.Refused(503, "slot " + seal.slot() + " did not answer, so it cannot be shown to be empty");
        }
        return new Dashboard.Refused(409, "slot " + seal.slot() + " holds " + seal.keys()
                + " keys; assigning moves no data, migration moves data");
    }

    private void unseal(List<SlotEntity.SealReply> sealed) {
        sealed.forEach(s -> slots.tell(SlotEntity.envelope(s.slot(), new SlotEntity.Unseal())));
    }

    private CompletionStage<Dashboard.Result> send(int from, int to, int group) {
        return AskPattern.ask(dashboard, replyTo -> new Dashboard.AssignSlots(from, to, group, replyTo),
                ASK_TIMEOUT, system.scheduler());
    }
}
