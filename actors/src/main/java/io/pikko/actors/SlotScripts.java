package io.pikko.actors;

import io.pikko.commands.SlotContext;
import io.pikko.commands.SlotHandler;
import io.pikko.commands.SlotHandlers;
import io.pikko.commands.script.FunctionLibrary;
import io.pikko.commands.script.LuaScript;
import io.pikko.commands.script.ScriptControl;
import io.pikko.commands.script.ScriptHost;
import io.pikko.protocol.CommandFlag;
import io.pikko.protocol.CommandSpec;
import io.pikko.protocol.CommandTable;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotHash;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The slot's Lua scripts. A script runs on a thread of the storage dispatcher of its own, on one
 * batch of the slot, while the entity goes on receiving: it holds back everything that would touch
 * the keyspace until the script ends, so that the script runs atomically, and answers SCRIPT KILL
 * meanwhile. Once the script has run longer than its busy threshold, the requests held back and
 * those that arrive are answered BUSY, as Redis answers other clients. Only the entity uses this.
 */
final class SlotScripts {
    static final Reply BUSY = Reply.error("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.");
    /** What the slot's other clients hear while a function (FCALL) runs too long. */
    static final Reply BUSY_FUNCTION = Reply.error("BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.");
    static final Reply NOTBUSY = Reply.error("NOTBUSY No scripts in execution right now.");
    static final Reply UNKILLABLE = Reply.error("UNKILLABLE Sorry the script already executed write commands against "
            + "the dataset. You can either wait the script termination or kill the server in a hard way using the "
            + "SHUTDOWN NOSAVE command.");

    /** A key a script wrote, for the entity's after-write work (waiting clients, a move's dirty keys). */
    record Written(int db, byte[] key) {}

    /** How a script run ended. */
    record Ended(long run, SlotEntity.Request request, Reply reply, List<Written> written) {}

    private final SlotCommands commands;
    private final int slot;
    private final Executor executor;
    private final Logger log;
    private final ArrayDeque<SlotEntity.Command> heldBack = new ArrayDeque<>();
    private long runs;
    private long running = -1;
    private ScriptControl control;
    private boolean function;
    private boolean busy;

    SlotScripts(SlotCommands commands, int slot, Executor executor, Logger log) {
        this.commands = commands;
        this.slot = slot;
        this.executor = executor;
        this.log = log;
    }

    boolean running() {
        return running >= 0;
    }

    /**
     * Starts {@code op}; {@code ended} is called on the script's thread when it ends, and must hand
     * the outcome to the entity; the client is answered right after. Returns the run's number, for
     * its busy timer.
     */
    long start(SlotEntity.Request request, SlotOp.RunScript op, Consumer<Ended> ended) {
        long run = ++runs;
        running = run;
        busy = false;
        ScriptControl runControl = new ScriptControl();
        control = runControl;
        function = op.runsFunction();
        executor.execute(() -> {
            List<Written> written = new ArrayList<>();
            Reply reply = commands.runInBatch(op.db(), ctx -> {
                Host host = new Host(ctx, op.readOnly(), runControl, written);
                if (op.runsFunction()) {
                    FunctionLibrary.Loaded loaded = FunctionLibrary.load(op.body());
                    return loaded.error() != null ? loaded.error()
                            : loaded.library().call(op.function(), op.keys(), op.args(), host, op.resp(), runControl);
                }
                LuaScript.Compiled compiled = LuaScript.compile(op.body());
                if (compiled.error() != null) {
                    return compiled.error();
                }
                return compiled.script().run(op.keys(), op.args(), host, op.resp(), runControl);
            });
            ended.accept(new Ended(run, request, reply, written));
            // Answered from here, after the entity has its message (a local tell is enqueued at
            // once), so that a client is answered even if the entity stopped meanwhile.
            answer(request, reply);
        });
        return run;
    }

    /** The run ended: later messages are the entity's again. */
    void ended(Ended ended) {
        if (ended.run() == running) {
            running = -1;
            control = null;
        }
    }

