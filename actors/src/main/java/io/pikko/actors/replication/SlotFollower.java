package io.pikko.actors.replication;

import io.pikko.actors.LocalSlots;
import io.pikko.actors.ReplicaReads;
import io.pikko.actors.SlotEntity;
import io.pikko.protocol.NodeClock;
import io.pikko.storage.BinlogRecord;
import io.pikko.storage.SlotKeyspace;
import io.pikko.storage.StorageException;
import io.pikko.commands.SlotDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One slot's replica on this node: it reads its master's binlog from its own position and
 * applies the records in order, each page in one atomic write that also stores the records, so
 * its position survives a restart with the data. When its position is not in the master's log
 * (a new replica, one left behind by trimming, or one that kept a dead master's tail) it copies
 * the slot's records from a snapshot first, byte for byte, since the log's records build on them.
 * It writes the slot only while no entity of the slot runs here. Clients' reads reach it only
 * while its node replicates a standalone master ({@link ReplicaReads}); in a cluster they go to the
 * master. Runs on the storage dispatcher, as entities do.
 */
public final class SlotFollower extends AbstractBehavior<SlotFollower.Command> {
    /** Local messages only: a follower never hears from another node but through its asks' answers. */
    public sealed interface Command {}

    /** The slot's master is now the node named (a failover): for reports only, as sharding finds it anyway. */
    public record MasterIs(String master) implements Command {}

    /**
     * The slot left this node's group (moved to another group, or this node left the group): the
     * copy is deleted, position and all, and the follower stops. A slot that comes back later is
     * copied afresh rather than served from a copy that missed what happened meanwhile.
     */
    public enum Drop implements Command { INSTANCE }

    /** The digest of the slot as this replica holds it now. */
    public record Digest(ActorRef<Optional<ReplicaDigest>> replyTo) implements Command {}

    private enum Poll implements Command { INSTANCE }

    private record Paged(BinlogPage page) implements Command {}

    private record Snapshotted(SnapshotPage page) implements Command {}

    private record Failed(String why) implements Command {}

    /** A request for the slot that this node's gateway sent the replica (see {@link LocalSlots#replica}). */
    private record Serve(SlotEntity.Command command) implements Command {}

    /** Records and bytes a master sends in one page of the log. */
    private static final int PAGE_RECORDS = 2000;
    private static final long PAGE_BYTES = 1L << 20;
    /** A full sync page is about this many bytes of the slot's records. */
    private static final long SNAPSHOT_BYTES = 1L << 20;
    private static final Duration ASK_TIMEOUT = SlotEntity.READ_WAIT.plusSeconds(5);
    private static final Duration RETRY = Duration.ofMillis(500);
    /** Status reports to the parent come at most this often while the log streams. */
    private static final long REPORT_EVERY_MILLIS = 200;

    private final SlotKeyspace keyspace;
    private final RecipientRef<SlotEntity.Command> master;
    private final String self;
    private String masterName;
    private final LocalSlots localSlots;
    private final NodeClock clock;
    private final ActorRef<FollowerStatus> reportTo;
    private final ReplicaReads reads;
    private final ActorRef<SlotEntity.Command> readsRef;
    private long syncId;
    private String state = "connecting";
    private long masterSeq;
    private long lagMillis;
    private long fullSyncs;
    private long applied;
    private long lastContact;
    private long reportedAt;
    private long reportedLag = -1;

    private SlotFollower(ActorContext<Command> context, SlotKeyspace keyspace, RecipientRef<SlotEntity.Command> master,
                         String masterName, String self, LocalSlots localSlots, NodeClock clock,
                         ActorRef<FollowerStatus> reportTo) {
        super(context);
        this.keyspace = keyspace;
        this.master = master;
        this.masterName = masterName;
        this.self = self;
        this.localSlots = localSlots;
        this.clock = clock;
        this.reportTo = reportTo;
        this.reads = new ReplicaReads(keyspace, clock, context.getLog());
        this.readsRef = context.messageAdapter(SlotEntity.Command.class, Serve::new);
        localSlots.replicaStarted(keyspace.slot(), readsRef);
        report(true);
        context.getSelf().tell(Poll.INSTANCE);
    }

    /**
     * Follows {@code slot} of this node's store from its master, reached through {@code master}
     * (the slot's entity, wherever sharding runs it), named {@code masterName} in reports;
     * {@code self} names this node to the master.
     */
    public static Behavior<Command> create(SlotKeyspace keyspace, RecipientRef<SlotEntity.Command> master, String masterName,
                                           String self, LocalSlots localSlots, NodeClock clock,
                                           ActorRef<FollowerStatus> reportTo) {
        return Behaviors.setup(context -> new SlotFollower(context, keyspace, master, masterName, self, localSlots, clock,
                reportTo));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessageEquals(Poll.INSTANCE, this::poll)
                .onMessage(Digest.class, digest -> {
                    SlotDigest of = SlotDigest.of(keyspace, clock.millis());
                    digest.replyTo().tell(Optional.of(new ReplicaDigest(keyspace.slot(), state, keyspace.binlog().lastSeq(),
                            of.keys(), of.hex())));
                    return this;
                })
                .onMessage(MasterIs.class, is -> {
                    masterName = is.master();
                    report(true);
                    return this;
                })
                .onMessage(Serve.class, serve -> {
                    reads.serve(serve.command());
                    return this;
                })
                .onMessage(Paged.class, paged -> onPage(paged.page()))
                .onMessage(Snapshotted.class, snapshotted -> onSnapshot(snapshotted.page()))
                .onMessageEquals(Drop.INSTANCE, this::drop)
                .onMessage(Failed.class, failed -> {
                    getContext().getLog().debug("slot {}: replication read failed, retrying: {}", keyspace.slot(), failed.why());
                    getContext().scheduleOnce(RETRY, getContext().getSelf(), Poll.INSTANCE);
                    return this;
                })
                .onSignal(PostStop.class, stop -> {
                    localSlots.replicaStopped(keyspace.slot(), readsRef);
                    return this;
                })
                .build();
    }

    private Behavior<Command> drop() {
        if (!servedHere()) {
            try {
                keyspace.clear();
            } catch (StorageException e) {
                getContext().getLog().warn("slot {}: could not delete the copy of a slot this node no longer replicates: {}",
                        keyspace.slot(), e.getMessage());
            }
        }
        return Behaviors.stopped();
    }

    private Behavior<Command> poll() {
        if (servedHere()) {
            return Behaviors.stopped();
        }
        getContext().ask(BinlogPage.class, master, ASK_TIMEOUT,
                replyTo -> new SlotEntity.ReadBinlog(self, keyspace.binlog().position(), PAGE_RECORDS, PAGE_BYTES, replyTo),
                (page, failure) -> page != null ? new Paged(page) : new Failed(String.valueOf(failure)));
        return this;
    }

    private Behavior<Command> onPage(BinlogPage page) {
        if (servedHere()) {
            return Behaviors.stopped();
        }
        lastContact = clock.millis();
        masterSeq = page.masterSeq();
        if (page.fullSync()) {
            return startFullSync();
        }
        try {
            keyspace.applyReplicated(page.records());
        } catch (StorageException | IllegalArgumentException e) {
            getContext().getLog().warn("slot {}: could not apply the master's records, retrying: {}", keyspace.slot(), e.getMessage());
            getContext().scheduleOnce(RETRY, getContext().getSelf(), Poll.INSTANCE);
            return this;
        }
        applied += page.records().size();
        state = "streaming";
        boolean behind = keyspace.binlog().lastSeq() < masterSeq;
        if (page.records().isEmpty() || !behind) {
            lagMillis = 0;
        } else {
            BinlogRecord last = page.records().get(page.records().size() - 1);
            lagMillis = Math.max(0, clock.millis() - last.timeMillis());
        }
        report(false);
        getContext().getSelf().tell(Poll.INSTANCE);
        return this;
    }

    private Behavior<Command> startFullSync() {
        syncId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        fullSyncs++;
        state = "full-sync";
        try {
            keyspace.clear();
        } catch (StorageException e) {
            getContext().getSelf().tell(new Failed(e.getMessage()));
            return this;
        }
        report(true);
        askSnapshot();
        return this;
    }

    private void askSnapshot() {
        long id = syncId;
        getContext().ask(SnapshotPage.class, master, ASK_TIMEOUT,
                replyTo -> new SlotEntity.ReadSnapshot(self, id, SNAPSHOT_BYTES, replyTo),
                (page, failure) -> page != null ? new Snapshotted(page) : new Failed(String.valueOf(failure)));
    }

    private Behavior<Command> onSnapshot(SnapshotPage page) {
        if (page.syncId() != syncId) {
            return this;
        }
        if (servedHere()) {
            return Behaviors.stopped();
        }
        lastContact = clock.millis();
        try {
            keyspace.applyCopy(page.records());
            if (page.done()) {
                keyspace.markSynced(page.position().seq(), page.position().epoch(), clock.millis());
            }
        } catch (StorageException | IllegalArgumentException e) {
            // The log was cleared when the sync began, so the next read asks for a new full sync.
            syncId = 0;
            getContext().getSelf().tell(new Failed(e.getMessage()));
            return this;
        }
        if (!page.done()) {
            askSnapshot();
            return this;
        }
        syncId = 0;
        state = "streaming";
        report(true);
        getContext().getSelf().tell(Poll.INSTANCE);
        return this;
    }

    /** Once this node serves the slot (it was promoted), the entity owns the slot's data, not the follower. */
    private boolean servedHere() {
        return localSlots.entity(keyspace.slot()) != null;
    }

    private void report(boolean now) {
        long time = clock.millis();
        long position = keyspace.binlog().lastSeq();
        long lagRecords = state.equals("streaming") ? Math.max(0, masterSeq - position) : -1;
        boolean caughtUp = lagRecords == 0 && reportedLag != 0;
        if (!now && !caughtUp && time - reportedAt < REPORT_EVERY_MILLIS) {
            return;
        }
        reportedAt = time;
        reportedLag = lagRecords;
        reportTo.tell(new FollowerStatus(keyspace.slot(), masterName, state, position, masterSeq, lagRecords, lagMillis, fullSyncs,
                applied, lastContact));
    }
}
