package io.pikko.gateway;

import io.pikko.actors.SlotEntity;
import io.pikko.protocol.Args;
import io.pikko.protocol.CommandFlag;
import io.pikko.protocol.CommandSpec;
import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.protocol.Route;
import io.pikko.protocol.SlotHash;
import io.pikko.protocol.SlotOp;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A connection's MULTI/EXEC and WATCH state, with Redis 7.0's replies. Inside MULTI every command
 * but EXEC, DISCARD, MULTI, WATCH and QUIT is queued; one refused while queueing (unknown, wrong
 * arity, not allowed in MULTI) makes EXEC answer EXECABORT.
 *
 * <p>EXEC sends the queued commands that touch keys as one {@link SlotOp.Transaction} to the slot
 * of their keys, whose entity runs them one after another with nothing else in between, wherever
 * it lives; keys of more than one slot get CROSSSLOT and nothing runs. The key-less commands
 * (PING, ECHO, SELECT, ...) run here once the slot has answered, their replies put in their places:
 * they read no data, so only SELECT matters to the others, and the database each keyed command
 * will see is worked out from the SELECTs before it.
 *
 * <p>WATCH registers its keys in their slot's entity under a token this connection picks, which
 * EXEC carries; an entity that does not know the token (the slot moved, a node restarted) treats
 * the watch as broken, and EXEC answers a null array. Every WATCH of a connection must name keys
 * of one slot (else CROSSSLOT at WATCH), and EXEC's commands that slot (else CROSSSLOT at EXEC).
 * Event loop only.
 */
final class Transaction {
    private static final Reply EXECABORT = Reply.error("EXECABORT Transaction discarded because of previous errors.");

    private record Queued(String name, List<byte[]> args, CommandSpec spec) {
        boolean keyed() {
            return spec.route() == Route.SLOT || spec.route() == Route.SPLIT;
        }
    }

    private final ClientConnection connection;
    /** The commands queued since MULTI; null outside MULTI. */
    private List<Queued> queued;
    private boolean aborted;
    /** The token the watched keys are registered under in {@link #watchSlot}; 0 when nothing is watched. */
    private long watchToken;
    private int watchSlot = -1;
    /** A WATCH was refused by its slot: EXEC cannot trust the watch. */
    private boolean watchFailed;

    Transaction(ClientConnection connection) {
        this.connection = connection;
    }

    /** A request refused before it ran (unknown command, wrong arity, NOAUTH): inside MULTI, EXEC will abort. */
    void refused() {
        if (queued != null) {
            aborted = true;
        }
    }

    /** Whether the transaction takes this request: a transaction command, or any other inside MULTI. */
    boolean handles(Call call, CommandSpec spec) {
        switch (call.name()) {
            case "multi" -> multi(call);
            case "exec" -> exec(call);
            case "discard" -> discard(call);
            case "watch" -> watch(call);
            default -> {
                if (queued == null) {
                    if (!call.name().equals("unwatch")) {
                        return false;
                    }
                    unwatch();
                    call.reply(Reply.OK);
                } else if (call.name().equals("quit") || call.name().equals("reset")) {
                    return false;
                } else {
                    queue(call, spec);
                }
            }
        }
        return true;
    }

    /** Leaves MULTI and forgets the watched keys (DISCARD, RESET, a closed connection). */
    void reset() {
        endMulti();
        unwatch();
    }

    private void multi(Call call) {
        if (queued != null) {
            call.reply(Reply.error("ERR MULTI calls can not be nested"));
            return;
        }
        queued = new ArrayList<>();
        aborted = false;
        call.session().multi(0);
        call.reply(Reply.OK);
    }

    private void discard(Call call) {
        if (queued == null) {
            call.reply(Reply.error("ERR DISCARD without MULTI"));
            return;
        }
        reset();
        call.reply(Reply.OK);
    }

    private void queue(Call call, CommandSpec spec) {
        if (spec.hasFlag(CommandFlag.NO_MULTI)) {
            aborted = true;
            call.reply(Reply.error("ERR Command not allowed inside a transaction"));
        } else if (spec.route() == Route.ALL_SLOTS) {
            // Such a command reads or writes every slot, which no one slot's entity can do atomically.
            aborted = true;
            call.reply(Reply.error("ERR '" + call.name() + "' is not supported inside MULTI: it spans every slot"));
        } else {
            queued.add(new Queued(call.name(), call.args(), spec));
            call.session().multi(queued.size());
            call.reply(Reply.QUEUED);
        }
    }