    /** The run has taken longer than its threshold: the slot's other clients hear BUSY from now on. */
    void busy(long run) {
        if (run != running) {
            return;
        }
        busy = true;
        ArrayDeque<SlotEntity.Command> kept = new ArrayDeque<>();
        for (SlotEntity.Command held : heldBack) {
            if (held instanceof SlotEntity.Request request) {
                answer(request, busyReply());
            } else {
                kept.add(held);
            }
        }
        heldBack.clear();
        heldBack.addAll(kept);
    }

    /** A message that arrived while a script runs: SCRIPT KILL is served, the rest answered BUSY or held back. */
    void arrived(SlotEntity.Command message) {
        if (message instanceof SlotEntity.Requests batch) {
            batch.requests().forEach(this::arrived);
        } else if (message instanceof SlotEntity.LocalRequests batch) {
            // Answered one by one to each request's connection rather than to the batch's sink.
            batch.requests().forEach(this::arrived);
        } else if (message instanceof SlotEntity.Request request && request.op() instanceof SlotOp.KillScript kill) {
            answer(request, kill(kill));
        } else if (message instanceof SlotEntity.Request request && busy) {
            answer(request, busyReply());
        } else {
            heldBack.add(message);
        }
    }

    /**
     * Redis's scriptKill: a script that wrote runs to its end; SCRIPT KILL does not stop a
     * function, nor FUNCTION KILL a script (each is answered the BUSY that names the other).
     */
    private Reply kill(SlotOp.KillScript kill) {
        if (control.wrote()) {
            return UNKILLABLE;
        }
        if (kill.function() != function) {
            return busyReply();
        }
        return control.kill() ? Reply.OK : UNKILLABLE;
    }

    private Reply busyReply() {
        return function ? BUSY_FUNCTION : BUSY;
    }

    /** The next message held back while the script ran, or null. */
    SlotEntity.Command nextHeldBack() {
        return heldBack.poll();
    }

    private static void answer(SlotEntity.Request request, Reply reply) {
        request.replyTo().tell(new SlotReply(request.requestId(), reply));
    }

    /** redis.call on the slot, with the checks Redis makes of a command a script sends. */
    private final class Host implements ScriptHost {
        private final SlotContext ctx;
        private final boolean readOnly;
        private final ScriptControl control;
        private final List<Written> written;

        Host(SlotContext ctx, boolean readOnly, ScriptControl control, List<Written> written) {
            this.ctx = ctx;
            this.readOnly = readOnly;
            this.control = control;
            this.written = written;
        }

        @Override
        public Reply call(List<byte[]> args) {
            String name = new String(args.get(0), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            CommandSpec spec = CommandTable.lookup(name).orElse(null);
            if (spec == null) {
                return Reply.error("ERR Unknown Redis command called from script");
            }
            if (!spec.arityAccepts(args.size())) {
                return Reply.error("ERR Wrong number of args calling Redis command from script");
            }
            if (spec.hasFlag(CommandFlag.NOSCRIPT)) {
                return Reply.error("ERR This Redis command is not allowed from script");
            }
            if (name.equals("ping")) {
                return args.size() > 1 ? Reply.bulk(args.get(1)) : Reply.PONG;
            }
            SlotHandler handler = SlotHandlers.lookup(name).orElse(null);
            if (handler == null) {
                return Reply.error("ERR Pikko runs only commands on the script's slot from a script, not '" + name + "'");
            }
            if (readOnly && spec.isWrite()) {
                return Reply.error("ERR Write commands are not allowed from read-only scripts.");
            }
            int[] positions = spec.keyPositions(args);
            for (int position : positions) {
                if (SlotHash.slotOf(args.get(position)) != slot) {
                    return Reply.error("ERR Script attempted to access a non local key in a cluster node");
                }
            }
            try {
                Reply reply = handler.run(ctx, args);
                if (spec.isWrite() && ctx.batch().dirty()) {
                    control.markWrote();
                    for (int position : positions) {
                        written.add(new Written(ctx.db(), args.get(position)));
                    }
                }
                return reply;
            } catch (RuntimeException e) {
                log.error("slot {}: {} from a script failed", slot, name, e);
                return Reply.error("ERR internal error: " + e);
            }
        }

        @Override
        public void log(int level, String message) {
            switch (level) {
                case 0 -> log.debug("script: {}", message);
                case 3 -> log.warn("script: {}", message);
                default -> log.info("script: {}", message);
            }
        }
    }
}
