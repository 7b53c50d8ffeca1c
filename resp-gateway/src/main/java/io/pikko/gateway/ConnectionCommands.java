package io.pikko.gateway;

import io.pikko.actors.Errors;
import io.pikko.actors.Reply;
import io.pikko.actors.command.Args;
import io.pikko.storage.SlotHash;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Commands a connection answers by itself: they touch no key. */
final class ConnectionCommands {
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
            case "command" -> CommandCommand.run(call);
            case "time" -> time(call);
            case "shutdown" -> shutdown(call);
            case "slotshashkey" -> slotsHashKey(call);
            default -> call.reply(Reply.error("ERR unknown command '" + call.name() + "'"));
        }
    }

    private static void ping(Call call) {
        if (call.argc() > 2) {
            call.reply(Errors.wrongArity("ping"));
        } else {
            call.reply(call.argc() == 2 ? Reply.bulk(call.arg(1)) : Reply.PONG);
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
        String user = call.argc() == 3 ? Args.text(call.arg(1)) : "default";
        String password = Args.text(call.arg(call.argc() - 1));
        Reply result = authenticate(call, user, password);
        call.reply(result == null ? Reply.OK : result);
    }

    /** Null when the credentials are accepted, else the error to answer. */
    private static Reply authenticate(Call call, String user, String password) {
        RuntimeConfig config = call.gateway().config();
        if (!config.passwordRequired() && user.equals("default")) {
            return Reply.error("ERR AUTH <password> called without any password configured for the default user. "
                    + "Are you sure your configuration is correct?");
        }
        if (user.equals("default") && password.equals(config.requirePass())) {
            call.session().setAuthenticated(true);
            return null;
        }
        return Reply.error("WRONGPASS invalid username-password pair or user is disabled.");
    }

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
        String name = null;
        for (; i < call.argc(); i++) {
            String opt = Args.option(call.arg(i));
            if (opt.equals("AUTH") && call.argc() - i - 1 >= 2) {
                Reply failed = authenticate(call, Args.text(call.arg(i + 1)), Args.text(call.arg(i + 2)));
                if (failed != null) {
                    call.reply(failed);
                    return;
                }
                i += 2;
            } else if (opt.equals("SETNAME") && call.argc() - i - 1 >= 1) {
                name = Args.text(call.arg(++i));
                if (!ClientCommand.validName(name)) {
                    call.reply(ClientCommand.BAD_NAME);
                    return;
                }
            } else {
                call.reply(Reply.error("ERR Syntax error in HELLO option '" + Args.text(call.arg(i)) + "'"));
                return;
            }
        }
        if (!call.session().authenticated()) {
            call.reply(Reply.error("NOAUTH HELLO must be called with the client already authenticated, "
                    + "otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client "
                    + "and select the RESP protocol version at the same time"));
            return;
        }
        if (name != null) {
            call.session().setName(name);
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
        long micros = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
        call.reply(Reply.array(List.of(Reply.bulk(Long.toString(micros / 1_000_000)),
                Reply.bulk(Long.toString(micros % 1_000_000)))));
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
