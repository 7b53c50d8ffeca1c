package io.pikko.gateway;

import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.protocol.Args;
import io.pikko.protocol.SlotHash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Commands a connection answers by itself: they touch no key. */
final class ConnectionCommands {
    private static final Reply WRONGPASS = Reply.error("WRONGPASS invalid username-password pair or user is disabled.");

    private ConnectionCommands() {}

    static void run(Call call) {
        switch (call.name()) {
            case "ping" -> ping(call);
            case "echo" -> call.reply(Reply.bulk(call.arg(1)));
            case "quit" -> call.connection().closeAfter(call, Reply.OK);
            case "select" -> select(call);
            case "auth" -> auth(call);
            case "hello" -> hello(call);
            case "client" -> ClientCommand.run(call);
            case "config" -> ConfigCommand.run(call);
            case "eval" -> ScriptCommands.eval(call, false, false);
            case "evalsha" -> ScriptCommands.eval(call, true, false);
            case "eval_ro" -> ScriptCommands.eval(call, false, true);
            case "evalsha_ro" -> ScriptCommands.eval(call, true, true);
            case "script" -> ScriptCommands.script(call);
            case "function" -> FunctionCommands.function(call);
            case "fcall" -> FunctionCommands.fcall(call, false);
            case "fcall_ro" -> FunctionCommands.fcall(call, true);
            case "command" -> CommandCommand.run(call);
            case "time" -> time(call);
            case "shutdown" -> shutdown(call);
            case "slotshashkey" -> slotsHashKey(call);
            case "slotsscan", "slotsdel", "slotsdigest", "slotscheck", "slotsrestore", "slotsmgrtslot", "slotsmgrttagslot",
                 "slotsmgrtone", "slotsmgrttagone", "slotsmgrtslot-async", "slotsmgrttagslot-async",
                 "slotsmgrtone-async", "slotsmgrttagone-async", "slotsmgrt-async-fence", "slotsmgrt-async-cancel",
                 "slotsmgrt-async-status", "slotsmgrt-exec-wrapper", "slotsrestore-async", "slotsrestore-async-auth",
                 "slotsrestore-async-select", "slotsrestore-async-ack" -> CodisSlotCommands.run(call);
            case "role" -> ServerCommands.role(call);
            case "replicaof", "slaveof" -> ReplicaOfCommand.run(call);
            case "wait" -> WaitCommand.run(call);
            case "reset" -> ServerCommands.reset(call);
            case "lolwut" -> ServerCommands.lolwut(call);
            case "memory" -> ServerCommands.memory(call);
            case "latency" -> ServerCommands.latency(call);
            case "debug" -> ServerCommands.debug(call);
            case "subscribe", "unsubscribe", "psubscribe", "punsubscribe", "ssubscribe", "sunsubscribe",
                 "publish", "spublish", "pubsub" -> PubSubCommands.run(call);
            default -> call.reply(Reply.error("ERR unknown command '" + call.name() + "'"));
        }
    }

    private static void ping(Call call) {
        if (call.argc() > 2) {
            call.reply(Errors.wrongArity("ping"));
        } else {
            Reply text = call.argc() == 2 ? Reply.bulk(call.arg(1)) : null;
            if (call.connection().subscriptions().active() && call.session().protocol() == 2) {
                // A RESP2 subscriber tells replies from messages by shape: Redis answers with an array.
                call.reply(Reply.array(List.of(Reply.bulk("pong"), text == null ? Reply.bulk("") : text)));
            } else {
                call.reply(text == null ? Reply.PONG : text);
            }
        }
    }

    private static void select(Call call) {
        OptionalLong db = Args.parseLong(call.arg(1));
        if (db.isEmpty()) {
            call.reply(Errors.NOT_INTEGER);
        } else if (db.getAsLong() < 0 || db.getAsLong() >= call.gateway().settings().databases()) {
            call.reply(Reply.error("ERR DB index is out of range"));
        } else {
            call.session().select((int) db.getAsLong());
            call.reply(Reply.OK);
        }
    }

