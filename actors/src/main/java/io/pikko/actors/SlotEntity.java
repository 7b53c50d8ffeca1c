package io.pikko.actors;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.pikko.actors.migration.MigrationLimits;
import io.pikko.actors.migration.MigrationReport;
import io.pikko.actors.migration.MigrationSession;
import io.pikko.commands.BlockingCall;
import io.pikko.protocol.CborSerializable;
import io.pikko.protocol.NodeClock;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotReply;
import io.pikko.storage.DueExpiration;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.SlotKeyspace;
import io.pikko.storage.StorageException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;

/**
 * One slot's data on this node. It runs its commands one at a time, which gives each command the
 * atomicity Redis gives it per server, and it runs on the storage dispatcher because every
 * command blocks on RocksDB.
 *
 * <p>A blocking command (BLPOP, BLMOVE, BZPOPMIN, ...) that finds no data leaves its request
 * waiting here, and the entity goes on with other commands. After each write the entity serves
 * the requests waiting on the keys that command named, first come first, as Redis does; the
 * waiting request otherwise ends at its timeout, or when its connection cancels it.
 *
 * <p>The entity wires plain parts it owns: {@link SlotCommands} runs the commands,
 * {@link BlockedClients} keeps the waiting requests, {@link RecentWrites} answers a request sent
 * again, {@link SlotSeal} says when writes are refused, {@link MigrationSource} is its side of a
 * move, {@link SlotExpiry} and {@link SlotGarbage} do the background deletions. Each command is
 * looked up in the command table once, as a {@link ResolvedCommand}.
 */
public final class SlotEntity extends AbstractBehavior<SlotEntity.Command> {

    /** The entity's protocol; all but the entity's own timer messages may come from other nodes. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Request.class, name = "request"),
        @JsonSubTypes.Type(value = ExpireDue.class, name = "expire-due"),
        @JsonSubTypes.Type(value = SweepGarbage.class, name = "sweep-garbage"),
        @JsonSubTypes.Type(value = CancelBlocked.class, name = "cancel-blocked"),
        @JsonSubTypes.Type(value = Seal.class, name = "seal"),
        @JsonSubTypes.Type(value = Unseal.class, name = "unseal"),
        @JsonSubTypes.Type(value = MigrateOut.class, name = "migrate-out"),
        @JsonSubTypes.Type(value = CommitMigration.class, name = "commit-migration"),
        @JsonSubTypes.Type(value = AbortMigration.class, name = "abort-migration"),
        @JsonSubTypes.Type(value = UpdateMigrationLimits.class, name = "update-migration-limits")
    })
    public sealed interface Command extends CborSerializable {}

    /** Do {@code op} and answer {@code replyTo} with a {@link SlotReply} carrying {@code requestId}. */
    public record Request(SlotOp op, long requestId, ActorRef<SlotReply> replyTo) implements Command {}

    /** Entries of the expire index that came due; the entity deletes those keys that really expired. */
    public record ExpireDue(List<DueExpiration> due) implements Command {}

    /**
     * Reclaim member records of deleted collections, up to {@code budget} records now; the entity
     * sends itself the next step until its slot is clean.
     */
    public record SweepGarbage(int budget) implements Command {}

    /**
     * The connection {@code replyTo} is gone (or gave up on the request): its request
     * {@code requestId}, if it waits here, stops waiting, so that no data goes to it.
     */
    public record CancelBlocked(ActorRef<SlotReply> replyTo, long requestId) implements Command {}

    /**
     * The slot is about to be given to another group without moving data: if it holds no key, it
     * refuses writes for {@code millis} (or until {@link Unseal}), so that no write lands here in
     * the moment before its shard moves. Answers {@link SealReply}.
     */
    public record Seal(long millis, ActorRef<SealReply> replyTo) implements Command {}

    /** The reassignment did not happen: writes are welcome again. */
    public record Unseal() implements Command {}

    /** {@code sealed} when the slot held no key and now refuses writes; else how many keys it holds. */
    public record SealReply(int slot, boolean sealed, long keys) implements CborSerializable {}

    /**
     * Move this slot's data to node {@code target} (see {@link MigrationSession}); a different
     * session replaces a running one. Reports go to {@code reportTo}.
     */
    public record MigrateOut(long session, String target, MigrationLimits limits, ActorRef<MigrationReport> reportTo)
            implements Command {}

