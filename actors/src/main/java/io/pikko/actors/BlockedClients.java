package io.pikko.actors;

import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotReply;


import io.pikko.commands.BlockingCall;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
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
 * they came, which is the order Redis serves them in. After a write, the keys it gave data are
 * offered to their waiters, first come first, as Redis does. Used only by the slot's entity.
 */
final class BlockedClients {

    /** Tries to serve a waiter from a key that has just been given data. */
    @FunctionalInterface
    interface Offer {
        /** Whether the key still holds data for the next waiter. */
        boolean serve(Waiter waiter, byte[] key);
    }

    /** A database and a key that requests wait on. */
    private record WaitKey(int db, ByteBuffer key) {
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
    /** Keys that may have received data for waiting requests, in the order they did. */
    private final ArrayDeque<WaitKey> ready = new ArrayDeque<>();
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

    /** A command gave {@code key} data: requests waiting on it are offered it at the next {@link #serveReady}. */
    void gotData(int db, byte[] key) {
        WaitKey waitKey = WaitKey.of(db, key);
        if (byKey.containsKey(waitKey)) {
            ready.add(waitKey);
        }
    }

    /**
     * Offers each key that got data to the requests waiting on it, first come first, until it runs
     * dry; keys that serving fills in turn ({@link #gotData} from within the offer) are offered too.
     */
    void serveReady(Offer offer) {
        while (!ready.isEmpty()) {
            WaitKey key = ready.poll();
            Set<Waiter> waiters = byKey.get(key);
            for (Waiter waiter : waiters == null ? List.<Waiter>of() : new ArrayList<>(waiters)) {
                if (!offer.serve(waiter, key.bytes())) {
                    break;
                }
            }
        }
    }
}