    private static void auth(Call call) {
        if (call.argc() > 3) {
            call.reply(Errors.SYNTAX);
            return;
        }
        if (call.argc() == 2 && !call.gateway().config().passwordRequired()) {
            // Only the one-argument form complains: "AUTH default <anything>" is accepted, as Redis
            // accepts any password for a default user that has none.
            call.reply(Reply.error("ERR AUTH <password> called without any password configured for the default user. "
                    + "Are you sure your configuration is correct?"));
            return;
        }
        String user = call.argc() == 3 ? Args.text(call.arg(1)) : "default";
        call.reply(authenticate(call, user, Args.text(call.arg(call.argc() - 1))) ? Reply.OK : WRONGPASS);
    }

    /** Marks the connection authenticated when the credentials are right; a failure leaves it as it was. */
    private static boolean authenticate(Call call, String user, String password) {
        RuntimeConfig config = call.gateway().config();
        boolean accepted = user.equals("default")
                && (!config.passwordRequired() || password.equals(config.requirePass()));
        if (accepted) {
            call.session().setAuthenticated(true);
        }
        return accepted;
    }

    /**
     * HELLO [protover [AUTH user pass] [SETNAME name]]. As in Redis 7.0 the options take effect one
     * by one, in order: an error stops the command but keeps what the earlier options did.
     */
    private static void hello(Call call) {
        int protocol = call.session().protocol();
        int i = 1;
        if (call.argc() > 1) {
            OptionalLong version = Args.parseLong(call.arg(1));
            if (version.isEmpty()) {
                call.reply(Reply.error("ERR Protocol version is not an integer or out of range"));
                return;
            }
            if (version.getAsLong() < 2 || version.getAsLong() > 3) {
                call.reply(Reply.error("NOPROTO unsupported protocol version"));
                return;
            }
            protocol = (int) version.getAsLong();
            i = 2;
        }
        for (; i < call.argc(); i++) {
            String opt = Args.option(call.arg(i));
            int more = call.argc() - i - 1;
            if (opt.equals("AUTH") && more >= 2) {
                if (!authenticate(call, Args.text(call.arg(i + 1)), Args.text(call.arg(i + 2)))) {
                    call.reply(WRONGPASS);
                    return;
                }
                i += 2;
            } else if (opt.equals("SETNAME") && more >= 1) {
                String name = Args.text(call.arg(++i));
                if (!ClientCommand.validName(name)) {
                    call.reply(ClientCommand.BAD_NAME);
                    return;
                }
                call.session().setName(name);
            } else {
                call.reply(Reply.error("ERR Syntax error in HELLO option '" + Args.text(call.arg(i)) + "'"));
                return;
            }
        }
        if (!call.session().authenticated()) {
            call.reply(Reply.error("NOAUTH HELLO must be called with the client already authenticated, "
                    + "otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client "
                    + "and select the RESP protocol version at the same time"));
            return;
        }
        call.session().setProtocol(protocol);
        call.place().protocol(protocol);
        call.reply(new Reply.MapReply(List.of(
                Reply.bulk("server"), Reply.bulk("redis"),
                Reply.bulk("version"), Reply.bulk(ServerInfo.REDIS_VERSION),
                Reply.bulk("proto"), Reply.integer(protocol),
                Reply.bulk("id"), Reply.integer(call.session().id()),
                Reply.bulk("mode"), Reply.bulk("standalone"),
                Reply.bulk("role"), Reply.bulk("master"),
                Reply.bulk("modules"), Reply.EMPTY_ARRAY)));
    }

    private static void time(Call call) {
        Instant now = Instant.now();
        call.reply(Reply.array(List.of(Reply.bulk(Long.toString(now.getEpochSecond())),
                Reply.bulk(Long.toString(now.getNano() / 1000)))));
    }

    private static void shutdown(Call call) {
        for (int i = 1; i < call.argc(); i++) {
            switch (Args.option(call.arg(i))) {
                case "NOSAVE", "SAVE", "NOW", "FORCE" -> { }
                case "ABORT" -> {
                    call.reply(Reply.error("ERR No shutdown in progress."));
                    return;
                }
                default -> {
                    call.reply(Errors.SYNTAX);
                    return;
                }
            }
        }
        // Like Redis, no reply: the connection closes as the node stops.
        call.gateway().control().shutdown();
    }

    private static void slotsHashKey(Call call) {
        List<Reply> slots = new ArrayList<>();
        for (int i = 1; i < call.argc(); i++) {
            slots.add(Reply.integer(SlotHash.slotOf(call.arg(i))));
        }
        call.reply(Reply.array(slots));
    }
}
