package io.pikko.gateway;

import io.pikko.actors.SlotEntity;
import io.pikko.protocol.SlotHash;
import io.pikko.protocol.SlotOp;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Client work sent to each slot by this node: a command, an EXEC's transaction or a script counts
 * one, when first sent (a request sent again after TRYAGAIN or a move does not count twice).
 * Keyspace-wide reads (DBSIZE, SCAN, ...) and WATCH are not counted: they show no slot's load.
 * The counts only grow, from the node's start; the admin API turns them into rates.
 */
public final class SlotLoad {
    private final AtomicLongArray commands = new AtomicLongArray(SlotHash.SLOTS);

    void sent(int slot, List<SlotEntity.Request> requests) {
        int counted = 0;
        for (SlotEntity.Request request : requests) {
            if (!request.again() && isClientWork(request.op())) {
                counted++;
            }
        }
        if (counted > 0) {
            commands.addAndGet(slot, counted);
        }
    }

    private static boolean isClientWork(SlotOp op) {
        return op instanceof SlotOp.RunCommand || op instanceof SlotOp.Transaction || op instanceof SlotOp.RunScript;
    }

    /** Commands sent to {@code slot} since the node started. */
    public long commands(int slot) {
        return commands.get(slot);
    }

    /** Commands sent to each slot since the node started, indexed by slot. */
    public long[] snapshot() {
        long[] counts = new long[SlotHash.SLOTS];
        for (int slot = 0; slot < counts.length; slot++) {
            counts[slot] = commands.get(slot);
        }
        return counts;
    }
}
