package io.pikko.admin;

import io.pikko.protocol.Reply;
import io.pikko.actors.SlotEntity;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotReply;
import io.pikko.protocol.SlotHash;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;

/**
 * Counts the keys of every slot by asking the slot entities, wherever they run. A slot that does
 * not answer in time (its node is down, say) has no count rather than holding the answer up.
 */
final class SlotKeyCounts {
    /**
     * Every slot counts at once, each a scan of its databases on the storage threads, so on a busy
     * node the last answers come late; this is for a slot that cannot answer at all.
     */
    private static final Duration TIMEOUT = Duration.ofSeconds(8);

    private final ActorRef<ShardingEnvelope<SlotEntity.Command>> slots;
    private final Scheduler scheduler;

    SlotKeyCounts(ActorRef<ShardingEnvelope<SlotEntity.Command>> slots, Scheduler scheduler) {
        this.slots = slots;
        this.scheduler = scheduler;
    }

    /** Keys per slot, over all databases; slots that did not answer are missing. */
    CompletableFuture<Map<Integer, Long>> perSlot() {
        Map<Integer, Long> counts = new HashMap<>();
        CompletableFuture<?>[] asks = new CompletableFuture<?>[SlotHash.SLOTS];
        for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
            int s = slot;
            asks[slot] = AskPattern.<ShardingEnvelope<SlotEntity.Command>, SlotReply>ask(slots,
                            replyTo -> SlotEntity.envelope(s, new SlotEntity.Request(new SlotOp.CountKeys(-1), s, replyTo)),
                            TIMEOUT, scheduler)
                    .toCompletableFuture()
                    .handle((reply, failure) -> failure == null ? keys(reply.reply()) : Optional.<Long>empty())
                    .thenAccept(keys -> keys.ifPresent(n -> {
                        synchronized (counts) {
                            counts.put(s, n);
                        }
                    }));
        }
        return CompletableFuture.allOf(asks).thenApply(done -> {
            synchronized (counts) {
                return Map.copyOf(counts);
            }
        });
    }

    /** A slot answers {@code [[keys, keys with a TTL], ...]}, one pair per database. */
    private static Optional<Long> keys(Reply reply) {
        if (!(reply instanceof Reply.Array perDb)) {
            return Optional.empty();
        }
        long total = 0;
        for (Reply db : perDb.items()) {
            if (!(db instanceof Reply.Array pair) || pair.items().isEmpty() || !(pair.items().get(0) instanceof Reply.Int keys)) {
                return Optional.empty();
            }
            total += keys.value();
        }
        return Optional.of(total);
    }
}
