package io.pikko.commands;

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
public record ResolvedCommand(SlotOp.RunCommand run, CommandSpec spec, SlotHandler handler) {

    /** The command with its table row and implementation; empty for a name either does not know. */
    public static Optional<ResolvedCommand> of(SlotOp.RunCommand run) {
        Optional<SlotHandler> handler = SlotHandlers.lookup(run.name());
        Optional<CommandSpec> spec = CommandTable.lookup(run.name());
        if (handler.isEmpty() || spec.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ResolvedCommand(run, spec.get(), handler.get()));
    }

    public int db() {
        return run.db();
    }

    public String name() {
        return run.name();
    }

    public boolean isWrite() {
        return spec.isWrite();
    }

    /** The request as a blocking call (BLPOP, ...), or empty when the command never waits. */
    public Optional<BlockingCall> blockingCall() {
        return spec.hasFlag(CommandFlag.BLOCKING) ? BlockingCommands.call(run.name(), run.args()) : Optional.empty();
    }

    /** The keys the request names, in the order it names them. */
    public List<byte[]> keys() {
        List<byte[]> keys = new ArrayList<>();
        for (int position : spec.keyPositions(run.args())) {
            keys.add(run.args().get(position));
        }
        return keys;
    }

    /** COPY ... DB and MOVE write to another database than the client's. */
    public boolean writesOtherDatabases() {
        return run.name().equals("copy") || run.name().equals("move");
    }
}
