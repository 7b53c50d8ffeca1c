package io.pikko.actors;

import io.pikko.commands.ScanCursors;
import io.pikko.protocol.CborSerializable;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotReply;


import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.pikko.commands.BlockingCall;
import io.pikko.commands.BlockingCommands;
import io.pikko.protocol.CommandSpec;
import io.pikko.protocol.CommandTable;
import io.pikko.commands.SlotContext;
import io.pikko.commands.SlotHandler;
import io.pikko.commands.SlotHandlers;
import io.pikko.actors.migration.MigrationLimits;
import io.pikko.actors.migration.MigrationReport;
import io.pikko.actors.migration.MigrationSession;
import io.pikko.storage.DiskFullException;
import io.pikko.storage.DueExpiration;
import io.pikko.storage.ExportChunk;
import io.pikko.protocol.GlobPattern;
import io.pikko.storage.KeyType;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.ScanPage;
import io.pikko.storage.SlotExport;
import io.pikko.storage.SlotBatch;
import io.pikko.storage.SlotKeyspace;
import io.pikko.storage.StorageException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
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

    /** Timers are set at most this far ahead (the scheduler refuses very long delays) and set again on expiry. */
    private static final long MAX_TIMER_MILLIS = Duration.ofDays(30).toMillis();

    private final SlotKeyspace keyspace;
    private final ScanCursors scanCursors = new ScanCursors();
    private final BlockedClients blocked = new BlockedClients();
    /** Keys that may have received data for waiting requests, in the order they did. */
    private final ArrayDeque<BlockedClients.WaitKey> readyKeys = new ArrayDeque<>();
    /** While now is before this, writes are refused: the slot is being reassigned (see {@link Seal}). */
    private long sealedUntilMillis;
    private final PikkoStore store;
    /** Set while this slot is being moved to another node. */
    private OutgoingMigration migration;
    private final RecentWrites recentWrites = new RecentWrites();

    private SlotEntity(ActorContext<Command> context, PikkoStore store, SlotKeyspace keyspace) {
        super(context);
        this.store = store;
        this.keyspace = keyspace;
    }

    /** {@code command} addressed to slot {@code slot}'s entity through a shard region. */
    public static ShardingEnvelope<Command> envelope(int slot, Command command) {
        return new ShardingEnvelope<>(Integer.toString(slot), command);
    }

    public static Behavior<Command> create(int slot, PikkoStore store, int databases) {
        return Behaviors.setup(context -> new SlotEntity(context, store, new SlotKeyspace(store, slot, databases)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Request.class, this::onRequest)
                .onMessage(ExpireDue.class, this::onExpireDue)
                .onMessage(SweepGarbage.class, this::onSweepGarbage)
                .onMessage(CancelBlocked.class, this::onCancelBlocked)
                .onMessage(Seal.class, this::onSeal)
                .onMessage(Unseal.class, unseal -> {
                    sealedUntilMillis = 0;
                    return this;
                })
                .onMessage(BlockTimeout.class, this::onBlockTimeout)
                .onMessage(MigrateOut.class, this::onMigrateOut)
                .onMessage(TakeDirty.class, this::onTakeDirty)
                .onMessage(SessionEnded.class, this::onSessionEnded)
                .onMessage(CommitMigration.class, this::onCommitMigration)
                .onMessage(AbortMigration.class, abort -> {
                    if (migration != null && migration.session == abort.session() && !migration.committed) {
                        endMigration();
                    }
                    return this;
                })
                .onMessage(UpdateMigrationLimits.class, update -> {
                    if (migration != null && migration.session == update.session()) {
                        migration.child.tell(new MigrationSession.UpdateLimits(update.limits()));
                    }
                    return this;
                })
                .onSignal(PostStop.class, stop -> onPostStop())
                .build();
    }

    private Behavior<Command> onSeal(Seal seal) {
        long keys = safelyCount();
        boolean sealed = keys == 0;
        if (sealed) {
            sealedUntilMillis = System.currentTimeMillis() + seal.millis();
        }
        seal.replyTo().tell(new SealReply(keyspace.slot(), sealed, keys));
        return this;
    }

    /** Keys in every database; a failure to count counts as not empty. */
    private long safelyCount() {
        try {
            long keys = 0;
            for (int db = 0; db < keyspace.databases(); db++) {
                keys += keyspace.count(db);
            }
            return keys;
        } catch (StorageException e) {
            return Long.MAX_VALUE;
        }
    }

    private boolean refusesWrite(SlotOp op) {
        boolean sealed = System.currentTimeMillis() < sealedUntilMillis || (migration != null && migration.sealed);
        return sealed && isWrite(op);
    }

    private static boolean isWrite(SlotOp op) {
        return op instanceof SlotOp.FlushKeys || (op instanceof SlotOp.RunCommand run
                && CommandTable.lookup(run.name()).map(CommandSpec::isWrite).orElse(false));
    }

    private Behavior<Command> onMigrateOut(MigrateOut out) {
        if (migration != null) {
            if (migration.session == out.session() || migration.committed) {
                return this;
            }
            endMigration();
        }
        ActorRef<Command> self = getContext().getSelf();
        long session = out.session();
        MigrationSession.Owner owner = new MigrationSession.Owner() {
            @Override
            public void takeDirty(boolean seal, ActorRef<MigrationSession.DirtyKeys> replyTo) {
                self.tell(new TakeDirty(session, seal, replyTo));
            }

            @Override
            public void ended(boolean ready) {
                self.tell(new SessionEnded(session, ready));
            }
        };
        // The snapshot and the dirty marks start together, here: every later write is marked.
        SlotExport export;
        try {
            export = keyspace.exportSlot(System.currentTimeMillis(), out.limits().chunkElements(), out.limits().batchBytes());
        } catch (StorageException e) {
            out.reportTo().tell(new MigrationReport.Failed(keyspace.slot(), session, "cannot snapshot the slot: " + e.getMessage()));
            return this;
        }
        ActorRef<MigrationSession.Command> child = getContext().spawn(
                MigrationSession.create(keyspace.slot(), session, out.target(), export, out.limits(), owner, out.reportTo()),
                "migration-" + session, DispatcherSelector.sameAsParent());
        getContext().watchWith(child, new SessionEnded(session, false));
        migration = new OutgoingMigration(session, child, out.reportTo(), out.limits());
        return this;
    }

    private Behavior<Command> onTakeDirty(TakeDirty take) {
        if (migration == null || migration.session != take.session()) {
            return this;
        }
        if (take.seal() && !migration.sealed) {
            migration.sealed = true;
            migration.sealedAtNanos = System.nanoTime();
        }
        int keys = migration.dirtyKeys();
        List<ExportChunk> chunks;
        try {
            chunks = migration.takeDirty(keyspace, System.currentTimeMillis());
        } catch (StorageException e) {
            getContext().getLog().error("slot {}: cannot read keys to migrate: {}", keyspace.slot(), e.getMessage());
            migration.reportTo.tell(new MigrationReport.Failed(keyspace.slot(), migration.session, e.getMessage()));
            endMigration();
            return this;
        }
        take.replyTo().tell(new MigrationSession.DirtyKeys(chunks, keys, migration.sealed));
        return this;
    }

    private Behavior<Command> onSessionEnded(SessionEnded ended) {
        if (migration == null || migration.session != ended.session() || migration.committed) {
            return this;
        }
        if (ended.ready()) {
            migration.ready = true;
        } else if (!migration.ready) {
            migration = null;
        }
        return this;
    }

    private Behavior<Command> onCommitMigration(CommitMigration commit) {
        if (migration != null && migration.session == commit.session() && migration.ready) {
            migration.committed = true;
            migration.child.tell(MigrationSession.Commit.INSTANCE);
            getContext().getLog().info("slot {}: moved; this node's copy goes once the shard hands off", keyspace.slot());
        }
        return this;
    }

    /** The move is off: the session drops the target's partial copy, and writes are welcome again. */
    private void endMigration() {
        migration.child.tell(MigrationSession.Abort.INSTANCE);
        migration = null;
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
        if (migration != null && migration.committed) {
            getContext().getLog().info("slot {}: cutover paused writes for {} ms", keyspace.slot(),
                    (System.nanoTime() - migration.sealedAtNanos) / 1_000_000);
            try {
                keyspace.clear();
            } catch (StorageException e) {
                getContext().getLog().warn("slot {}: moved, but its old copy stays here: {}", keyspace.slot(), e.getMessage());
            }
        }
        return this;
    }

    /** Keys this command may have written are sent to the target again. */
    private void markDirty(SlotOp.RunCommand run) {
        if (migration == null) {
            return;
        }
        Optional<CommandSpec> spec = CommandTable.lookup(run.name());
        if (spec.isEmpty() || !spec.get().isWrite()) {
            return;
        }
        // MOVE and COPY ... DB write to another database than the client's.
        boolean otherDatabases = run.name().equals("move") || run.name().equals("copy");
        for (int position : spec.get().keyPositions(run.args())) {
            if (otherDatabases) {
                for (int db = 0; db < keyspace.databases(); db++) {
                    migration.markDirty(db, run.args().get(position));
                }
            } else {
                migration.markDirty(run.db(), run.args().get(position));
            }
        }
    }

    private Behavior<Command> onRequest(Request request) {
        if (refusesWrite(request.op())) {
            request.replyTo().tell(new SlotReply(request.requestId(),
                    Reply.error("TRYAGAIN slot " + keyspace.slot() + " is being given to another group")));
            return this;
        }
        Optional<Reply> earlier = recentWrites.answered(request.replyTo(), request.requestId());
        if (earlier.isPresent()) {
            request.replyTo().tell(new SlotReply(request.requestId(), earlier.get()));
            return this;
        }
        if (request.op() instanceof SlotOp.RunCommand run) {
            Optional<BlockingCall> blocking = BlockingCommands.call(run.name(), run.args());
            if (blocking.isPresent()) {
                return onBlockingRequest(request, run, blocking.get());
            }
        }
        if (migration != null && request.op() instanceof SlotOp.FlushKeys) {
            // A flush would leave the target's copy with keys the source no longer has: start over.
            migration.reportTo.tell(new MigrationReport.Failed(keyspace.slot(), migration.session, "slot flushed during the move"));
            endMigration();
        }
        Reply reply = safely(() -> apply(request.op()));
        request.replyTo().tell(new SlotReply(request.requestId(), reply));
        if (isWrite(request.op())) {
            recentWrites.remember(request.replyTo(), request.requestId(), reply);
        }
        if (request.op() instanceof SlotOp.RunCommand run) {
            markDirty(run);
            serveWaitersAfter(run);
        }
        return this;
    }

    /** Runs a command body, turning a failure into an error reply. */
    private Reply safely(Supplier<Reply> body) {
        try {
            return body.get();
        } catch (DiskFullException e) {
            // Every write fails alike until space is freed: one log line for the spell, not one per write.
            if (e.first()) {
                getContext().getLog().warn("slot {}: {}", keyspace.slot(), e.getMessage());
            }
            return Reply.error("ERR disk full: writes are refused until the data directory has free space");
        } catch (StorageException e) {
            getContext().getLog().error("slot {}: {}", keyspace.slot(), e.getMessage());
            return Reply.error("ERR storage failure: " + e.getMessage());
        } catch (RuntimeException e) {
            // A bug in one command must not take the slot down or leave the client waiting.
            getContext().getLog().error("slot {}: command failed", keyspace.slot(), e);
            return Reply.error("ERR internal error: " + e);
        }
    }

    /** Runs a command body in a batch of its own, committed before the reply goes out. */
    private Reply inBatch(int db, long now, Function<SlotContext, Reply> body) {
        try (SlotBatch batch = keyspace.begin(now)) {
            Reply reply = body.apply(new SlotContext(db, keyspace.databases(), batch, scanCursors));
            batch.commit();
            return reply;
        }
    }

    private Behavior<Command> onBlockingRequest(Request request, SlotOp.RunCommand run, BlockingCall call) {
        long now = System.currentTimeMillis();
        Reply reply = safely(() -> inBatch(run.db(), now, call::attempt));
        if (reply != null) {
            request.replyTo().tell(new SlotReply(request.requestId(), reply));
            markDirty(run);
            serveWaitersAfter(run);
            return this;
        }
        long timeout = call.timeoutMillis();
        long deadline = timeout == 0 ? 0 : timeout > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeout;
        BlockedClients.Waiter waiter = blocked.add(run.db(), call, request.requestId(), request.replyTo(), deadline);
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
        long now = System.currentTimeMillis();
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

    /**
     * After a write, serves the requests waiting on the keys it named (in any database, since
     * COPY ... DB writes to another), then those waiting on keys that serving filled in turn.
     */
    private void serveWaitersAfter(SlotOp.RunCommand run) {
        if (blocked.isEmpty()) {
            return;
        }
        Optional<CommandSpec> spec = CommandTable.lookup(run.name());
        if (spec.isEmpty() || !spec.get().isWrite()) {
            return;
        }
        for (int position : spec.get().keyPositions(run.args())) {
            for (int db = 0; db < keyspace.databases(); db++) {
                markReady(db, run.args().get(position));
            }
        }
        while (!readyKeys.isEmpty()) {
            BlockedClients.WaitKey key = readyKeys.poll();
            for (BlockedClients.Waiter waiter : blocked.waitingOn(key)) {
                if (!offer(waiter, key.bytes())) {
                    break;
                }
            }
        }
    }

    private void markReady(int db, byte[] key) {
        BlockedClients.WaitKey waitKey = BlockedClients.WaitKey.of(db, key);
        if (blocked.waitedOn(waitKey)) {
            readyKeys.add(waitKey);
        }
    }

    /** Offers a key's data to a waiting request; returns whether the key is still there for the next one. */
    private boolean offer(BlockedClients.Waiter waiter, byte[] key) {
        boolean[] keyLeft = {true};
        Reply reply = safely(() -> inBatch(waiter.db(), System.currentTimeMillis(), ctx -> {
            Reply served = waiter.call().serve(ctx, key);
            keyLeft[0] = ctx.batch().get(ctx.db(), key) != null;
            return served;
        }));
        if (reply == null) {
            return keyLeft[0];
        }
        blocked.remove(waiter);
        waiter.answer(reply);
        byte[] destination = waiter.call().destination();
        if (migration != null) {
            migration.markDirty(waiter.db(), key);
            if (destination != null) {
                migration.markDirty(waiter.db(), destination);
            }
        }
        if (destination != null) {
            markReady(waiter.db(), destination);
        }
        return keyLeft[0];
    }

    private Behavior<Command> onExpireDue(ExpireDue message) {
        try (SlotBatch batch = keyspace.begin(System.currentTimeMillis())) {
            for (DueExpiration due : message.due()) {
                batch.expireIfDue(due.db(), due.key(), due.expireAt());
                if (migration != null) {
                    migration.markDirty(due.db(), due.key());
                }
            }
            batch.commit();
        } catch (StorageException e) {
            getContext().getLog().warn("slot {}: active expiry failed, will retry: {}", keyspace.slot(), e.getMessage());
        }
        return this;
    }

    private Behavior<Command> onSweepGarbage(SweepGarbage sweep) {
        if (!keyspace.hasGarbage()) {
            return this;
        }
        try {
            keyspace.sweepGarbage(sweep.budget());
        } catch (StorageException e) {
            getContext().getLog().warn("slot {}: garbage sweep failed, will retry: {}", keyspace.slot(), e.getMessage());
            return this;
        }
        if (keyspace.hasGarbage()) {
            // Commands queued meanwhile run before the next step.
            getContext().getSelf().tell(sweep);
        }
        return this;
    }

    private Reply apply(SlotOp op) {
        long now = System.currentTimeMillis();
        if (op instanceof SlotOp.RunCommand run) {
            return run(run, now);
        } else if (op instanceof SlotOp.CountKeys count) {
            return count.db() >= 0 ? Reply.integer(keyspace.count(count.db())) : countsPerDb();
        } else if (op instanceof SlotOp.ListKeys list) {
            return Reply.bulks(keyspace.keys(list.db(), pattern(list.pattern()), now));
        } else if (op instanceof SlotOp.ScanKeys scan) {
            return scan(scan, now);
        } else if (op instanceof SlotOp.RandomKey random) {
            return Reply.bulk(keyspace.randomKey(random.db(), now));
        } else if (op instanceof SlotOp.FlushKeys flush) {
            if (flush.db() < 0) {
                for (int db = 0; db < keyspace.databases(); db++) {
                    keyspace.flush(db);
                }
            } else {
                keyspace.flush(flush.db());
            }
            return Reply.OK;
        }
        throw new IllegalArgumentException("unknown slot op " + op);
    }

    /** For INFO keyspace: per database, the keys and how many of them have a TTL. */
    private Reply countsPerDb() {
        List<Reply> counts = new ArrayList<>(keyspace.databases());
        for (int db = 0; db < keyspace.databases(); db++) {
            counts.add(Reply.array(List.of(Reply.integer(keyspace.count(db)), Reply.integer(keyspace.expiring(db)))));
        }
        return Reply.array(counts);
    }

    private Reply run(SlotOp.RunCommand run, long now) {
        Optional<SlotHandler> handler = SlotHandlers.lookup(run.name());
        if (handler.isEmpty() || CommandTable.lookup(run.name()).isEmpty()) {
            return Reply.error("ERR unknown command '" + run.name() + "'");
        }
        return inBatch(run.db(), now, ctx -> handler.get().run(ctx, run.args()));
    }

    private Reply scan(SlotOp.ScanKeys scan, long now) {
        byte[] after = scanCursors.resume(scan.token());
        KeyType type = scan.type() == null ? null : KeyType.fromRedisName(scan.type());
        if (scan.type() != null && type == null) {
            return Reply.array(List.of(Reply.ZERO, Reply.EMPTY_ARRAY));
        }
        ScanPage page = keyspace.scan(scan.db(), after, scan.count(), pattern(scan.pattern()), type, now);
        long next = page.continueAfter() == null ? 0 : scanCursors.remember(page.continueAfter());
        return Reply.array(List.of(Reply.integer(next), Reply.bulks(new ArrayList<>(page.keys()))));
    }

    private static GlobPattern pattern(byte[] pattern) {
        if (pattern == null) {
            return null;
        }
        GlobPattern glob = GlobPattern.of(pattern);
        return glob.matchesAll() ? null : glob;
    }
}
