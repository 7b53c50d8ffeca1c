package io.pikko.gateway;

import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.protocol.Args;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CLIENT ID, SETNAME, GETNAME, LIST, INFO, KILL, UNBLOCK, REPLY, NO-EVICT, NO-TOUCH, UNPAUSE, GETREDIR,
 * TRACKINGINFO and HELP. Pikko evicts nothing and tracks no access times, so NO-EVICT and NO-TOUCH
 * change nothing; PAUSE, and TRACKING and CACHING (client-side caching), answer that Pikko does
 * not have them.
 */
final class ClientCommand {
    static final Reply BAD_NAME = Reply.error("ERR Client names cannot contain spaces, newlines or special characters.");
    /** The client types Redis 7.0 knows by name; "slave" is the old name of "replica". */
    private static final Set<String> TYPES = Set.of("normal", "master", "replica", "slave", "pubsub");
    private static final Set<String> SUBCOMMANDS = Set.of("id", "getname", "setname", "info", "list", "kill", "unblock", "reply",
            "no-evict", "no-touch", "pause", "unpause", "tracking", "trackinginfo", "getredir", "caching", "help");
    private static final List<String> HELP = List.of(
            "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GETNAME", "    Return the name of the current connection.",
            "ID", "    Return the ID of the current connection.",
            "INFO", "    Return information about the current client connection.",
            "KILL <ip:port> | <option> <value> [<option> <value> ...]",
            "    Kill connections by address, ID, TYPE, USER, ADDR, LADDR or SKIPME.",
            "LIST [TYPE <type> | ID <id> [<id> ...]]", "    Return information about client connections.",
            "NO-EVICT (ON|OFF)", "    Accepted; Pikko evicts no client.",
            "NO-TOUCH (ON|OFF)", "    Accepted; Pikko does not track key access times.",
            "REPLY (ON|OFF|SKIP)", "    Control the replies sent to the current connection.",
            "UNBLOCK <clientid> [TIMEOUT|ERROR]", "    Unblock a client blocked in a blocking command.",
            "SETNAME <name>", "    Assign the name <name> to the current connection.",
            "UNPAUSE", "    Accepted; Pikko does not pause clients.",
            "GETREDIR", "    Return -1: Pikko has no client tracking.",
            "TRACKINGINFO", "    Report that client tracking is off.",
            "HELP", "    Print this help.");
    private static final Reply NO_PAUSE = Reply.error("ERR CLIENT PAUSE is not supported by Pikko");
    private static final Reply NO_TRACKING = Reply.error("ERR CLIENT TRACKING is not supported by Pikko: "
            + "it has no client-side caching invalidation");

    private ClientCommand() {}

