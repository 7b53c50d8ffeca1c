package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OBJECT ENCODING, REFCOUNT, FREQ, IDLETIME and HELP. Pikko neither shares values nor tracks
 * accesses, so REFCOUNT is always 1, FREQ gives Redis's answer for a server without an LFU policy,
 * and IDLETIME, which would have to invent a time, answers an error that says so.
 */
final class ObjectCommand {
    private static final Reply NO_LFU = Reply.error("ERR An LFU maxmemory policy is not selected, access frequency not "
            + "tracked. Please note that when switching between policies at runtime LRU and LFU data will take some "
            + "time to adjust.");
    private static final Reply NO_IDLETIME = Reply.error("ERR OBJECT IDLETIME is not supported: Pikko does not track "
            + "key access times");
    private static final List<String> HELP = List.of(
            "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "ENCODING <key>",
            "    Return the kind of internal representation used in order to store the value",
            "    associated with a <key>.",
            "FREQ <key>",
            "    Return the access frequency index of the <key>. The returned integer is",
            "    proportional to the logarithm of the recent access frequency of the key.",
            "REFCOUNT <key>",
            "    Return the number of references of the value associated with the specified",
            "    <key>.",
            "HELP",
            "    Prints this help.");

    private ObjectCommand() {}

    static void register(Map<String, SlotHandler> handlers) {
        handlers.put("object", ObjectCommand::object);
    }

    private static Reply object(SlotContext ctx, List<byte[]> args) {
        String sub = Args.option(args.get(1));
        int arity = switch (sub) {
            case "HELP" -> 2;
            case "ENCODING", "REFCOUNT", "FREQ", "IDLETIME" -> 3;
            default -> -1;
        };
        if (arity < 0) {
            String name = Args.text(args.get(1));
            return Reply.error("ERR unknown subcommand '" + (name.length() > 128 ? name.substring(0, 128) : name)
                    + "'. Try OBJECT HELP.");
        }
        if (args.size() != arity) {
            return Errors.wrongArity("object|" + sub.toLowerCase(Locale.ROOT));
        }
        if (arity == 2) {
            return Reply.array(HELP.stream().map(line -> (Reply) new Reply.Simple(line)).toList());
        }
        KeyMeta meta = ctx.batch().get(ctx.db(), args.get(2));
        if (meta == null) {
            return Reply.NIL;
        }
        return switch (sub) {
            case "ENCODING" -> Reply.bulk(ObjectEncoding.of(ctx, args.get(2), meta).redisName());
            case "REFCOUNT" -> Reply.ONE;
            case "IDLETIME" -> NO_IDLETIME;
            default -> NO_LFU;
        };
    }
}
