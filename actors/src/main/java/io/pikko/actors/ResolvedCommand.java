package io.pikko.actors;

import io.pikko.commands.BlockingCall;
import io.pikko.commands.BlockingCommands;
import io.pikko.commands.SlotHandler;
import io.pikko.commands.SlotHandlers;
import io.pikko.protocol.CommandFlag;
import io.pikko.protocol.CommandSpec;
import io.pikko.protocol.CommandTable;
import io.pikko.protocol.SlotOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A client's command as the slot entity received it, with its row of the command table and its
 * implementation, looked up once when the request arrives and handed along from there.
 */
record ResolvedCommand(SlotOp.RunCommand run, CommandSpec spec, SlotHandler handler) {

    /** The command with its table row and implementation; empty for a name either does not know. */
    static Optional<ResolvedCommand> of(SlotOp.RunCommand run) {
        Optional<SlotHandler> handler = SlotHandlers.lookup(run.name());
        Optional<CommandSpec> spec = CommandTable.lookup(run.name());
        if (handler.isEmpty() || spec.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ResolvedCommand(run, spec.get(), handler.get()));
    }

    int db() {
        return run.db();
    }

    String name() {
        return run.name();
    }

    boolean isWrite() {
        return spec.isWrite();
    }

    /** The request as a blocking call (BLPOP, ...), or empty when the command never waits. */
    Optional<BlockingCall> blockingCall() {
        return spec.hasFlag(CommandFlag.BLOCKING) ? BlockingCommands.call(run.name(), run.args()) : Optional.empty();
    }

    /** The keys the request names, in the order it names them. */
    List<byte[]> keys() {
        List<byte[]> keys = new ArrayList<>();
        for (int position : spec.keyPositions(run.args())) {
            keys.add(run.args().get(position));
        }
        return keys;
    }

    /** COPY ... DB and MOVE write to another database than the client's. */
    boolean writesOtherDatabases() {
        return run.name().equals("copy") || run.name().equals("move");
    }
}
