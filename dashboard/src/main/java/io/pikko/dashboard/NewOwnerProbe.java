package io.pikko.dashboard;

import io.pikko.actors.SlotEntity;
import io.pikko.sharding.NodeRoles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Waits until slots given to another group are served by that group's master: each slot is asked
 * where it runs (which also starts it there once its shard has moved) until every one answers from
 * the new master. An assignment is answered only then, so a client that hears it finds the slots
 * served and never waits on a hand-off still under way.
 */
final class NewOwnerProbe {
    private static final Duration ASK = Duration.ofSeconds(1);
    private static final Duration AGAIN_AFTER = Duration.ofMillis(50);

    private final ActorSystem<?> system;
    private final ActorRef<ShardingEnvelope<SlotEntity.Command>> slots;

    NewOwnerProbe(ActorSystem<?> system, ActorRef<ShardingEnvelope<SlotEntity.Command>> slots) {
        this.system = system;
        this.slots = slots;
    }

    /** Completes with the slots not served by {@code master} once {@code within} has passed; empty when all are. */
    CompletionStage<List<Integer>> awaitServed(List<Integer> waiting, String master, Duration within) {
        Optional<String> address = systemAddressOf(master);
        if (waiting.isEmpty() || address.isEmpty()) {
            return CompletableFuture.completedFuture(waiting);
        }
        return probe(waiting, address.get(), System.nanoTime() + within.toNanos());
    }

    private CompletionStage<List<Integer>> probe(List<Integer> waiting, String address, long deadlineNanos) {
        List<CompletableFuture<Boolean>> asks = new ArrayList<>();
        for (int slot : waiting) {
            asks.add(AskPattern.<ShardingEnvelope<SlotEntity.Command>, SlotEntity.Location>ask(slots,
                            replyTo -> SlotEntity.envelope(slot, new SlotEntity.Locate(replyTo)), ASK, system.scheduler())
                    .handle((location, failure) -> failure == null && location.address().equals(address))
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(asks.toArray(new CompletableFuture<?>[0])).thenCompose(done -> {
            List<Integer> still = new ArrayList<>();
            for (int i = 0; i < waiting.size(); i++) {
                if (!asks.get(i).join()) {
                    still.add(waiting.get(i));
                }
            }
            if (still.isEmpty() || System.nanoTime() - deadlineNanos > 0) {
                return CompletableFuture.completedFuture(still);
            }
            CompletableFuture<List<Integer>> next = new CompletableFuture<>();
            system.scheduler().scheduleOnce(AGAIN_AFTER,
                    () -> probe(still, address, deadlineNanos).whenComplete((left, failure) -> {
                        if (failure != null) {
                            next.completeExceptionally(failure);
                        } else {
                            next.complete(left);
                        }
                    }), system.executionContext());
            return next;
        });
    }

    private Optional<String> systemAddressOf(String master) {
        return StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
                .filter(member -> NodeRoles.respAddress(member).filter(master::equals).isPresent())
                .map(Member::address)
                .map(Object::toString)
                .findFirst();
    }
}
