package io.pikko.actors.migration;

import io.pikko.protocol.NodeClock;
import io.pikko.storage.ExportChunk;
import io.pikko.storage.SlotExport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import scala.concurrent.ExecutionContextExecutor;

/**
 * One move of one slot, run by the source slot entity as its child: Pikko's PikaParseSend.
 *
 * <ol>
 *   <li>finds the target node's {@link MigrationReceiver} and has it clear its copy of the slot;</li>
 *   <li>copies a RocksDB snapshot of the slot: a Pekko Streams graph reads each key whole (a big
 *       collection in chunks), batches by keys and bytes, paces by keys/s and bytes/s, and sends each
 *       batch, waiting for its acknowledgement before the next (a lost batch is sent again with the
 *       same number, which the receiver applies once);</li>
 *   <li>catches up: the keys written since the snapshot were marked dirty by the entity, which hands
 *       over their current state; rounds repeat while many keys are dirty;</li>
 *   <li>seals: the entity refuses writes, hands over the last dirty keys, and once they are on the
 *       target the dashboard is told the slot is ready to change owner.</li>
 * </ol>
 * Progress goes to the dashboard every half second. Any failure ends the session; the entity then
 * serves the slot as before, and the dashboard may try again.
 */
public final class MigrationSession extends AbstractBehavior<MigrationSession.Command> {

    /** The session's protocol: from the owning entity, and from its own stream and asks. */
    public sealed interface Command {}

    /** The dashboard gave the slot to the target: nothing more to do. */
    public enum Commit implements Command { INSTANCE }

    /** The move is called off: the target drops its partial copy. */
    public enum Abort implements Command { INSTANCE }

    public record UpdateLimits(MigrationLimits limits) implements Command {}

    /** The dirty keys' current state, from the entity; {@code sealed} once the entity refuses writes. */
    public record DirtyKeys(List<ExportChunk> chunks, int keys, boolean sealed) implements Command {}

    private record Located(ActorRef<MigrationReceiver.Command> receiver) implements Command {}

    private record Began() implements Command {}

    private record BatchAcked(long keys, long bytes) implements Command {}

    private record CopyDone() implements Command {}

    private record CatchUpSent(boolean sealed, int keys) implements Command {}


    private record Fail(String reason) implements Command {}

    private enum ReportProgress implements Command { INSTANCE }

    /** The entity's side of the conversation. */
    public interface Owner {
        /** Hand over the dirty keys (and refuse writes first when {@code seal}). */
        void takeDirty(boolean seal, ActorRef<DirtyKeys> replyTo);

        /** The session ended; {@code ready} when the target holds everything and writes stay refused. */
        void ended(boolean ready);
    }

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LOCATE_TIMEOUT = Duration.ofSeconds(15);
    private static final int SEND_ATTEMPTS = 3;
    /** Catch-up rounds go on while more keys than this are dirty, at most {@link #MAX_ROUNDS} times. */
    private static final int SEAL_BELOW_KEYS = 100;
    private static final int MAX_ROUNDS = 20;

    private final int slot;
    private final long session;
    private final String target;
    /** The slot's snapshot; the copy stream closes it, or the session does if the copy never starts. */
    private final SlotExport export;
    private final Owner owner;
    private final ActorRef<MigrationReport> reportTo;
    private final AtomicReference<MigrationLimits> limits;
    private final Pacer pacer;
    private final AtomicLong seq = new AtomicLong();
    // Futures and stream stages run on other threads: they use these, never the actor context.
    private final ActorRef<Command> self;
    private final ActorSystem<?> system;
    private final ExecutionContextExecutor executor;
    private final NodeClock clock;
    private final long startNanos;
    private ActorRef<MigrationReceiver.Command> receiver;
    private UniqueKillSwitch copy;
    private final long snapshotKeys;
    /** The copy stream took the snapshot over (and closes it). */
    private boolean copied;
    private long keysCopied;
    private long keysMoved;
    private long bytesMoved;
    private int rounds;
    private boolean ready;

