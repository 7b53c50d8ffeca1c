package io.pikko.actors;

import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotReply;


import io.pikko.commands.BlockingCall;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The requests of a slot that wait in a blocking command, kept per database and key in the order
 * they came, which is the order Redis serves them in. Used only by the slot's entity.
 */
final class BlockedClients {

    /** A database and a key that requests wait on. */
    record WaitKey(int db, ByteBuffer key) {
        static WaitKey of(int db, byte[] key) {
            return new WaitKey(db, ByteBuffer.wrap(key));
        }

        byte[] bytes() {
            return key.array();
        }
    }

    /** One waiting request; {@code deadline} is in epoch milliseconds, 0 for none. */
    static final class Waiter {
        private final long id;
        private final int db;
        private final BlockingCall call;
        private final long requestId;
        private final ActorRef<SlotReply> replyTo;
        private final long deadline;
        private Cancellable timer;

        private Waiter(long id, int db, BlockingCall call, long requestId, ActorRef<SlotReply> replyTo, long deadline) {
            this.id = id;
            this.db = db;
            this.call = call;
            this.requestId = requestId;
            this.replyTo = replyTo;
            this.deadline = deadline;
        }

        long id() {
            return id;
        }

        int db() {
            return db;
        }

        BlockingCall call() {
            return call;
        }

        long deadline() {
            return deadline;
        }

        void timer(Cancellable value) {
            timer = value;
        }

        /** Sends the request its answer; it no longer waits. */
        void answer(Reply reply) {
            replyTo.tell(new SlotReply(requestId, reply));
        }
    }

    private final Map<WaitKey, Set<Waiter>> byKey = new HashMap<>();
    private final Map<Long, Waiter> byId = new HashMap<>();
    private long lastId;

    boolean isEmpty() {
        return byId.isEmpty();
    }

    Waiter add(int db, BlockingCall call, long requestId, ActorRef<SlotReply> replyTo, long deadline) {
        Waiter waiter = new Waiter(++lastId, db, call, requestId, replyTo, deadline);
        byId.put(waiter.id, waiter);
        for (byte[] key : call.keys()) {
            byKey.computeIfAbsent(WaitKey.of(db, key), k -> new LinkedHashSet<>()).add(waiter);
        }
        return waiter;
    }

    /** Forgets a waiter, served, timed out or cancelled, and stops its timer. */
    void remove(Waiter waiter) {
        if (byId.remove(waiter.id) == null) {
            return;
        }
        for (byte[] key : waiter.call.keys()) {
            WaitKey waitKey = WaitKey.of(waiter.db, key);
            Set<Waiter> waiters = byKey.get(waitKey);
            if (waiters != null && waiters.remove(waiter) && waiters.isEmpty()) {
                byKey.remove(waitKey);
            }
        }
        if (waiter.timer != null) {
            waiter.timer.cancel();
        }
    }

    /** Every waiting request, in no particular order. */
    List<Waiter> all() {
        return List.copyOf(byId.values());
    }

    Waiter get(long id) {
        return byId.get(id);
    }

    /** The waiter of a connection's request, or null. */
    Waiter find(ActorRef<SlotReply> replyTo, long requestId) {
        for (Waiter waiter : byId.values()) {
            if (waiter.requestId == requestId && waiter.replyTo.equals(replyTo)) {
                return waiter;
            }
        }
        return null;
    }

    boolean waitedOn(WaitKey key) {
        return byKey.containsKey(key);
    }

    /** The requests waiting on a key, first come first. */
    List<Waiter> waitingOn(WaitKey key) {
        Set<Waiter> waiters = byKey.get(key);
        return waiters == null ? List.of() : new ArrayList<>(waiters);
    }
}
