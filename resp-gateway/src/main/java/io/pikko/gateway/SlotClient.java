package io.pikko.gateway;

import io.pikko.actors.ReplySink;
import io.pikko.actors.SlotEntity;
import io.pikko.protocol.NodeClock;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotReply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A connection's requests to slot entities: sends each with an id, matches answers to callbacks,
 * and answers with an error whatever has not come back within the request timeout. A blocking
 * command (BLPOP, ...) may wait at its slot as long as its own timeout says, so it gets that
 * timeout plus the request timeout, or none when it waits for ever. A {@code TRYAGAIN} answer (the
 * slot is changing owner and holds writes back for a moment) is not passed on: the request goes
 * again at the next tick, until it is answered or its time is up. Event loop only.
 *
 * <p>Between {@link #hold} and {@link #release} requests are gathered per slot and then sent as one
 * message per slot, in the order they were asked: what a connection reads from its socket at once
 * reaches each slot in one hop, and a local slot answers it in one hand-off to the event loop.
 */
final class SlotClient {
    /** A blocking command's deadline is its wait plus the request timeout; a wait beyond this has none. */
    private static final long LONGEST_DEADLINE_NANOS = TimeUnit.DAYS.toNanos(365);

    /**
     * A request that slept this long without an answer while its slot changed owner is sent again:
     * the move's hand-off may have dropped it. Slot entities answer a write sent twice only once.
     */
    private static final long RESEND_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** {@code deadlineNanos} counts only when {@code expires}. */
    private static final class Pending {
        final int slot;
        final SlotOp op;
        final boolean expires;
        final long deadlineNanos;
        final Consumer<Reply> callback;
        long sentNanos;

        Pending(int slot, SlotOp op, boolean expires, long sentNanos, long deadlineNanos, Consumer<Reply> callback) {
            this.slot = slot;
            this.op = op;
            this.expires = expires;
            this.sentNanos = sentNanos;
            this.deadlineNanos = deadlineNanos;
            this.callback = callback;
        }
    }

    private final SlotRouter router;
    private final ActorRef<SlotReply> replyTo;
    private final ReplySink sink;
    /** Requests asked while held, per slot, in the order asked. */
    private final Map<Integer, List<SlotEntity.Request>> outbox = new LinkedHashMap<>();
    private int holds;
    private final long timeoutNanos;
    private final NodeClock clock;
    // Ids grow and every request has the same timeout, so insertion order is deadline order.
    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    // Blocking commands, each with its own deadline; a connection has few of them (one, usually).
    private final Map<Long, Pending> blocking = new HashMap<>();
    /** Requests answered TRYAGAIN, to be sent again at the next tick. */
    private final List<Long> again = new ArrayList<>();
    private long nextId;

    /**
     * Entities answer remote requests and waiting ones to {@code replyTo}, and the batches of a local
     * entity to {@code sink}; both must hand the answers to {@link #onReply} on the event loop.
     */
    SlotClient(SlotRouter router, ActorRef<SlotReply> replyTo, ReplySink sink, long timeoutNanos, NodeClock clock) {
        this.router = router;
        this.replyTo = replyTo;
        this.sink = sink;
        this.timeoutNanos = timeoutNanos;
        this.clock = clock;
    }

    void ask(int slot, SlotOp op, Consumer<Reply> callback) {
        long id = ++nextId;
        long now = clock.nanos();
        pending.put(id, new Pending(slot, op, true, now, now + timeoutNanos, callback));
        send(slot, op, id, false);
    }

    /** Sends a blocking command that may wait {@code waitMillis} at its slot (0: for ever). */
    void askBlocking(int slot, SlotOp op, long waitMillis, Consumer<Reply> callback) {
        long id = ++nextId;
        long waitNanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
        boolean expires = waitMillis > 0 && waitNanos < LONGEST_DEADLINE_NANOS;
        long now = clock.nanos();
        blocking.put(id, new Pending(slot, op, expires, now, now + waitNanos + timeoutNanos, callback));
        send(slot, op, id, false);
    }

    /** Gathers requests from now until the matching {@link #release}; holds nest. */
    void hold() {
        holds++;
    }

    /** Sends what was gathered, one message per slot, when the outermost hold ends. */
    void release() {
        if (--holds > 0) {
            return;
        }
        outbox.forEach((slot, requests) -> router.send(slot, requests, sink));
        outbox.clear();
    }

    private void send(int slot, SlotOp op, long id, boolean again) {
        SlotEntity.Request request = new SlotEntity.Request(op, id, replyTo, again, settledBelow());
        if (holds > 0) {
            outbox.computeIfAbsent(slot, s -> new ArrayList<>()).add(request);
        } else {
            router.send(slot, List.of(request), sink);
        }
    }

    /** Every request with a lower id is answered or failed: this connection sends none of them again. */
    private long settledBelow() {
        long lowest = pending.isEmpty() ? nextId : pending.keySet().iterator().next();
        for (long id : blocking.keySet()) {
            lowest = Math.min(lowest, id);
        }
        return lowest;
    }

    /** The connection is closing: its waiting blocking commands stop waiting, so no data is popped for it. */
    void cancelBlocking() {
        blocking.forEach((id, p) -> cancel(p.slot, id));
        blocking.clear();
    }

    /** CLIENT UNBLOCK: the waiting blocking command is answered now, as timed out or with an error. */
    void unblock(boolean error) {
        blocking.forEach((id, p) -> router.tell(p.slot, new SlotEntity.UnblockClient(replyTo, id, error)));
    }

    private void cancel(int slot, long id) {
        router.tell(slot, new SlotEntity.CancelBlocked(replyTo, id));
    }

    /** Asks each slot in turn order and calls {@code done} with the replies in the same order. */
    void askAll(int[] slots, java.util.function.IntFunction<SlotOp> opForSlot, Consumer<List<Reply>> done) {
        Reply[] replies = new Reply[slots.length];
        int[] remaining = {slots.length};
        if (slots.length == 0) {
            done.accept(List.of());
            return;
        }
        for (int i = 0; i < slots.length; i++) {
            int index = i;
            ask(slots[i], opForSlot.apply(slots[i]), reply -> {
                replies[index] = reply;
                if (--remaining[0] == 0) {
                    done.accept(new ArrayList<>(Arrays.asList(replies)));
                }
            });
        }
    }

    void onReply(SlotReply reply) {
        if (reply.reply() instanceof Reply.Error error && error.text().startsWith("TRYAGAIN")
                && (pending.containsKey(reply.requestId()) || blocking.containsKey(reply.requestId()))) {
            again.add(reply.requestId());
            return;
        }
        Pending p = pending.remove(reply.requestId());
        if (p == null) {
            p = blocking.remove(reply.requestId());
        }
        if (p != null) {
            p.callback.accept(reply.reply());
        }
    }

    /**
     * Sends the TRYAGAIN requests again, and those that may have been lost in a slot's hand-off,
     * then fails the requests whose time is up.
     */
    void tick() {
        long now = clock.nanos();
        for (long id : again) {
            Pending p = pending.containsKey(id) ? pending.get(id) : blocking.get(id);
            if (p != null) {
                p.sentNanos = now;
                send(p.slot, p.op, id, true);
            }
        }
        again.clear();
        pending.forEach((id, p) -> {
            if (now - p.sentNanos > RESEND_AFTER_NANOS && router.movedRecently(p.slot)) {
                p.sentNanos = now;
                send(p.slot, p.op, id, true);
            }
        });
        expireOverdue();
    }

    /** Fails the requests whose time is up; their late answers, if any, are dropped. */
    private void expireOverdue() {
        long now = clock.nanos();
        List<Pending> overdue = new ArrayList<>();
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (p.deadlineNanos - now > 0) {
                break;
            }
            it.remove();
            overdue.add(p);
        }
        Iterator<Map.Entry<Long, Pending>> blocked = blocking.entrySet().iterator();
        while (blocked.hasNext()) {
            Map.Entry<Long, Pending> entry = blocked.next();
            Pending p = entry.getValue();
            if (p.expires && p.deadlineNanos - now <= 0) {
                blocked.remove();
                cancel(p.slot, entry.getKey());
                overdue.add(p);
            }
        }
        for (Pending p : overdue) {
            p.callback.accept(Reply.error("ERR timeout: slot " + p.slot + " was not served within "
                    + timeoutNanos / 1_000_000 + " ms"));
        }
    }

    int inFlight() {
        return pending.size() + blocking.size();
    }
}