    /** The dashboard gave the slot to the target: stay sealed, and drop this node's copy on stopping. */
    public record CommitMigration(long session) implements Command {}

    /** Call the move off before its commit: the slot is served here as before. */
    public record AbortMigration(long session) implements Command {}

    /** New rates for a running move. */
    public record UpdateMigrationLimits(long session, MigrationLimits limits) implements Command {}

    private record TakeDirty(long session, boolean seal, ActorRef<MigrationSession.DirtyKeys> replyTo) implements Command {}

    private record SessionEnded(long session, boolean ready) implements Command {}

    /** A waiting request's timer went off. */
    private record BlockTimeout(long waiterId) implements Command {}

    /** The slot's running script ended (see {@link SlotScripts}). */
    private record ScriptEnded(SlotScripts.Ended ended) implements Command {}

    /** The slot's script {@code run} has been running longer than its busy threshold. */
    private record ScriptBusy(long run) implements Command {}

    /** Timers are set at most this far ahead (the scheduler refuses very long delays) and set again on expiry. */
    private static final long MAX_TIMER_MILLIS = Duration.ofDays(30).toMillis();

    private final SlotKeyspace keyspace;
    private final NodeClock clock;
    private final SlotCommands commands;
    private final BlockedClients blocked = new BlockedClients();
    private final RecentWrites recentWrites = new RecentWrites();
    private final SlotSeal seal;
    private final MigrationSource migration;
    private final SlotExpiry expiry;
    private final SlotGarbage garbage;
    private final SlotScripts scripts;

    private SlotEntity(ActorContext<Command> context, SlotKeyspace keyspace, NodeClock clock) {
        super(context);
        this.keyspace = keyspace;
        this.clock = clock;
        this.commands = new SlotCommands(keyspace, clock, context.getLog());
        this.seal = new SlotSeal(clock);
        this.migration = new MigrationSource(keyspace, seal, clock, context.getLog());
        this.expiry = new SlotExpiry(keyspace, clock);
        this.garbage = new SlotGarbage(keyspace);
        this.scripts = new SlotScripts(commands, keyspace.slot(), context.getExecutionContext(), context.getLog());
    }

    /** {@code command} addressed to slot {@code slot}'s entity through a shard region. */
    public static ShardingEnvelope<Command> envelope(int slot, Command command) {
        return new ShardingEnvelope<>(Integer.toString(slot), command);
    }

    /** {@code clock} is the time the slot's commands see: expiry, TTLs, blocking timeouts, seals. */
    public static Behavior<Command> create(int slot, PikkoStore store, int databases, NodeClock clock) {
        return Behaviors.setup(context -> new SlotEntity(context, new SlotKeyspace(store, slot, databases), clock));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(ScriptEnded.class, this::onScriptEnded)
                .onMessage(ScriptBusy.class, busy -> {
                    scripts.busy(busy.run());
                    return this;
                })
                // While a script runs, nothing else touches the keyspace; timers and cancels do not.
                .onMessage(Command.class, m -> scripts.running() && !(m instanceof BlockTimeout || m instanceof CancelBlocked),
                        m -> {
                            scripts.arrived(m);
                            return this;
                        })
                .onMessage(Request.class, this::onRequest)
                .onMessage(BlockTimeout.class, this::onBlockTimeout)
                .onMessage(CancelBlocked.class, this::onCancelBlocked)
                .onMessage(ExpireDue.class, this::onExpireDue)
                .onMessage(SweepGarbage.class, this::onSweepGarbage)
                .onMessage(Seal.class, this::onSeal)
                .onMessage(Unseal.class, unseal -> {
                    seal.endReassignment();
                    return this;
                })
                .onMessage(MigrateOut.class, this::onMigrateOut)
                .onMessage(TakeDirty.class, take -> {
                    migration.handOverDirty(take.session(), take.seal(), take.replyTo());
                    return this;
                })
                .onMessage(SessionEnded.class, ended -> {
                    migration.sessionEnded(ended.session(), ended.ready());
                    return this;
                })
                .onMessage(CommitMigration.class, commit -> {
                    migration.commit(commit.session());
                    return this;
                })
                .onMessage(AbortMigration.class, abort -> {
                    migration.abort(abort.session());
                    return this;
                })
                .onMessage(UpdateMigrationLimits.class, update -> {
                    migration.updateLimits(update.session(), update.limits());
                    return this;
                })
                .onSignal(PostStop.class, stop -> onPostStop())
                .build();
    }

