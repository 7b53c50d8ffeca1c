package io.pikko.actors.migration;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.pikko.protocol.CborSerializable;
import io.pikko.protocol.NodeClock;
import io.pikko.storage.ExportChunk;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.SlotKeyspace;
import io.pikko.storage.StorageException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntPredicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.pattern.Patterns;

/**
 * The target side of slot migration, one per node: writes the batches a source sends into this
 * node's store, each in one atomic write, and acknowledges them. It refuses a slot this node serves,
 * so an import can never overwrite live data; the slot's entity starts here only after the move.
 * Runs on the storage dispatcher since every message writes to RocksDB.
 */
public final class MigrationReceiver {
    private MigrationReceiver() {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Begin.class, name = "begin"),
            @JsonSubTypes.Type(value = Batch.class, name = "batch"),
            @JsonSubTypes.Type(value = Discard.class, name = "discard"),
            @JsonSubTypes.Type(value = Clear.class, name = "clear"),
    })
    public sealed interface Command extends CborSerializable {}

    /** A new session for the slot: whatever this node held of it goes (stale leftovers, an earlier try). */
    public record Begin(int slot, long session, ActorRef<Ack> replyTo) implements Command {}

    /** Batch number {@code seq} (from 1) of a session; a batch sent again is acknowledged, not applied twice. */
    public record Batch(int slot, long session, long seq, List<ExportChunk> chunks, ActorRef<Ack> replyTo) implements Command {}

    /** The session was abandoned: the partial copy goes. */
    public record Discard(int slot, long session) implements Command {}

    /**
     * These slots are about to be given to this node empty (an assignment, not a move): whatever it
     * still holds of them (an abandoned import, a copy left behind by a crash) goes first, so no
     * deleted key comes back. Refused for a slot this node serves.
     */
    public record Clear(List<Integer> slots, ActorRef<Ack> replyTo) implements Command {}

    /** {@code ok}, or why not; {@code seq} is the batch acknowledged (0 for Begin). */
    public record Ack(long session, long seq, boolean ok, String error) implements CborSerializable {}

    /** Each node registers its receiver under its own name, so a source finds the target's. */
    public static ServiceKey<Command> key(String node) {
        return ServiceKey.create(Command.class, "pikko-migration-receiver-" + node);
    }

    /** A receiver not listed yet is looked for again after this. */
    private static final Duration FIND_RETRY = Duration.ofMillis(200);

    /**
     * The receiver of {@code node}, looked for again every {@link #FIND_RETRY} for about
     * {@code within}: a node that just joined appears in the receptionist a moment later. Empty
     * when the node is not up.
     */
    public static CompletionStage<Optional<ActorRef<Command>>> find(ActorSystem<?> system, String node, Duration within) {
        return find(system, key(node), Math.max(0, within.toMillis() / FIND_RETRY.toMillis()));
    }

    private static CompletionStage<Optional<ActorRef<Command>>> find(ActorSystem<?> system, ServiceKey<Command> key,
                                                                     long retriesLeft) {
        return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
                        replyTo -> Receptionist.find(key, replyTo), Duration.ofSeconds(5), system.scheduler())
                .thenCompose(listing -> {
                    Optional<ActorRef<Command>> found = listing.getServiceInstances(key).stream().findFirst();
                    if (found.isPresent() || retriesLeft == 0) {
                        return CompletableFuture.completedFuture(found);
                    }
                    return Patterns.after(FIND_RETRY, system.classicSystem().scheduler(),
                            system.executionContext(), () -> find(system, key, retriesLeft - 1));
                });
    }

    private record Session(long id, long lastSeq, SlotKeyspace keyspace) {}

    /** {@code clock} tells the imported keys' TTLs which of them have expired on the way. */
    public static Behavior<Command> create(String selfNode, PikkoStore store, int databases, IntPredicate isLocal,
                                           NodeClock clock) {
        return Behaviors.setup(context -> {
            context.getSystem().receptionist().tell(Receptionist.register(key(selfNode), context.getSelf()));
            Map<Integer, Session> sessions = new HashMap<>();
            return Behaviors.receive(Command.class)
                    .onMessage(Begin.class, begin -> {
                        if (isLocal.test(begin.slot())) {
                            begin.replyTo().tell(new Ack(begin.session(), 0, false, "slot " + begin.slot() + " is served by this node"));
                            return Behaviors.same();
                        }
                        try {
                            SlotKeyspace keyspace = new SlotKeyspace(store, begin.slot(), databases);
                            keyspace.clear();
                            sessions.put(begin.slot(), new Session(begin.session(), 0, keyspace));
                            begin.replyTo().tell(new Ack(begin.session(), 0, true, null));
                        } catch (StorageException e) {
                            begin.replyTo().tell(new Ack(begin.session(), 0, false, e.getMessage()));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Batch.class, batch -> {
                        Session session = sessions.get(batch.slot());
                        if (session == null || session.id() != batch.session()) {
                            batch.replyTo().tell(new Ack(batch.session(), batch.seq(), false, "no such session"));
                        } else if (isLocal.test(batch.slot())) {
                            batch.replyTo().tell(new Ack(batch.session(), batch.seq(), false, "slot " + batch.slot() + " is served by this node"));
                        } else if (batch.seq() <= session.lastSeq()) {
                            batch.replyTo().tell(new Ack(batch.session(), batch.seq(), true, null));
                        } else if (batch.seq() != session.lastSeq() + 1) {
                            batch.replyTo().tell(new Ack(batch.session(), batch.seq(), false, "batch " + batch.seq()
                                    + " out of order after " + session.lastSeq()));
                        } else {
                            try {
                                session.keyspace().importChunks(batch.chunks(), clock.millis());
                                sessions.put(batch.slot(), new Session(session.id(), batch.seq(), session.keyspace()));
                                batch.replyTo().tell(new Ack(batch.session(), batch.seq(), true, null));
                            } catch (StorageException | IllegalArgumentException e) {
                                batch.replyTo().tell(new Ack(batch.session(), batch.seq(), false, e.getMessage()));
                            }
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Clear.class, clear -> {
                        for (int slot : clear.slots()) {
                            if (isLocal.test(slot)) {
                                clear.replyTo().tell(new Ack(0, 0, false, "slot " + slot + " is served by this node"));
                                return Behaviors.same();
                            }
                        }
                        try {
                            for (int slot : clear.slots()) {
                                sessions.remove(slot);
                                new SlotKeyspace(store, slot, databases).clear();
                            }
                            clear.replyTo().tell(new Ack(0, 0, true, null));
                        } catch (StorageException e) {
                            clear.replyTo().tell(new Ack(0, 0, false, e.getMessage()));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Discard.class, discard -> {
                        Session session = sessions.get(discard.slot());
                        if (session != null && session.id() == discard.session() && !isLocal.test(discard.slot())) {
                            sessions.remove(discard.slot());
                            try {
                                session.keyspace().clear();
                            } catch (StorageException e) {
                                context.getLog().warn("slot {}: could not drop an abandoned import: {}", discard.slot(), e.getMessage());
                            }
                        }
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
