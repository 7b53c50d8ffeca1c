package io.pikko.actors;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.pikko.actors.migration.MigrationLimits;
import io.pikko.actors.migration.MigrationReport;
import io.pikko.actors.migration.MigrationSession;
import io.pikko.actors.replication.BinlogPage;
import io.pikko.actors.replication.ReplicaFeed;
import io.pikko.actors.replication.ReplicationBoard;
import io.pikko.actors.replication.SnapshotPage;
import io.pikko.commands.BlockingCall;
import io.pikko.commands.ResolvedCommand;
import io.pikko.protocol.CborSerializable;
import io.pikko.protocol.KeyspaceEvents;
import io.pikko.protocol.NodeClock;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotReply;
import io.pikko.storage.BinlogPosition;
import io.pikko.storage.DueExpiration;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.SlotKeyspace;
import io.pikko.storage.StorageException;
import java.time.Duration;
import java.util.ArrayList;
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
        @JsonSubTypes.Type(value = Requests.class, name = "requests"),
        @JsonSubTypes.Type(value = ExpireDue.class, name = "expire-due"),
        @JsonSubTypes.Type(value = SweepGarbage.class, name = "sweep-garbage"),
        @JsonSubTypes.Type(value = CancelBlocked.class, name = "cancel-blocked"),
        @JsonSubTypes.Type(value = UnblockClient.class, name = "unblock-client"),
        @JsonSubTypes.Type(value = Unwatch.class, name = "unwatch"),
        @JsonSubTypes.Type(value = Seal.class, name = "seal"),
        @JsonSubTypes.Type(value = Unseal.class, name = "unseal"),
        @JsonSubTypes.Type(value = Locate.class, name = "locate"),
        @JsonSubTypes.Type(value = MigrateOut.class, name = "migrate-out"),
        @JsonSubTypes.Type(value = CommitMigration.class, name = "commit-migration"),
        @JsonSubTypes.Type(value = AbortMigration.class, name = "abort-migration"),
        @JsonSubTypes.Type(value = UpdateMigrationLimits.class, name = "update-migration-limits"),
        @JsonSubTypes.Type(value = ReadBinlog.class, name = "read-binlog"),
        @JsonSubTypes.Type(value = ReadSnapshot.class, name = "read-snapshot")
    })
    public sealed interface Command extends CborSerializable {}

    /**
     * Do {@code op} and answer {@code replyTo} with a {@link SlotReply} carrying {@code requestId}.
     * {@code again}: the gateway sent this request before (it may have been lost in a hand-off), so
     * a write that did run answers as it did then instead of running twice. {@code settledBelow}:
     * the connection will send none of its requests with a lower id again.
     */
    public record Request(SlotOp op, long requestId, ActorRef<SlotReply> replyTo, boolean again, long settledBelow)
            implements Command {
        /** A request sent once, by a sender that sends nothing again. */
        public Request(SlotOp op, long requestId, ActorRef<SlotReply> replyTo) {
            this(op, requestId, replyTo, false, requestId);
        }
    }

    /**
     * Requests of one connection for this slot, in the order it sent them (what one read from its
     * socket brought): one message instead of many. Each is answered to its own {@code replyTo}.
     */
    public record Requests(List<Request> requests) implements Command {}

    /**
     * Requests from a connection of this node, sent straight to the entity (see {@link LocalSlots}):
     * run in order, and answered all at once to {@code sink}. It never leaves the node, so it is
     * never serialized.
     */
    public record LocalRequests(int slot, List<Request> requests, ReplySink sink) implements Command {}

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
     * CLIENT UNBLOCK: the request {@code requestId} of {@code replyTo}, if it still waits here, is
     * answered now, as if its timeout passed, or with the UNBLOCKED error when {@code error}.
     */
    public record UnblockClient(ActorRef<SlotReply> replyTo, long requestId, boolean error) implements Command {}

    /** The connection that watched keys under {@code token} is done with them (UNWATCH, DISCARD, closed). */
    public record Unwatch(long token) implements Command {}

    /**
     * The slot is about to be given to another group without moving data: if it holds no key, it
     * refuses writes for {@code millis} (or until {@link Unseal}), so that no write lands here in
     * the moment before its shard moves. Answers {@link SealReply}.
     */
    public record Seal(long millis, ActorRef<SealReply> replyTo) implements Command {}

    /** The reassignment did not happen: writes are welcome again. */
    public record Unseal() implements Command {}

    /**
     * Stop: this node became a replica of a standalone master ({@code SLAVEOF}), whose follower
     * now writes the slot. Sent by this node only.
     */
    public enum Retire implements Command { INSTANCE }

    /** Where the slot is served now: answers {@link Location}, starting the entity where it belongs if need be. */
    public record Locate(ActorRef<Location> replyTo) implements Command {}

    /** The slot's entity runs in the actor system at {@code address} (its {@code pekko://...} address). */
    public record Location(int slot, String address) implements CborSerializable {}

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

    /**
     * A replica of the slot's group (named by its RESP address) reads the binlog after its
     * position {@code after}; answered with a {@link BinlogPage}, at once when there is something
     * new, else when a write brings something or after {@link #READ_WAIT}.
     */
    public record ReadBinlog(String replica, BinlogPosition after, int maxRecords, long maxBytes,
                             ActorRef<BinlogPage> replyTo) implements Command {}

    /** The next page of a replica's full sync {@code syncId}; a new id starts from a new snapshot. */
    public record ReadSnapshot(String replica, long syncId, long maxBytes, ActorRef<SnapshotPage> replyTo) implements Command {}

    /** Held binlog reads that waited long enough get their empty answer. */
    private enum ReleaseReads implements Command { INSTANCE }

    /** A WAIT's time is up: the waits due are answered. */
    private enum SettleWaits implements Command { INSTANCE }

    /** How long a write in consistent mode waits for a majority before its client is told NOREPLICAS. */
    public static final Duration ACK_WAIT = Duration.ofSeconds(3);

    /** How long a replica's read of the binlog waits for a write before it is answered with nothing new. */
    public static final Duration READ_WAIT = Duration.ofMillis(500);

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
    private final RecentWrites recentWrites;
    private final SlotSeal seal;
    private final MigrationSource migration;
    private final SlotExpiry expiry;
    private final SlotGarbage garbage;
    private final SlotScripts scripts;
    private final SlotTransaction transactions;
    private final CodisKeyLocks codisLocks = new CodisKeyLocks();
    private final LocalSlots localSlots;
    private final ReplicaFeed feed;
    private final ReplicationBoard board;
    /** The slot's newest binlog sequence when the request being run began: did it write? */
    private long seqBeforeRequest;
    private boolean releaseScheduled;
    /** The answers of the {@link LocalRequests} being run, delivered together when it ends; else null. */
    private List<SlotReply> collected;

    private SlotEntity(ActorContext<Command> context, SlotKeyspace keyspace, NodeClock clock, LocalSlots localSlots,
                       KeyspaceEvents events, ReplicationBoard board) {
        super(context);
        this.keyspace = keyspace;
        this.localSlots = localSlots;
        this.clock = clock;
        this.recentWrites = new RecentWrites(clock);
        this.commands = new SlotCommands(keyspace, clock, context.getLog(), events);
        this.seal = new SlotSeal(clock);
        this.migration = new MigrationSource(keyspace, seal, clock, context.getLog());
        this.expiry = new SlotExpiry(keyspace, clock, events);
        this.garbage = new SlotGarbage(keyspace);
        this.scripts = new SlotScripts(commands, keyspace.slot(), context.getExecutionContext(), context.getLog());
        this.transactions = new SlotTransaction(commands, clock);
        this.feed = new ReplicaFeed(keyspace, clock, board);
        this.board = board;
        localSlots.started(keyspace.slot(), context.getSelf());
    }

    /** {@code command} addressed to slot {@code slot}'s entity through a shard region. */
    public static ShardingEnvelope<Command> envelope(int slot, Command command) {
        return new ShardingEnvelope<>(Integer.toString(slot), command);
    }

    /**
     * {@code clock} is the time the slot's commands see: expiry, TTLs, blocking timeouts, seals.
     * The entity is listed in {@code localSlots} while it runs, and {@code events} hears what its
     * writes and expiry do to keys (keyspace notifications). Where its replicas stand goes on {@code board}.
     */
    public static Behavior<Command> create(int slot, PikkoStore store, int databases, NodeClock clock, LocalSlots localSlots,
                                           KeyspaceEvents events, ReplicationBoard board) {
        return Behaviors.setup(context -> new SlotEntity(context, new SlotKeyspace(store, slot, databases), clock,
                localSlots, events, board));
    }

    /** An entity that no connection reaches the short way and that reports no keyspace events (tests, tools). */
    public static Behavior<Command> create(int slot, PikkoStore store, int databases, NodeClock clock) {
        return create(slot, store, databases, clock, new LocalSlots(), KeyspaceEvents.NONE, new ReplicationBoard(store::replicationOffset));
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
                .onMessage(Requests.class, this::onRequests)
                .onMessage(LocalRequests.class, this::onLocalRequests)
                .onMessage(BlockTimeout.class, this::onBlockTimeout)
                .onMessage(CancelBlocked.class, this::onCancelBlocked)
                .onMessage(UnblockClient.class, this::onUnblockClient)
                .onMessage(Unwatch.class, unwatch -> {
                    transactions.forget(unwatch.token());
                    return this;
                })
                .onMessage(ExpireDue.class, this::onExpireDue)
                .onMessage(SweepGarbage.class, this::onSweepGarbage)
                .onMessage(Seal.class, this::onSeal)
                .onMessage(Locate.class, locate -> {
                    locate.replyTo().tell(new Location(keyspace.slot(), getContext().getSystem().address().toString()));
                    return this;
                })
                .onMessage(Unseal.class, unseal -> {
                    seal.endReassignment();
                    return this;
                })
                .onMessage(MigrateOut.class, this::onMigrateOut)
                .onMessageEquals(Retire.INSTANCE, Behaviors::stopped)
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
                .onMessage(ReadBinlog.class, read -> {
                    feed.read(new ReplicaFeed.Read(read.replica(), read.after(), read.maxRecords(), read.maxBytes(), read.replyTo()));
                    scheduleRelease();
                    return this;
                })
                .onMessage(ReadSnapshot.class, read -> {
                    feed.snapshot(new ReplicaFeed.SnapshotRead(read.replica(), read.syncId(), read.maxBytes(), read.replyTo()));
                    return this;
                })
                .onMessageEquals(SettleWaits.INSTANCE, () -> {
                    feed.settleWaits();
                    return this;
                })
                .onMessageEquals(ReleaseReads.INSTANCE, () -> {
                    releaseScheduled = false;
                    feed.releaseStale(READ_WAIT.toMillis());
                    feed.failHeld(ACK_WAIT.toMillis());
                    scheduleRelease();
                    return this;
                })
                .onSignal(PostStop.class, stop -> onPostStop())
                .build();
    }

    private Behavior<Command> onRequests(Requests batch) {
        for (Request request : batch.requests()) {
            if (scripts.running()) {
                // A script started by an earlier request of the batch: the rest waits for it.
                scripts.arrived(request);
            } else {
                onRequest(request);
            }
        }
        return this;
    }

    private Behavior<Command> onLocalRequests(LocalRequests batch) {
        collected = new ArrayList<>(batch.requests().size());
        long before = keyspace.binlog().lastSeq();
        try {
            for (Request request : batch.requests()) {
                if (scripts.running()) {
                    // A script started by an earlier request of the batch: the rest waits for it.
                    scripts.arrived(request);
                } else {
                    onRequest(request);
                }
            }
            List<SlotReply> replies = collected;
            long seq = keyspace.binlog().lastSeq();
            if (board.acksNeeded(keyspace.slot()) > 0 && seq > before) {
                feed.hold(seq, ok -> batch.sink().deliver(ok ? replies : replies.stream().map(SlotEntity::noReplicas).toList()));
                scheduleRelease();
            } else {
                batch.sink().deliver(replies);
            }
        } finally {
            collected = null;
        }
        return this;
    }

    private Behavior<Command> onRequest(Request request) {
        // Records written from here on carry the group's epoch as this node knows it.
        keyspace.binlog().setEpoch(board.epoch(keyspace.slot()));
        seqBeforeRequest = keyspace.binlog().lastSeq();
        SlotOp op = request.op();
        Optional<ResolvedCommand> command = op instanceof SlotOp.RunCommand run ? ResolvedCommand.of(run) : Optional.empty();
        boolean write = op instanceof SlotOp.FlushKeys || command.map(ResolvedCommand::isWrite).orElse(false)
                || op instanceof SlotOp.Transaction transaction && SlotTransaction.writes(transaction)
                || op instanceof SlotOp.RunScript script && !script.readOnly();
        if (write && seal.refusesWrites()) {
            answer(request, Reply.error("TRYAGAIN slot " + keyspace.slot() + " is being given to another group"));
            return this;
        }
        if (write && board.fenced(keyspace.slot())) {
            // Gateways send it again: to this node once the lease is back, or to a promoted replica.
            answer(request, Reply.error("TRYAGAIN the master of slot " + keyspace.slot()
                    + " has not heard from the sentinel: its write lease ran out, a failover may be under way"));
            return this;
        }
        if (write && codisLocks.refuses(op, command, clock.millis())) {
            answer(request, Reply.error("TRYAGAIN key is being migrated to another Codis server"));
            return this;
        }
        if (op instanceof SlotOp.CodisLock lock) {
            answer(request, codisLocks.lock(lock, clock.millis(), run -> commands.run(ResolvedCommand.of(run).orElseThrow())));
            return this;
        }
        if (op instanceof SlotOp.CodisUnlock unlock) {
            return onCodisUnlock(request, unlock);
        }
        if (op instanceof SlotOp.CodisWrapped wrapped) {
            return onCodisWrapped(request, wrapped);
        }
        Optional<Reply> earlier = write && request.again()
                ? recentWrites.answered(request.replyTo(), request.requestId()) : Optional.empty();
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
        if (op instanceof SlotOp.AwaitReplicas await) {
            return onAwaitReplicas(request, await);
        }
        if (op instanceof SlotOp.KillScript) {
            answer(request, SlotScripts.NOTBUSY);
            return this;
        }
        Optional<BlockingCall> blocking = command.flatMap(ResolvedCommand::blockingCall);
        if (blocking.isPresent()) {
            return onBlockingRequest(request, command.get(), blocking.get());
        }
        if (op instanceof SlotOp.FlushKeys flush) {
            migration.flushing();
            transactions.flushing(flush.db());
        }
        Reply reply;
        if (command.isPresent()) {
            reply = commands.run(command.get());
        } else if (op instanceof SlotOp.Watch watch) {
            reply = transactions.watch(watch);
        } else if (op instanceof SlotOp.Transaction transaction) {
            reply = transactions.exec(transaction, this::noteWrite);
        } else {
            reply = commands.apply(op);
        }
        answer(request, reply);
        if (write) {
            recentWrites.remember(request.replyTo(), request.requestId(), request.settledBelow(), reply);
        }
        if (command.isPresent()) {
            afterWrite(command.get());
        } else if (op instanceof SlotOp.Transaction) {
            // As in Redis, waiting clients are served after the whole transaction, not within it.
            blocked.serveReady(this::offer);
        }
        return this;
    }

    /** WAIT: answered by the feed once enough replicas caught up, or at its timeout. */
    private Behavior<Command> onAwaitReplicas(Request request, SlotOp.AwaitReplicas await) {
        long timeout = await.timeoutMillis();
        long deadline = timeout == 0 ? 0 : clock.millis() + Math.min(timeout, MAX_TIMER_MILLIS);
        feed.awaitReplicas(await.replicas(), deadline,
                holding -> request.replyTo().tell(new SlotReply(request.requestId(), Reply.integer(holding))));
        if (deadline > 0) {
            getContext().scheduleOnce(Duration.ofMillis(Math.min(timeout, MAX_TIMER_MILLIS)), getContext().getSelf(),
                    SettleWaits.INSTANCE);
        }
        return this;
    }

    /** The end of a Codis migration's hold on keys: with delete, the keys leave this slot as one write. */
    private Behavior<Command> onCodisUnlock(Request request, SlotOp.CodisUnlock unlock) {
        Optional<List<byte[]>> keys = codisLocks.unlock(unlock, clock.millis());
        if (keys.isEmpty()) {
            answer(request, Reply.error("ERR migration lost its hold on the keys (lease lapsed); nothing deleted"));
            return this;
        }
        if (!unlock.delete() || keys.get().isEmpty()) {
            answer(request, Reply.integer(0));
            return this;
        }
        List<byte[]> args = new ArrayList<>();
        args.add("del".getBytes());
        args.addAll(keys.get());
        ResolvedCommand del = ResolvedCommand.of(new SlotOp.RunCommand(unlock.db(), "del", args)).orElseThrow();
        answer(request, commands.run(del));
        afterWrite(del);
        return this;
    }

    /** SLOTSMGRT-EXEC-WRAPPER: where the key is, checked and acted on in one step of the slot. */
    private Behavior<Command> onCodisWrapped(Request request, SlotOp.CodisWrapped wrapped) {
        if (!commands.exists(wrapped.db(), wrapped.hashKey())) {
            answer(request, Reply.array(List.of(Reply.integer(0), Reply.error("ERR the specified key doesn't exist"))));
            return this;
        }
        Optional<ResolvedCommand> command = ResolvedCommand.of(wrapped.command());
        if (command.isEmpty()) {
            answer(request, Reply.array(List.of(Reply.integer(-1), SlotCommands.unknown(wrapped.command()))));
            return this;
        }
        boolean write = command.get().isWrite();
        if (write && codisLocks.holds(wrapped.db(), wrapped.hashKey(), clock.millis())) {
            answer(request, Reply.array(List.of(Reply.integer(1), Reply.error("ERR the specified key is being migrated"))));
            return this;
        }
        if (write && (seal.refusesWrites() || codisLocks.refuses(wrapped.command(), command, clock.millis()))) {
            answer(request, Reply.error("TRYAGAIN key is being migrated"));
            return this;
        }
        Optional<Reply> earlier = write && request.again()
                ? recentWrites.answered(request.replyTo(), request.requestId()) : Optional.empty();
        if (earlier.isPresent()) {
            answer(request, earlier.get());
            return this;
        }
        Reply reply = Reply.array(List.of(Reply.integer(2), commands.run(command.get())));
        answer(request, reply);
        if (write) {
            recentWrites.remember(request.replyTo(), request.requestId(), request.settledBelow(), reply);
        }
        afterWrite(command.get());
        return this;
    }

    /** The script's after-write work (its client is answered by its thread), then the messages held back meanwhile, up to the next script. */
    private Behavior<Command> onScriptEnded(ScriptEnded message) {
        SlotScripts.Ended ended = message.ended();
        scripts.ended(ended);
        if (!(ended.request().op() instanceof SlotOp.RunScript script && script.readOnly())) {
            recentWrites.remember(ended.request().replyTo(), ended.request().requestId(), ended.request().settledBelow(), ended.reply());
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

    private void scheduleRelease() {
        if (feed.holdsReads() && !releaseScheduled) {
            releaseScheduled = true;
            getContext().scheduleOnce(READ_WAIT.dividedBy(2), getContext().getSelf(), ReleaseReads.INSTANCE);
        }
    }

    private void answer(Request request, Reply reply) {
        // Whatever the request wrote goes to the replicas' held reads before its client hears back.
        feed.wake();
        SlotReply answer = new SlotReply(request.requestId(), reply);
        if (collected != null) {
            collected.add(answer);
            return;
        }
        long seq = keyspace.binlog().lastSeq();
        if (board.acksNeeded(keyspace.slot()) > 0 && seq > seqBeforeRequest) {
            // Consistent mode: the client hears back once a majority of the group holds the write.
            feed.hold(seq, ok -> request.replyTo().tell(ok ? answer : noReplicas(answer)));
            scheduleRelease();
        } else {
            request.replyTo().tell(answer);
        }
    }

    /** A held answer whose write a majority did not confirm in time: not acknowledged, though it may have landed. */
    private static SlotReply noReplicas(SlotReply held) {
        return new SlotReply(held.requestId(), Reply.error("NOREPLICAS Not enough good replicas to write."));
    }

    /**
     * After a client's write: the keys it named are sent again to a move's target, and the requests
     * waiting on them are served (in any database, since COPY ... DB writes to another).
     */
    private void afterWrite(ResolvedCommand command) {
        if (!command.isWrite()) {
            return;
        }
        noteWrite(command);
        blocked.serveReady(this::offer);
    }

    /**
     * A write's bookkeeping short of serving waiters: its keys go to a move's target again, break
     * the watches on those it changed, and are marked for the waiters on them.
     */
    private void noteWrite(ResolvedCommand command) {
        migration.wrote(command);
        for (byte[] key : command.keys()) {
            if (command.writesOtherDatabases()) {
                for (int db = 0; db < keyspace.databases(); db++) {
                    touchIfChanged(db, key);
                }
            } else {
                touchIfChanged(command.db(), key);
            }
            if (!blocked.isEmpty()) {
                for (int db = 0; db < keyspace.databases(); db++) {
                    blocked.gotData(db, key);
                }
            }
        }
    }

    private void touchIfChanged(int db, byte[] key) {
        if (commands.lastChanged(db, key)) {
            transactions.touched(db, key);
        }
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
        transactions.touched(waiter.db(), key);
        byte[] destination = waiter.call().destination();
        if (destination != null) {
            migration.wrote(waiter.db(), destination);
            transactions.touched(waiter.db(), destination);
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

    private Behavior<Command> onUnblockClient(UnblockClient unblock) {
        BlockedClients.Waiter waiter = blocked.find(unblock.replyTo(), unblock.requestId());
        if (waiter != null) {
            blocked.remove(waiter);
            waiter.answer(unblock.error() ? Reply.error("UNBLOCKED client unblocked via CLIENT UNBLOCK") : Reply.NIL_ARRAY);
        }
        return this;
    }

    private Behavior<Command> onExpireDue(ExpireDue message) {
        keyspace.binlog().setEpoch(board.epoch(keyspace.slot()));
        try {
            expiry.expire(message.due());
        } catch (StorageException e) {
            getContext().getLog().warn("slot {}: active expiry failed, will retry: {}", keyspace.slot(), e.getMessage());
            return this;
        }
        feed.wake();
        for (DueExpiration due : message.due()) {
            migration.wrote(due.db(), due.key());
            transactions.touched(due.db(), due.key());
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
        feed.close();
        localSlots.stopped(keyspace.slot(), getContext().getSelf());
        return this;
    }
}
