package io.pikko.actors;

import io.pikko.actors.command.CommandTable;
import io.pikko.actors.command.SlotContext;
import io.pikko.actors.command.SlotHandler;
import io.pikko.actors.command.SlotHandlers;
import io.pikko.storage.DueExpiration;
import io.pikko.storage.GlobPattern;
import io.pikko.storage.KeyType;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.ScanPage;
import io.pikko.storage.SlotBatch;
import io.pikko.storage.SlotKeyspace;
import io.pikko.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One slot's data on this node. It runs its commands one at a time, which gives each command the
 * atomicity Redis gives it per server, and it runs on the storage dispatcher because every
 * command blocks on RocksDB.
 */
public final class SlotEntity extends AbstractBehavior<SlotEntity.Command> {

    /** The entity's protocol. */
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

    private final SlotKeyspace keyspace;
    private final ScanCursors scanCursors = new ScanCursors();

    private SlotEntity(ActorContext<Command> context, SlotKeyspace keyspace) {
        super(context);
        this.keyspace = keyspace;
    }

    public static Behavior<Command> create(int slot, PikkoStore store, int databases) {
        return Behaviors.setup(context -> new SlotEntity(context, new SlotKeyspace(store, slot, databases)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Request.class, this::onRequest)
                .onMessage(ExpireDue.class, this::onExpireDue)
                .onMessage(SweepGarbage.class, this::onSweepGarbage)
                .build();
    }

    private Behavior<Command> onRequest(Request request) {
        Reply reply;
        try {
            reply = apply(request.op());
        } catch (StorageException e) {
            getContext().getLog().error("slot {}: {}", keyspace.slot(), e.getMessage());
            reply = Reply.error("ERR storage failure: " + e.getMessage());
        } catch (RuntimeException e) {
            // A bug in one command must not take the slot down or leave the client waiting.
            getContext().getLog().error("slot {}: command failed", keyspace.slot(), e);
            reply = Reply.error("ERR internal error: " + e);
        }
        request.replyTo().tell(new SlotReply(request.requestId(), reply));
        return this;
    }

    private Behavior<Command> onExpireDue(ExpireDue message) {
        try (SlotBatch batch = keyspace.begin(System.currentTimeMillis())) {
            for (DueExpiration due : message.due()) {
                batch.expireIfDue(due.db(), due.key(), due.expireAt());
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

    private Reply countsPerDb() {
        List<Reply> counts = new ArrayList<>(keyspace.databases());
        for (int db = 0; db < keyspace.databases(); db++) {
            counts.add(Reply.integer(keyspace.count(db)));
        }
        return Reply.array(counts);
    }

    private Reply run(SlotOp.RunCommand run, long now) {
        Optional<SlotHandler> handler = SlotHandlers.lookup(run.name());
        if (handler.isEmpty() || CommandTable.lookup(run.name()).isEmpty()) {
            return Reply.error("ERR unknown command '" + run.name() + "'");
        }
        try (SlotBatch batch = keyspace.begin(now)) {
            Reply reply = handler.get().run(new SlotContext(run.db(), keyspace.databases(), batch), run.args());
            batch.commit();
            return reply;
        }
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