    private void watch(Call call) {
        if (queued != null) {
            call.reply(Reply.error("ERR WATCH inside MULTI is not allowed"));
            return;
        }
        List<byte[]> keys = call.args().subList(1, call.argc());
        int slot = SlotHash.slotOf(keys.get(0));
        for (byte[] key : keys) {
            if (SlotHash.slotOf(key) != slot) {
                call.reply(Errors.crossSlot());
                return;
            }
        }
        if (watchToken != 0 && slot != watchSlot) {
            call.reply(Errors.crossSlot());
            return;
        }
        boolean extending = watchToken != 0;
        if (!extending) {
            watchToken = newToken();
            watchSlot = slot;
        }
        long token = watchToken;
        call.slots().ask(slot, new SlotOp.Watch(call.session().db(), List.copyOf(keys), token, extending), reply -> {
            if (reply.isError() && token == watchToken) {
                watchFailed = true;
            }
            call.reply(reply);
        });
    }

    private void exec(Call call) {
        if (queued == null) {
            call.reply(Reply.error("ERR EXEC without MULTI"));
            return;
        }
        List<Queued> commands = queued;
        boolean abort = aborted;
        endMulti();
        if (abort) {
            unwatch();
            call.reply(EXECABORT);
            return;
        }
        int slot = watchSlot;
        for (Queued command : commands) {
            if (!command.keyed()) {
                continue;
            }
            for (int position : command.spec().keyPositions(command.args())) {
                int keySlot = SlotHash.slotOf(command.args().get(position));
                if (slot < 0) {
                    slot = keySlot;
                } else if (keySlot != slot) {
                    unwatch();
                    call.reply(Errors.crossSlot());
                    return;
                }
            }
        }
        if (watchFailed) {
            unwatch();
            call.reply(Reply.NIL_ARRAY);
            return;
        }
        long token = watchToken;
        // The entity forgets the token when it runs the transaction.
        watchToken = 0;
        watchSlot = -1;
        List<SlotOp.RunCommand> keyed = keyedCommands(call, commands);
        if (keyed.isEmpty() && token == 0) {
            finish(call, commands, List.of());
            return;
        }
        // Key-less commands only (OBJECT HELP, say) run in any slot.
        int target = Math.max(slot, 0);
        call.slots().ask(target, new SlotOp.Transaction(keyed, token), reply -> {
            if (reply instanceof Reply.Array array) {
                finish(call, commands, array.items());
                return;
            }
            if (reply.isError() && token != 0) {
                connection.gateway().router().tell(target, new SlotEntity.Unwatch(token));
            }
            call.reply(reply);
        });
    }

    /** The keyed commands as the slot will run them, each in the database the SELECTs before it chose. */
    private List<SlotOp.RunCommand> keyedCommands(Call call, List<Queued> commands) {
        int db = call.session().db();
        int databases = call.gateway().settings().databases();
        List<SlotOp.RunCommand> keyed = new ArrayList<>();
        for (Queued command : commands) {
            if (command.name().equals("select")) {
                OptionalLong index = Args.parseLong(command.args().get(1));
                if (index.isPresent() && index.getAsLong() >= 0 && index.getAsLong() < databases) {
                    db = (int) index.getAsLong();
                }
            } else if (command.keyed()) {
                keyed.add(new SlotOp.RunCommand(db, command.name(), command.args()));
            }
        }
        return keyed;
    }

    /** Runs the key-less commands here, in order, and answers EXEC with every reply in its place. */
    private void finish(Call exec, List<Queued> commands, List<Reply> keyedReplies) {
        Reply[] replies = new Reply[commands.size()];
        int[] missing = {commands.size()};
        Runnable answerWhenComplete = () -> {
            if (--missing[0] == 0) {
                exec.reply(Reply.array(List.of(replies)));
            }
        };
        if (commands.isEmpty()) {
            exec.reply(Reply.EMPTY_ARRAY);
            return;
        }
        int next = 0;
        for (int i = 0; i < commands.size(); i++) {
            Queued command = commands.get(i);
            int index = i;
            if (command.keyed()) {
                replies[index] = keyedReplies.get(next++);
                answerWhenComplete.run();
            } else if (command.name().equals("unwatch")) {
                // EXEC has already ended the watch.
                replies[index] = Reply.OK;
                answerWhenComplete.run();
            } else {
                ConnectionCommands.run(new Call(connection, command.name(), command.args(), exec.place(), reply -> {
                    replies[index] = reply;
                    answerWhenComplete.run();
                }));
            }
        }
    }

    private void endMulti() {
        queued = null;
        aborted = false;
        connection.session().multi(-1);
    }

    private void unwatch() {
        if (watchToken != 0) {
            connection.gateway().router().tell(watchSlot, new SlotEntity.Unwatch(watchToken));
        }
        watchToken = 0;
        watchSlot = -1;
        watchFailed = false;
    }

    private static long newToken() {
        long token;
        do {
            token = ThreadLocalRandom.current().nextLong();
        } while (token == 0);
        return token;
    }
}
