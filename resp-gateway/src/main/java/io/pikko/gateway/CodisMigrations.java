package io.pikko.gateway;

import io.pikko.protocol.Reply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The node's Codis migrations: per database, as codis-server has, the cached connection of the
 * semi-async migration to its target and the batch running on it (one at a time); the sync
 * commands' connections per target. Migrations talk to their targets on their own threads, never
 * on an event loop. Thread-safe.
 */
final class CodisMigrations {
    /** What SLOTSMGRT-ASYNC-STATUS tells of a running batch. */
    static final class Batch {
        final int timeout;
        final int maxbulks;
        final int maxbytes;
        volatile List<byte[]> keys = List.of();
        volatile long sendingMessages;
        volatile long removedKeys;
        private final List<Consumer<Reply>> fences = new ArrayList<>();

        Batch(int timeout, int maxbulks, int maxbytes) {
            this.timeout = timeout;
            this.maxbulks = maxbulks;
            this.maxbytes = maxbytes;
        }
    }

    /** One database's semi-async state. */
    private static final class AsyncSlot {
        CodisTargetConnection target;
        Batch running;
        long lastUse;
        boolean used;
    }

    private final Map<Integer, AsyncSlot> async = new HashMap<>();
    private final Map<String, CodisTargetConnection> sync = new HashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "codis-migration");
        thread.setDaemon(true);
        return thread;
    });

    void submit(Runnable migration) {
        workers.execute(migration);
    }

    /** Starts a batch in {@code db}; false when one runs there already. */
    synchronized boolean begin(int db, Batch batch) {
        AsyncSlot slot = async.computeIfAbsent(db, d -> new AsyncSlot());
        if (slot.running != null) {
            return false;
        }
        slot.running = batch;
        return true;
    }

    /**
     * The batch's connection to {@code host:port}: the cached one when it goes there, else a new
     * one replacing it (a batch running on the old one cannot exist: {@link #begin} allows one).
     */
    CodisTargetConnection asyncTarget(int db, String host, int port, int timeout) throws IOException {
        CodisTargetConnection old;
        synchronized (this) {
            AsyncSlot slot = async.get(db);
            slot.lastUse = System.currentTimeMillis();
            if (slot.target != null && slot.target.isTo(host, port)) {
                return slot.target;
            }
            old = slot.target;
            slot.target = null;
        }
        if (old != null) {
            old.close();
        }
        CodisTargetConnection opened = CodisTargetConnection.open(host, port, timeout);
        synchronized (this) {
            AsyncSlot slot = async.get(db);
            slot.target = opened;
            slot.used = false;
        }
        return opened;
    }

    /** The batch ended with {@code reply}: the clients waiting in FENCE get it too. */
    void end(int db, Batch batch, Reply reply, boolean failed) {
        List<Consumer<Reply>> fences;
        synchronized (this) {
            AsyncSlot slot = async.get(db);
            if (slot.running == batch) {
                slot.running = null;
            }
            if (failed && slot.target != null) {
                slot.target.close();
                slot.target = null;
            }
            fences = new ArrayList<>(batch.fences);
            batch.fences.clear();
        }
        fences.forEach(fence -> fence.accept(reply));
    }

    /** SLOTSMGRT-ASYNC-FENCE: {@code done} now with OK when no batch runs in {@code db}, else with the batch's reply. */
    void fence(int db, Consumer<Reply> done) {
        synchronized (this) {
            AsyncSlot slot = async.get(db);
            if (slot != null && slot.running != null) {
                slot.running.fences.add(done);
                return;
            }
        }
        done.accept(Reply.OK);
    }

    /** SLOTSMGRT-ASYNC-CANCEL: closes the database's migration connection, failing its batch; whether there was one. */
    boolean cancel(int db) {
        CodisTargetConnection target;
        synchronized (this) {
            AsyncSlot slot = async.get(db);
            if (slot == null || slot.target == null) {
                return false;
            }
            target = slot.target;
            slot.target = null;
        }
        target.close();
        return true;
    }

    /** SLOTSMGRT-ASYNC-STATUS: nil when the database has no migration connection. */
    synchronized Reply status(int db) {
        AsyncSlot slot = async.get(db);
        if (slot == null || slot.target == null) {
            return new Reply.NilArray();
        }
        String[] address = slot.target.address().split(":(?=[^:]*$)");
        List<Reply> fields = new ArrayList<>();
        long now = System.currentTimeMillis();
        field(fields, "host", Reply.bulk(address[0]));
        field(fields, "port", number(Long.parseLong(address[1])));
        field(fields, "used", number(slot.used ? 1 : 0));
        field(fields, "timeout", number(slot.running == null ? 0 : slot.running.timeout));
        field(fields, "lastuse", number(slot.lastUse));
        field(fields, "since_lastuse", number(now - slot.lastUse));
        field(fields, "sending_msgs", number(slot.running == null ? 0 : slot.running.sendingMessages));
        field(fields, "blocked_clients", number(slot.running == null ? 0 : 1 + slot.running.fences.size()));
        field(fields, "batched_iterator", slot.running == null ? new Reply.NilArray() : batchStatus(slot.running));
        return Reply.array(fields);
    }

    private static Reply batchStatus(Batch batch) {
        List<Reply> fields = new ArrayList<>();
        List<byte[]> keys = batch.keys;
        field(fields, "keys", Reply.array(List.of(number(keys.size()), Reply.bulks(keys))));
        field(fields, "timeout", number(batch.timeout));
        field(fields, "maxbulks", number(batch.maxbulks));
        field(fields, "maxbytes", number(batch.maxbytes));
        field(fields, "removed_keys", number(batch.removedKeys));
        return Reply.array(fields);
    }

    private static void field(List<Reply> fields, String name, Reply value) {
        fields.add(Reply.bulk(name));
        fields.add(value);
    }

    private static Reply number(long value) {
        return Reply.bulk(Long.toString(value));
    }

    /** Marks the database's connection as having sent its SELECT (and AUTH). */
    synchronized boolean firstUse(int db) {
        AsyncSlot slot = async.get(db);
        boolean first = !slot.used;
        slot.used = true;
        return first;
    }

    /** The sync commands' connection to {@code host:port}, opened when there is none. */
    CodisTargetConnection syncTarget(String host, int port, int timeout) throws IOException {
        String name = host + ":" + port;
        synchronized (this) {
            CodisTargetConnection cached = sync.get(name);
            if (cached != null && cached.isTo(host, port)) {
                return cached;
            }
        }
        CodisTargetConnection opened = CodisTargetConnection.open(host, port, timeout);
        synchronized (this) {
            CodisTargetConnection raced = sync.put(name, opened);
            if (raced != null) {
                raced.close();
            }
        }
        return opened;
    }

    /** A sync connection that failed is not used again. */
    synchronized void dropSync(CodisTargetConnection target) {
        sync.values().remove(target);
        target.close();
    }
}