    private MigrationSession(ActorContext<Command> context, int slot, long session, String target, SlotExport export,
                             MigrationLimits limits, Owner owner, ActorRef<MigrationReport> reportTo, NodeClock clock) {
        super(context);
        this.clock = clock;
        this.startNanos = clock.nanos();
        this.slot = slot;
        this.session = session;
        this.target = target;
        this.export = export;
        this.snapshotKeys = export.keysAtSnapshot();
        this.owner = owner;
        this.reportTo = reportTo;
        this.limits = new AtomicReference<>(limits);
        this.pacer = new Pacer(this.limits, clock);
        this.self = context.getSelf();
        this.system = context.getSystem();
        this.executor = context.getExecutionContext();
    }

    /**
     * {@code export} is the slot's snapshot, opened by the entity at the moment it began marking
     * writes dirty; {@code clock} paces the batches and times the progress reports.
     */
    public static Behavior<Command> create(int slot, long session, String target, SlotExport export,
                                           MigrationLimits limits, Owner owner, ActorRef<MigrationReport> reportTo,
                                           NodeClock clock) {
        return Behaviors.setup(context -> {
            MigrationSession behavior = new MigrationSession(context, slot, session, target, export, limits, owner, reportTo, clock);
            behavior.locate();
            return Behaviors.withTimers(timers -> {
                timers.startTimerWithFixedDelay(ReportProgress.INSTANCE, Duration.ofMillis(500));
                return behavior;
            });
        });
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onSignal(PostStop.class, stop -> {
                    if (!copied) {
                        export.close();
                    }
                    return this;
                })
                .onMessage(Located.class, this::onLocated)
                .onMessage(Began.class, began -> onBegan())
                .onMessage(BatchAcked.class, this::onBatchAcked)
                .onMessage(CopyDone.class, done -> catchUp())
                .onMessage(DirtyKeys.class, this::onDirtyKeys)
                .onMessage(CatchUpSent.class, this::onCatchUpSent)
                .onMessage(UpdateLimits.class, update -> {
                    limits.set(update.limits());
                    return this;
                })
                .onMessageEquals(ReportProgress.INSTANCE, this::onReportProgress)
                .onMessage(Fail.class, fail -> fail(fail.reason()))
                .onMessageEquals(Abort.INSTANCE, () -> {
                    discard();
                    return Behaviors.stopped();
                })
                .onMessageEquals(Commit.INSTANCE, Behaviors::stopped)
                .build();
    }

    /** Finds the target's receiver; a target not up within the locate timeout ends the session. */
    private void locate() {
        getContext().pipeToSelf(MigrationReceiver.find(system, target, LOCATE_TIMEOUT), (found, failure) ->
                found != null && found.isPresent() ? new Located(found.get())
                        : new Fail("target " + target + " has no migration receiver (is it up?)"));
    }

    private Behavior<Command> onLocated(Located located) {
        if (receiver != null) {
            return this;
        }
        receiver = located.receiver();
        // A target that dies (or is downed) ends the session at once, not after batches time out.
        getContext().watchWith(receiver, new Fail("target " + target + " is gone"));
        CompletionStage<MigrationReceiver.Ack> begun = AskPattern.ask(receiver,
                replyTo -> new MigrationReceiver.Begin(slot, session, replyTo), ASK_TIMEOUT, system.scheduler());
        getContext().pipeToSelf(begun, (ack, failure) -> ack != null && ack.ok() ? new Began()
                : new Fail("target " + target + " did not begin: " + (ack != null ? ack.error() : failure.getMessage())));
        return this;
    }

    private Behavior<Command> onBegan() {
        reportTo.tell(new MigrationReport.Prepared(slot, session));
        MigrationLimits at = limits.get();
        Pair<UniqueKillSwitch, CompletionStage<Done>> running = Source.unfoldResource(
                        () -> export,
                        open -> Optional.ofNullable(Batches.next(open, at)),
                        SlotExport::close)
                .viaMat(KillSwitches.single(), Keep.right())
                .mapAsync(1, this::sendAndCount)
                .toMat(Sink.ignore(), Keep.both())
                .run(system);
        copy = running.first();
        copied = true;
        getContext().pipeToSelf(running.second(), (done, failure) -> failure == null ? new CopyDone()
                : new Fail("copy failed: " + failure.getMessage()));
        return this;
    }

    private Behavior<Command> onBatchAcked(BatchAcked acked) {
        keysMoved += acked.keys();
        bytesMoved += acked.bytes();
        if (copy != null) {
            keysCopied += acked.keys();
        }
        return this;
    }