    static void run(Call call) {
        String sub = Args.text(call.arg(1)).toLowerCase();
        if (SUBCOMMANDS.contains(sub)) {
            // CLIENT LIST and INFO show the full name, client|info, as the last command.
            call.session().touched("client|" + sub);
        }
        switch (sub) {
            case "id" -> exactly(call, 2, () -> call.reply(Reply.integer(call.session().id())));
            case "getname" -> exactly(call, 2, () -> call.reply(
                    call.session().name().isEmpty() ? Reply.NIL : Reply.bulk(call.session().name())));
            case "setname" -> exactly(call, 3, () -> setName(call));
            case "info" -> exactly(call, 2, () -> call.reply(new Reply.Verbatim("txt", call.session().describe() + "\n")));
            case "list" -> list(call);
            case "kill" -> kill(call);
            case "reply" -> exactly(call, 3, () -> reply(call));
            case "no-evict", "no-touch" -> exactly(call, 3, () -> call.reply(
                    Args.is(call.arg(2), "on") || Args.is(call.arg(2), "off") ? Reply.OK : Errors.SYNTAX));
            case "pause" -> call.reply(call.argc() < 3 || call.argc() > 4 ? Errors.wrongArity("client|pause") : NO_PAUSE);
            case "unpause" -> exactly(call, 2, () -> call.reply(Reply.OK));
            case "tracking" -> tracking(call);
            case "trackinginfo" -> exactly(call, 2, () -> call.reply(new Reply.MapReply(List.of(
                    Reply.bulk("flags"), new Reply.SetReply(List.of(Reply.bulk("off"))),
                    Reply.bulk("redirect"), Reply.integer(-1),
                    Reply.bulk("prefixes"), Reply.EMPTY_ARRAY))));
            case "getredir" -> exactly(call, 2, () -> call.reply(Reply.integer(-1)));
            case "caching" -> exactly(call, 3, () -> call.reply(Reply.error("ERR CLIENT CACHING can be called only when "
                    + "the client is in tracking mode with OPTIN or OPTOUT mode enabled")));
            case "help" -> exactly(call, 2, () -> call.reply(
                    Reply.array(HELP.stream().map(line -> (Reply) new Reply.Simple(line)).toList())));
            case "unblock" -> unblock(call);
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

    /** CLIENT REPLY ON answers OK; OFF and SKIP answer nothing, and SKIP drops the next reply too. */
    private static void reply(Call call) {
        String mode = Args.option(call.arg(2));
        if (!List.of("ON", "OFF", "SKIP").contains(mode)) {
            call.reply(Errors.SYNTAX);
            return;
        }
        call.session().replyMode(mode);
        call.place().silent(!mode.equals("ON"));
        call.reply(Reply.OK);
    }

    /** CLIENT TRACKING OFF is what every Pikko client already is; ON is refused. */
    private static void tracking(Call call) {
        if (call.argc() < 3) {
            call.reply(Errors.wrongArity("client|tracking"));
        } else if (Args.is(call.arg(2), "off")) {
            call.reply(Reply.OK);
        } else if (Args.is(call.arg(2), "on")) {
            call.reply(NO_TRACKING);
        } else {
            call.reply(Errors.SYNTAX);
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

    /** CLIENT LIST [TYPE type | ID id...]: one filter at most, as in Redis 7.0. */
    private static void list(Call call) {
        List<ClientSession> sessions;
        if (call.argc() == 4 && Args.is(call.arg(2), "type")) {
            String type = Args.text(call.arg(3));
            if (!TYPES.contains(type.toLowerCase())) {
                call.reply(unknownType(type));
                return;
            }
            // Every Pikko connection is a normal client: no replicas, masters or subscribers.
            sessions = type.equalsIgnoreCase("normal") ? call.gateway().clients().list() : List.of();
        } else if (call.argc() > 3 && Args.is(call.arg(2), "id")) {
            Map<Long, ClientSession> byId = new HashMap<>();
            call.gateway().clients().all().forEach(s -> byId.put(s.id(), s));
            sessions = new ArrayList<>();
            for (int i = 3; i < call.argc(); i++) {
                OptionalLong id = Args.parseLong(call.arg(i));
                if (id.isEmpty() || id.getAsLong() <= 0) {
                    call.reply(Reply.error("ERR Invalid client ID"));
                    return;
                }
                ClientSession session = byId.get(id.getAsLong());
                if (session != null) {
                    sessions.add(session);
                }
            }
        } else if (call.argc() == 2) {
            sessions = call.gateway().clients().list();
        } else {
            call.reply(Errors.SYNTAX);
            return;
        }
        StringBuilder out = new StringBuilder();
        sessions.forEach(session -> out.append(session.describe()).append('\n'));
        call.reply(new Reply.Verbatim("txt", out.toString()));
    }

    /**
     * CLIENT KILL addr (answers OK, may kill the caller) or CLIENT KILL filter value... (answers
     * how many were killed, skips the caller unless SKIPME no). Filters are those of Redis 7.0.
     */
    /** CLIENT UNBLOCK id [TIMEOUT|ERROR]: 1 when that client waited in a blocking command and is woken, else 0. */
    private static void unblock(Call call) {
        if (call.argc() != 3 && call.argc() != 4) {
            call.reply(Errors.wrongArity("client|unblock"));
            return;
        }
        boolean error = false;
        if (call.argc() == 4) {
            String reason = Args.option(call.arg(3));
            if (!reason.equals("TIMEOUT") && !reason.equals("ERROR")) {
                call.reply(Reply.error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR"));
                return;
            }
            error = reason.equals("ERROR");
        }
        OptionalLong id = Args.parseLong(call.arg(2));
        if (id.isEmpty()) {
            call.reply(Errors.NOT_INTEGER);
            return;
        }
        ClientSession target = call.gateway().clients().get(id.getAsLong());
        if (target == null || !target.blocked()) {
            call.reply(Reply.ZERO);
            return;
        }
        target.unblock(error);
        call.reply(Reply.ONE);
    }

    private static void kill(Call call) {
        if (call.argc() < 3) {
            call.reply(Errors.wrongArity("client|kill"));
            return;
        }
        if (call.argc() == 3) {
            List<ClientSession> victims = matching(call, null, Args.text(call.arg(2)), null, false);
            if (victims.isEmpty()) {
                call.reply(Reply.error("ERR No such client"));
                return;
            }
            disconnect(call, victims, Reply.OK);
            return;
        }
        if (call.argc() % 2 != 0) {
            call.reply(Errors.SYNTAX);
            return;
        }
        Long id = null;
        String addr = null;
        String laddr = null;
        boolean normalClients = true;
        boolean skipMe = true;
        for (int i = 2; i < call.argc(); i += 2) {
            String value = Args.text(call.arg(i + 1));
            switch (Args.option(call.arg(i))) {
                case "ID" -> {
                    OptionalLong parsed = Args.parseLong(call.arg(i + 1));
                    if (parsed.isEmpty() || parsed.getAsLong() <= 0) {
                        call.reply(Reply.error("ERR client-id should be greater than 0"));
                        return;
                    }
                    id = parsed.getAsLong();
                }
                case "TYPE" -> {
                    if (!TYPES.contains(value.toLowerCase())) {
                        call.reply(unknownType(value));
                        return;
                    }
                    normalClients = value.equalsIgnoreCase("normal");
                }
                case "USER" -> {
                    // The only user is "default", and every connection is authenticated as it.
                    if (!value.equals("default")) {
                        call.reply(Reply.error("ERR No such user '" + value + "'"));
                        return;
                    }
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
                default -> {
                    call.reply(Errors.SYNTAX);
                    return;
                }
            }
        }
        List<ClientSession> victims = normalClients ? matching(call, id, addr, laddr, skipMe) : List.of();
        disconnect(call, victims, Reply.integer(victims.size()));
    }

    private static List<ClientSession> matching(Call call, Long id, String addr, String laddr, boolean skipMe) {
        List<ClientSession> found = new ArrayList<>();
        for (ClientSession session : call.gateway().clients().all()) {
            if ((id == null || session.id() == id)
                    && (addr == null || session.address().equals(addr))
                    && (laddr == null || session.localAddress().equals(laddr))
                    && !(skipMe && session == call.session())) {
                found.add(session);
            }
        }
        return found;
    }

    private static Reply unknownType(String type) {
        return Reply.error("ERR Unknown client type '" + type + "'");
    }

    /**
     * Closes the victims' connections, and the caller's own, if it is one, after the reply. The
     * reply waits until the other victims' channels are closed, so that, as in Redis, a victim's
     * next command after the caller's OK finds its connection gone.
     */
    private static void disconnect(Call call, List<ClientSession> victims, Reply reply) {
        List<ClientSession> others = victims.stream().filter(v -> v != call.session()).toList();
        boolean killsItself = others.size() < victims.size();
        Runnable answer = () -> {
            if (killsItself) {
                call.connection().closeAfter(call, reply);
            } else {
                call.reply(reply);
            }
        };
        if (others.isEmpty()) {
            answer.run();
            return;
        }
        AtomicInteger open = new AtomicInteger(others.size());
        for (ClientSession victim : others) {
            call.gateway().clients().remove(victim);
            victim.channel().close().addListener(closed -> {
                if (open.decrementAndGet() == 0) {
                    call.session().channel().eventLoop().execute(answer);
                }
            });
        }
    }
}
