package io.pikko.actors;

import io.pikko.commands.ResolvedCommand;
import io.pikko.protocol.NodeClock;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotReply;
import io.pikko.storage.SlotKeyspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The requests a slot's replica answers while its node replicates a standalone master
 * ({@code SLAVEOF}): plain reads and the slot's part of keyspace-wide reads (DBSIZE, SCAN, KEYS),
 * run on the replica's own copy as the entity would run them. Writes are refused as Redis's
 * replicas refuse them; what needs the entity (transactions, scripts, WATCH, Codis's key locks)
 * is refused with a word on why. Used by the replica's actor only, one request at a time.
 */
public final class ReplicaReads {
    public static final Reply READONLY = Reply.error("READONLY You can't write against a read only replica.");
    private static final Reply ENTITY_ONLY =
            Reply.error("ERR this node is a replica (SLAVEOF): it answers plain reads only, not transactions, scripts or WATCH");

    private final SlotCommands commands;

    public ReplicaReads(SlotKeyspace keyspace, NodeClock clock, Logger log) {
        this.commands = new SlotCommands(keyspace, clock, log);
    }

    /** Answers {@code command} if it is a client's request; the entity's other messages mean nothing here. */
    public void serve(SlotEntity.Command command) {
        if (command instanceof SlotEntity.Request request) {
            request.replyTo().tell(answer(request));
        } else if (command instanceof SlotEntity.Requests batch) {
            batch.requests().forEach(request -> request.replyTo().tell(answer(request)));
        } else if (command instanceof SlotEntity.LocalRequests batch) {
            List<SlotReply> replies = new ArrayList<>(batch.requests().size());
            batch.requests().forEach(request -> replies.add(answer(request)));
            batch.sink().deliver(replies);
        }
    }

    private SlotReply answer(SlotEntity.Request request) {
        return new SlotReply(request.requestId(), reply(request.op()));
    }

    private Reply reply(SlotOp op) {
        if (op instanceof SlotOp.RunCommand run) {
            Optional<ResolvedCommand> command = ResolvedCommand.of(run);
            if (command.isEmpty()) {
                return SlotCommands.unknown(run);
            }
            if (command.get().isWrite()) {
                return READONLY;
            }
            return command.get().blockingCall().isPresent() ? ENTITY_ONLY : commands.run(command.get());
        }
        if (op instanceof SlotOp.CountKeys || op instanceof SlotOp.ListKeys || op instanceof SlotOp.ScanKeys
                || op instanceof SlotOp.RandomKey || op instanceof SlotOp.DigestKeys) {
            return commands.apply(op);
        }
        if (op instanceof SlotOp.FlushKeys || op instanceof SlotOp.CodisLock || op instanceof SlotOp.CodisUnlock) {
            return READONLY;
        }
        if (op instanceof SlotOp.AwaitReplicas) {
            return Reply.integer(0);
        }
        return ENTITY_ONLY;
    }
}