    private Behavior<Command> catchUp() {
        copy = null;
        rounds++;
        owner.takeDirty(rounds > MAX_ROUNDS, getContext().getSelf().narrow());
        return this;
    }

    private Behavior<Command> onDirtyKeys(DirtyKeys dirty) {
        CompletionStage<Done> sent = CompletableFuture.completedFuture(Done.getInstance());
        for (List<ExportChunk> batch : Batches.split(dirty.chunks(), limits.get())) {
            sent = sent.thenCompose(done -> sendAndCount(batch));
        }
        getContext().pipeToSelf(sent, (done, failure) -> failure != null ? new Fail("catch-up failed: " + failure.getMessage())
                : new CatchUpSent(dirty.sealed(), dirty.keys()));
        return this;
    }

    /** After a sealed round the target has everything; after a quiet round, the next one seals. */
    private Behavior<Command> onCatchUpSent(CatchUpSent sent) {
        if (sent.sealed()) {
            ready = true;
            // The entity hears first, so that a commit answering the report always finds it ready.
            owner.ended(true);
            reportTo.tell(new MigrationReport.ReadyToCommit(slot, session, keysMoved, bytesMoved));
            return this;
        }
        if (sent.keys() <= SEAL_BELOW_KEYS) {
            rounds = MAX_ROUNDS;
        }
        return catchUp();
    }

    private Behavior<Command> onReportProgress() {
        if (receiver != null && !ready) {
            double seconds = Math.max(1e-3, (clock.nanos() - startNanos) / 1e9);
            reportTo.tell(new MigrationReport.Progress(slot, session, keysMoved, Math.max(0, snapshotKeys - keysCopied),
                    bytesMoved, keysMoved / seconds));
        }
        return this;
    }

    private Behavior<Command> fail(String reason) {
        if (ready) {
            return this; // sealed and complete: only the dashboard may end it now
        }
        getContext().getLog().warn("slot {}: migration to {} failed: {}", slot, target, reason);
        discard();
        reportTo.tell(new MigrationReport.Failed(slot, session, reason));
        owner.ended(false);
        return Behaviors.stopped();
    }

    private void discard() {
        if (copy != null) {
            copy.shutdown();
        }
        if (receiver != null) {
            receiver.tell(new MigrationReceiver.Discard(slot, session));
        }
    }

    private CompletionStage<Done> sendAndCount(List<ExportChunk> batch) {
        return send(batch).thenApply(done -> {
            self.tell(new BatchAcked(Batches.keys(batch), Batches.bytes(batch)));
            return done;
        });
    }

    /** Sends one batch once the pacer lets it, again (same number) when its answer does not come. */
    private CompletionStage<Done> send(List<ExportChunk> batch) {
        long number = seq.incrementAndGet();
        return paced(batch).thenCompose(done -> attempt(batch, number, 1));
    }

    /** Completes when the pacer lets {@code batch} go, looking at the limits again every slice. */
    private CompletionStage<Done> paced(List<ExportChunk> batch) {
        long wait = pacer.waitNanos();
        if (wait <= 0) {
            pacer.sent(Batches.keys(batch), Batches.bytes(batch));
            return CompletableFuture.completedFuture(Done.getInstance());
        }
        return Patterns.after(Duration.ofNanos(wait), system.classicSystem().scheduler(), executor,
                () -> paced(batch));
    }

    private CompletionStage<Done> attempt(List<ExportChunk> batch, long number, int attempt) {
        CompletionStage<MigrationReceiver.Ack> asked = AskPattern.ask(receiver,
                replyTo -> new MigrationReceiver.Batch(slot, session, number, batch, replyTo), ASK_TIMEOUT,
                system.scheduler());
        return asked.handle((ack, failure) -> {
            if (ack != null && ack.ok()) {
                return CompletableFuture.completedFuture(Done.getInstance());
            }
            if (ack != null) {
                return CompletableFuture.<Done>failedFuture(new IllegalStateException("target refused batch " + number + ": " + ack.error()));
            }
            if (attempt >= SEND_ATTEMPTS) {
                return CompletableFuture.<Done>failedFuture(new IllegalStateException("batch " + number + " not acknowledged after "
                        + attempt + " tries: " + failure.getMessage()));
            }
            return attempt(batch, number, attempt + 1).toCompletableFuture();
        }).thenCompose(stage -> stage);
    }
}
