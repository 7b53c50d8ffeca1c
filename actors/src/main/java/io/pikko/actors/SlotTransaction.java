package io.pikko.actors;

import io.pikko.commands.ResolvedCommand;
import io.pikko.protocol.NodeClock;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotOp;
import io.pikko.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A slot's side of MULTI/EXEC and WATCH: it keeps the slot's {@link KeyWatches} and runs a
 * transaction's commands one after another within one message of the entity, so that no other
 * command of the slot comes in between. As in Redis, an error of one command does not undo the
 * others. Owned by the slot's entity and used by it only.
 */
final class SlotTransaction {
    private final SlotCommands commands;
    private final NodeClock clock;
    private final KeyWatches watches = new KeyWatches();

    SlotTransaction(SlotCommands commands, NodeClock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** Whether any command of {@code transaction} writes, for the slot's seal and resent requests. */
    static boolean writes(SlotOp.Transaction transaction) {
        for (SlotOp.RunCommand run : transaction.commands()) {
            if (ResolvedCommand.of(run).map(ResolvedCommand::isWrite).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    Reply watch(SlotOp.Watch watch) {
        long[] expireAt;
        try {
            expireAt = commands.expiries(watch.db(), watch.keys());
        } catch (StorageException e) {
            // Not knowing a key's expiry, the watch cannot tell it expired: it is broken from the start.
            watches.broke(watch.token());
            commands.trackChanges(true);
            return Reply.OK;
        }
        watches.watch(watch.token(), watch.extending(), watch.db(), watch.keys(), expireAt);
        commands.trackChanges(true);
        return Reply.OK;
    }

    /**
     * Runs the transaction, handing each command that wrote to {@code afterWrite} right after it
     * ran; a null array, running nothing, when its watch is broken.
     */
    Reply exec(SlotOp.Transaction transaction, Consumer<ResolvedCommand> afterWrite) {
        if (transaction.watchToken() != 0) {
            boolean intact = watches.endIntact(transaction.watchToken(), clock.millis());
            commands.trackChanges(!watches.isEmpty());
            if (!intact) {
                return Reply.NIL_ARRAY;
            }
        }
        List<Reply> replies = new ArrayList<>(transaction.commands().size());
        for (SlotOp.RunCommand run : transaction.commands()) {
            Optional<ResolvedCommand> command = ResolvedCommand.of(run);
            if (command.isEmpty()) {
                replies.add(SlotCommands.unknown(run));
                continue;
            }
            // A blocking command's own handler answers as its timeout would: in MULTI it never waits.
            replies.add(commands.run(command.get()));
            if (command.get().isWrite()) {
                afterWrite.accept(command.get());
            }
        }
        return Reply.array(replies);
    }

    /** UNWATCH, DISCARD or a closed connection. */
    void forget(long token) {
        watches.forget(token);
        commands.trackChanges(!watches.isEmpty());
    }

    /** A command or a served waiter wrote {@code key}. */
    void touched(int db, byte[] key) {
        if (!watches.isEmpty()) {
            watches.touched(db, key);
        }
    }

    /** Database {@code db} (-1: every one) is about to be emptied: watches on keys that hold a value break. */
    void flushing(int db) {
        if (watches.isEmpty()) {
            return;
        }
        for (KeyWatches.WatchKey key : watches.watchedIn(db, k -> commands.exists(k.db(), k.bytes()))) {
            watches.touched(key.db(), key.bytes());
        }
    }
}
