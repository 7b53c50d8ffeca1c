package io.pikko.actors;

import io.pikko.commands.BlockingCall;
import io.pikko.commands.ResolvedCommand;
import io.pikko.commands.SlotBatchRunner;
import io.pikko.commands.SlotContext;
import io.pikko.commands.SlotDigest;
import io.pikko.protocol.GlobPattern;
import io.pikko.protocol.KeyspaceEvents;
import io.pikko.protocol.NodeClock;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotOp;
import io.pikko.storage.DiskFullException;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import io.pikko.storage.ScanPage;
import io.pikko.storage.SlotBatch;
import io.pikko.storage.SlotKeyspace;
import io.pikko.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Runs a slot's work on its keyspace: a client's command in a batch of its own (commands'
 * {@link SlotBatchRunner}), committed before the reply goes out, and the slot's part of keyspace-wide requests (KEYS, SCAN, DBSIZE, FLUSHDB, SLOTSDIGEST).
 * A failure becomes an error reply, so that a bug in one command neither stops the slot nor leaves
 * the client waiting. Owned by the slot's entity and used by it only.
 */
final class SlotCommands {
    /** What serving a waiting request from a key gave: its reply (null: not served), and whether the key is left. */
    record Served(Reply reply, boolean keyLeft) {}

    private final SlotKeyspace keyspace;
    private final NodeClock clock;
    private final Logger log;
    private final SlotBatchRunner runner;

    SlotCommands(SlotKeyspace keyspace, NodeClock clock, Logger log) {
        this(keyspace, clock, log, KeyspaceEvents.NONE);
    }

    /** {@code events} hears what each committed command did to keys. */
    SlotCommands(SlotKeyspace keyspace, NodeClock clock, Logger log, KeyspaceEvents events) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.log = log;
        this.runner = new SlotBatchRunner(keyspace, clock, events);
    }

    Reply run(ResolvedCommand command) {
        return safely(() -> runner.run(command));
    }

    /** Any work on the slot's batch, committed after it returns, failures as error replies (a script's run). */
    Reply runInBatch(int db, Function<SlotContext, Reply> body) {
        return safely(() -> runner.inBatch(db, body));
    }

    /** A blocking command's first try: its reply, or null when it must wait. */
    Reply attempt(ResolvedCommand command, BlockingCall call) {
        return safely(() -> runner.inBatch(command.db(), call::attempt));
    }

    /** Serves a waiting request from {@code key}, which a write has just given data. */
    Served serve(BlockedClients.Waiter waiter, byte[] key) {
        boolean[] keyLeft = {true};
        Reply reply = safely(() -> runner.inBatch(waiter.db(), ctx -> {
            Reply served = waiter.call().serve(ctx, key);
            keyLeft[0] = ctx.batch().get(ctx.db(), key) != null;
            return served;
        }));
        return new Served(reply, keyLeft[0]);
    }

    /** Whether commands keep which keys they change: only while some key of the slot is watched. */
    void trackChanges(boolean value) {
        runner.trackChanges(value);
    }

    /**
     * Whether the last command run, attempted or served changed {@code key}; while changes are not
     * tracked, whether it changed anything.
     */
    boolean lastChanged(int db, byte[] key) {
        return runner.lastChanged(db, key);
    }

    /** For WATCH: each key's expiry time now, 0 for a key without one or absent. */
    long[] expiries(int db, List<byte[]> keys) {
        long[] expireAt = new long[keys.size()];
        try (SlotBatch batch = keyspace.begin(clock.millis())) {
            for (int i = 0; i < keys.size(); i++) {
                KeyMeta meta = batch.get(db, keys.get(i));
                expireAt[i] = meta == null ? 0 : meta.expireAt();
            }
            batch.commit();
        }
        return expireAt;
    }

    /** Whether {@code key} holds a live value; a failure to read counts as yes. */
    boolean exists(int db, byte[] key) {
        try (SlotBatch batch = keyspace.begin(clock.millis())) {
            return batch.get(db, key) != null;
        } catch (StorageException e) {
            return true;
        }
    }

    /** The answer to a command this node has no implementation of (a node of another version sent it). */
    static Reply unknown(SlotOp.RunCommand run) {
        return Reply.error("ERR unknown command '" + run.name() + "'");
    }

    /** The slot's part of a keyspace-wide request. */
    Reply apply(SlotOp op) {
        return safely(() -> applyUnsafely(op));
    }

    /** Keys in every database; a failure to count counts as not empty. */
    long keysOrMax() {
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

    private Reply applyUnsafely(SlotOp op) {
        long now = clock.millis();
        if (op instanceof SlotOp.CountKeys count) {
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
        } else if (op instanceof SlotOp.DigestKeys) {
            return SlotDigest.of(keyspace, now).reply();
        }
        throw new IllegalArgumentException("unknown slot op " + op);
    }

    private Reply safely(Supplier<Reply> body) {
        try {
            return body.get();
        } catch (DiskFullException e) {
            // Every write fails alike until space is freed: one log line for the spell, not one per write.
            if (e.first()) {
                log.warn("slot {}: {}", keyspace.slot(), e.getMessage());
            }
            return Reply.error("ERR disk full: writes are refused until the data directory has free space");
        } catch (StorageException e) {
            log.error("slot {}: {}", keyspace.slot(), e.getMessage());
            return Reply.error("ERR storage failure: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("slot {}: command failed", keyspace.slot(), e);
            return Reply.error("ERR internal error: " + e);
        }
    }

    /** For INFO keyspace: per database, the keys and how many of them have a TTL. */
    private Reply countsPerDb() {
        List<Reply> counts = new ArrayList<>(keyspace.databases());
        for (int db = 0; db < keyspace.databases(); db++) {
            counts.add(Reply.array(List.of(Reply.integer(keyspace.count(db)), Reply.integer(keyspace.expiring(db)))));
        }
        return Reply.array(counts);
    }

    private Reply scan(SlotOp.ScanKeys scan, long now) {
        byte[] after = runner.scanCursors().resume(scan.token());
        KeyType type = scan.type() == null ? null : KeyType.fromRedisName(scan.type());
        if (scan.type() != null && type == null) {
            return Reply.array(List.of(Reply.ZERO, Reply.EMPTY_ARRAY));
        }
        ScanPage page = keyspace.scan(scan.db(), after, scan.count(), pattern(scan.pattern()), type, now);
        long next = page.continueAfter() == null ? 0 : runner.scanCursors().remember(page.continueAfter());
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