    private Behavior<Command> onRequest(Request request) {
        SlotOp op = request.op();
        Optional<ResolvedCommand> command = op instanceof SlotOp.RunCommand run ? ResolvedCommand.of(run) : Optional.empty();
        boolean write = op instanceof SlotOp.FlushKeys || op instanceof SlotOp.RunScript script && !script.readOnly()
                || command.map(ResolvedCommand::isWrite).orElse(false);
        if (write && seal.refusesWrites()) {
            answer(request, Reply.error("TRYAGAIN slot " + keyspace.slot() + " is being given to another group"));
            return this;
        }
        Optional<Reply> earlier = recentWrites.answered(request.replyTo(), request.requestId());
        if (earlier.isPresent()) {
            answer(request, earlier.get());
            return this;
        }
        if (op instanceof SlotOp.RunCommand run && command.isEmpty()) {
            answer(request, SlotCommands.unknown(run));
            return this;
        }
        if (op instanceof SlotOp.RunScript script) {
            ActorRef<Command> self = getContext().getSelf();
            long run = scripts.start(request, script, ended -> self.tell(new ScriptEnded(ended)));
            getContext().scheduleOnce(Duration.ofMillis(Math.max(script.busyMillis(), 1)), self, new ScriptBusy(run));
            return this;
        }
        if (op instanceof SlotOp.KillScript) {
            answer(request, SlotScripts.NOTBUSY);
            return this;
        }
        Optional<BlockingCall> blocking = command.flatMap(ResolvedCommand::blockingCall);
        if (blocking.isPresent()) {
            return onBlockingRequest(request, command.get(), blocking.get());
        }
        if (op instanceof SlotOp.FlushKeys) {
            migration.flushing();
        }
        Reply reply = command.isPresent() ? commands.run(command.get()) : commands.apply(op);
        answer(request, reply);
        if (write) {
            recentWrites.remember(request.replyTo(), request.requestId(), reply);
        }
        command.ifPresent(this::afterWrite);
        return this;
    }

    /** The script's after-write work (its client is answered by its thread), then the messages held back meanwhile, up to the next script. */
    private Behavior<Command> onScriptEnded(ScriptEnded message) {
        SlotScripts.Ended ended = message.ended();
        scripts.ended(ended);
        if (!(ended.request().op() instanceof SlotOp.RunScript script && script.readOnly())) {
            recentWrites.remember(ended.request().replyTo(), ended.request().requestId(), ended.reply());
        }
        for (SlotScripts.Written written : ended.written()) {
            migration.wrote(written.db(), written.key());
            blocked.gotData(written.db(), written.key());
        }
        blocked.serveReady(this::offer);
        Command held;
        while (!scripts.running() && (held = scripts.nextHeldBack()) != null) {
            try {
                receive(getContext(), held);
            } catch (Exception e) {
                // The handlers throw no checked exception; this is only receive's signature.
                throw new IllegalStateException(e);
            }
        }
        return this;
    }

    private static void answer(Request request, Reply reply) {
        request.replyTo().tell(new SlotReply(request.requestId(), reply));
    }

    /**
     * After a client's write: the keys it named are sent again to a move's target, and the requests
     * waiting on them are served (in any database, since COPY ... DB writes to another).
     */
    private void afterWrite(ResolvedCommand command) {
        if (!command.isWrite()) {
            return;
        }
        migration.wrote(command);
        if (blocked.isEmpty()) {
            return;
        }
        for (byte[] key : command.keys()) {
            for (int db = 0; db < keyspace.databases(); db++) {
                blocked.gotData(db, key);
            }
        }
        blocked.serveReady(this::offer);
    }

    /** Serves a waiting request from a key that got data; whether the key is still there for the next one. */
    private boolean offer(BlockedClients.Waiter waiter, byte[] key) {
        SlotCommands.Served served = commands.serve(waiter, key);
        if (served.reply() == null) {
            return served.keyLeft();
        }
        blocked.remove(waiter);
        waiter.answer(served.reply());
        migration.wrote(waiter.db(), key);
        byte[] destination = waiter.call().destination();
        if (destination != null) {
            migration.wrote(waiter.db(), destination);
            blocked.gotData(waiter.db(), destination);
        }
        return served.keyLeft();
    }

