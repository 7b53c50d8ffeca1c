package io.pikko.gateway;

import io.pikko.actors.Errors;
import io.pikko.actors.Reply;
import io.pikko.actors.command.Args;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** CLIENT ID, SETNAME, GETNAME, LIST, INFO and KILL. */
final class ClientCommand {
    static final Reply BAD_NAME = Reply.error("ERR Client names cannot contain spaces, newlines or special characters.");

    private ClientCommand() {}

    static void run(Call call) {
        String sub = Args.text(call.arg(1)).toLowerCase();
        switch (sub) {
            case "id" -> exactly(call, 2, () -> call.reply(Reply.integer(call.session().id())));
            case "getname" -> exactly(call, 2, () -> call.reply(
                    call.session().name().isEmpty() ? Reply.NIL : Reply.bulk(call.session().name())));
            case "setname" -> exactly(call, 3, () -> setName(call));
            case "info" -> exactly(call, 2, () -> call.reply(new Reply.Verbatim("txt", call.session().describe() + "\n")));
            case "list" -> list(call);
            case "kill" -> kill(call);
            default -> call.reply(Reply.error("ERR unknown subcommand '" + Args.text(call.arg(1)) + "'. Try CLIENT HELP."));
        }
    }

    private static void exactly(Call call, int argc, Runnable action) {
        if (call.argc() != argc) {
            call.reply(Errors.wrongArity("client|" + Args.text(call.arg(1)).toLowerCase()));
        } else {
            action.run();
        }
    }

    static boolean validName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }

    private static void setName(Call call) {
        String name = Args.text(call.arg(2));
        if (!validName(name)) {
            call.reply(BAD_NAME);
            return;
        }
        call.session().setName(name);
        call.reply(Reply.OK);
    }

    private static void list(Call call) {
        Set<Long> ids = null;
        for (int i = 2; i < call.argc(); i++) {
            String opt = Args.option(call.arg(i));
            if (opt.equals("TYPE") && i + 1 < call.argc()) {
                String type = Args.text(call.arg(++i)).toLowerCase();
                if (!List.of("normal", "master", "replica", "pubsub").contains(type)) {
                    call.reply(Reply.error("ERR Unknown client type '" + Args.text(call.arg(i)) + "'"));
                    return;
                }
                if (!type.equals("normal")) {
                    ids = Set.of();
                }
            } else if (opt.equals("ID") && i + 1 < call.argc()) {
                ids = new HashSet<>();
                for (i++; i < call.argc(); i++) {
                    OptionalLong id = Args.parseLong(call.arg(i));
                    if (id.isEmpty() || id.getAsLong() <= 0) {
                        call.reply(Reply.error("ERR Invalid client ID"));
                        return;
                    }
                    ids.add(id.getAsLong());
                }
            } else {
                call.reply(Errors.SYNTAX);
                return;
            }
        }
        StringBuilder out = new StringBuilder();
        for (ClientSession session : call.gateway().clients().list()) {
            if (ids == null || ids.contains(session.id())) {
                out.append(session.describe()).append('\n');
            }
        }
        call.reply(new Reply.Verbatim("txt", out.toString()));
    }

    private static void kill(Call call) {
        if (call.argc() == 3) {
            String addr = Args.text(call.arg(2));
            for (ClientSession session : call.gateway().clients().all()) {
                if (session.address().equals(addr)) {
                    closeAfterReply(call, session);
                    call.reply(Reply.OK);
                    return;
                }
            }
            call.reply(Reply.error("ERR No such client"));
            return;
        }
        if (call.argc() % 2 != 0) {
            call.reply(Errors.SYNTAX);
            return;
        }
        Long id = null;
        String addr = null;
        String laddr = null;
        boolean skipMe = true;
        for (int i = 2; i < call.argc(); i += 2) {
            String opt = Args.option(call.arg(i));
            String value = Args.text(call.arg(i + 1));
            switch (opt) {
                case "ID" -> {
                    OptionalLong parsed = Args.parseLong(call.arg(i + 1));
                    if (parsed.isEmpty() || parsed.getAsLong() <= 0) {
                        call.reply(Reply.error("ERR client-id should be greater than 0"));
                        return;
                    }
                    id = parsed.getAsLong();
                }
                case "ADDR" -> addr = value;
                case "LADDR" -> laddr = value;
                case "SKIPME" -> {
                    if (!value.equalsIgnoreCase("yes") && !value.equalsIgnoreCase("no")) {
                        call.reply(Errors.SYNTAX);
                        return;
                    }
                    skipMe = value.equalsIgnoreCase("yes");
                }
                case "TYPE", "USER", "MAXAGE" -> { }
                default -> {
                    call.reply(Errors.SYNTAX);
                    return;
                }
            }
        }
        List<ClientSession> victims = new ArrayList<>();
        for (ClientSession session : call.gateway().clients().all()) {
            if ((id == null || session.id() == id)
                    && (addr == null || session.address().equals(addr))
                    && (laddr == null || session.localAddress().equals(laddr))
                    && !(skipMe && session == call.session())) {
                victims.add(session);
            }
        }
        victims.forEach(v -> closeAfterReply(call, v));
        call.reply(Reply.integer(victims.size()));
    }

    /** The killer's own connection closes after this reply; others close now. */
    private static void closeAfterReply(Call call, ClientSession victim) {
        if (victim == call.session()) {
            call.place().closeAfter();
        } else {
            victim.channel().close();
        }
    }
}