    private Behavior<Command> onBlockingRequest(Request request, ResolvedCommand command, BlockingCall call) {
        long now = clock.millis();
        Reply reply = commands.attempt(command, call);
        if (reply != null) {
            answer(request, reply);
            afterWrite(command);
            return this;
        }
        long timeout = call.timeoutMillis();
        long deadline = timeout == 0 ? 0 : timeout > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeout;
        BlockedClients.Waiter waiter = blocked.add(command.db(), call, request.requestId(), request.replyTo(), deadline);
        if (deadline > 0) {
            startTimer(waiter, now);
        }
        return this;
    }

    private void startTimer(BlockedClients.Waiter waiter, long now) {
        long delay = Math.min(waiter.deadline() - now, MAX_TIMER_MILLIS);
        waiter.timer(getContext().scheduleOnce(Duration.ofMillis(Math.max(delay, 1)), getContext().getSelf(),
                new BlockTimeout(waiter.id())));
    }

    private Behavior<Command> onBlockTimeout(BlockTimeout timeout) {
        BlockedClients.Waiter waiter = blocked.get(timeout.waiterId());
        if (waiter == null) {
            return this;
        }
        long now = clock.millis();
        if (waiter.deadline() > now) {
            startTimer(waiter, now);
            return this;
        }
        blocked.remove(waiter);
        waiter.answer(Reply.NIL_ARRAY);
        return this;
    }

    private Behavior<Command> onCancelBlocked(CancelBlocked cancel) {
        BlockedClients.Waiter waiter = blocked.find(cancel.replyTo(), cancel.requestId());
        if (waiter != null) {
            blocked.remove(waiter);
        }
        return this;
    }

    private Behavior<Command> onExpireDue(ExpireDue message) {
        try {
            expiry.expire(message.due());
        } catch (StorageException e) {
            getContext().getLog().warn("slot {}: active expiry failed, will retry: {}", keyspace.slot(), e.getMessage());
            return this;
        }
        for (DueExpiration due : message.due()) {
            migration.wrote(due.db(), due.key());
        }
        return this;
    }

    private Behavior<Command> onSweepGarbage(SweepGarbage sweep) {
        try {
            if (garbage.step(sweep.budget())) {
                // Commands queued meanwhile run before the next step.
                getContext().getSelf().tell(sweep);
            }
        } catch (StorageException e) {
            getContext().getLog().warn("slot {}: garbage sweep failed, will retry: {}", keyspace.slot(), e.getMessage());
        }
        return this;
    }

    private Behavior<Command> onSeal(Seal request) {
        long keys = commands.keysOrMax();
        boolean sealed = keys == 0;
        if (sealed) {
            seal.sealForReassignment(request.millis());
        }
        request.replyTo().tell(new SealReply(keyspace.slot(), sealed, keys));
        return this;
    }

    private Behavior<Command> onMigrateOut(MigrateOut out) {
        migration.start(out, (move, export) -> {
            ActorRef<MigrationSession.Command> child = getContext().spawn(
                    MigrationSession.create(keyspace.slot(), move.session(), move.target(), export, move.limits(),
                            owner(move.session()), move.reportTo(), clock),
                    "migration-" + move.session(), DispatcherSelector.sameAsParent());
            getContext().watchWith(child, new SessionEnded(move.session(), false));
            return child;
        });
        return this;
    }

    /** How session {@code session} reaches this entity. */
    private MigrationSession.Owner owner(long session) {
        ActorRef<Command> self = getContext().getSelf();
        return new MigrationSession.Owner() {
            @Override
            public void takeDirty(boolean seal, ActorRef<MigrationSession.DirtyKeys> replyTo) {
                self.tell(new TakeDirty(session, seal, replyTo));
            }

            @Override
            public void ended(boolean ready) {
                self.tell(new SessionEnded(session, ready));
            }
        };
    }

    /**
     * The slot stops here (handed off, or the node stops): waiting requests are told to try again,
     * which their gateway does, reaching the slot wherever it starts next. After a committed move
     * the slot's data lives on the target, and this node's copy is garbage.
     */
    private Behavior<Command> onPostStop() {
        for (BlockedClients.Waiter waiter : blocked.all()) {
            blocked.remove(waiter);
            waiter.answer(Reply.error("TRYAGAIN slot " + keyspace.slot() + " moved while the request waited"));
        }
        migration.entityStopped();
        return this;
    }
}
