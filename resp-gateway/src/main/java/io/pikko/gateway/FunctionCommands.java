package io.pikko.gateway;

import io.pikko.commands.FunctionsPayload;
import io.pikko.commands.script.FunctionFlag;
import io.pikko.commands.script.FunctionLibrary;
import io.pikko.commands.script.FunctionSet;
import io.pikko.commands.script.LibraryFunction;
import io.pikko.commands.script.LibraryMetadata;
import io.pikko.protocol.Args;
import io.pikko.protocol.Errors;
import io.pikko.protocol.GlobPattern;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotHash;
import io.pikko.protocol.SlotOp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * FUNCTION and FCALL/FCALL_RO. The libraries are the cluster's, kept by the dashboard: a change
 * reads them, applies Redis's rule and journals the result against the revision it read (again
 * from a fresh read when another node changed them meanwhile), so it holds on every node once
 * answered. FCALL runs a function as EVAL runs a script: on its keys' slot, wherever that lives,
 * with its library's code, so the node of the slot needs nothing but the message.
 */
final class FunctionCommands {
    /** How many times a change is tried again when the libraries changed under it. */
    private static final int ATTEMPTS = 10;
    private static final Reply UNAVAILABLE = Reply.error(
            "ERR the dashboard, which keeps the cluster's function libraries, did not answer in time; try again");
    private static final List<String> HELP = List.of(
            "FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "LOAD [REPLACE] <FUNCTION CODE>",
            "    Create a new library with the given library name and code.",
            "DELETE <LIBRARY NAME>",
            "    Delete the given library.",
            "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
            "    Return general information on all the libraries:",
            "    * Library name",
            "    * The engine used to run the Library",
            "    * Library description",
            "    * Functions list",
            "    * Library code (if WITHCODE is given)",
            "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
            "STATS",
            "    Return information about the current function running:",
            "    * Function name",
            "    * Command used to run the function",
            "    * Duration in MS that the function is running",
            "    If no function is running, return nil",
            "    In addition, returns a list of available engines.",
            "KILL",
            "    Kill the current running function.",
            "FLUSH [ASYNC|SYNC]",
            "    Delete all the libraries.",
            "    When called without the optional mode argument, the behavior is determined by the",
            "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
            "    * ASYNC: Asynchronously flush the libraries.",
            "    * SYNC: Synchronously flush the libraries.",
            "DUMP",
            "    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command",
            "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
            "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
            "    control how to handle existing libraries (default APPEND):",
            "    * FLUSH: delete all existing libraries.",
            "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
            "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
            "      libraries with the new libraries (notice that even on this option there is a chance of failure",
            "      in case of functions name collision with another library).",
            "HELP",
            "    Prints this help.");

    private FunctionCommands() {}

    static void function(Call call) {
        String sub = Args.text(call.arg(1)).toLowerCase(Locale.ROOT);
        int argc = call.argc();
        switch (sub) {
            case "load" -> {
                if (argc < 3) {
                    call.reply(Errors.wrongArity("function|load"));
                } else {
                    load(call);
                }
            }
            case "delete" -> {
                if (argc != 3) {
                    call.reply(Errors.wrongArity("function|delete"));
                } else {
                    String library = Args.text(call.arg(2));
                    change(call, set -> set.delete(library), Reply.OK);
                }
            }
            case "flush" -> {
                if (argc > 3) {
                    call.reply(syntaxError(Args.text(call.arg(1))));
                } else if (argc == 3 && !Args.is(call.arg(2), "SYNC") && !Args.is(call.arg(2), "ASYNC")) {
                    call.reply(Reply.error("ERR FUNCTION FLUSH only supports SYNC|ASYNC option"));
                } else {
                    change(call, set -> new FunctionSet.Change(List.of(), null), Reply.OK);
                }
            }
            case "list" -> list(call);
            case "dump" -> {
                if (argc != 2) {
                    call.reply(Errors.wrongArity("function|dump"));
                } else {
                    latest(call, set -> call.reply(Reply.bulk(FunctionsPayload.encode(set.codes()))));
                }
            }
            case "restore" -> restore(call);
            case "stats" -> {
                if (argc != 2) {
                    call.reply(Errors.wrongArity("function|stats"));
                } else {
                    latest(call, set -> call.reply(stats(set)));
                }
            }
            case "kill" -> {
                if (argc != 2) {
                    call.reply(Errors.wrongArity("function|kill"));
                } else {
                    ScriptCommands.kill(call, true);
                }
            }
            case "help" -> {
                if (argc != 2) {
                    call.reply(Errors.wrongArity("function|help"));
                } else {
                    call.reply(Reply.array(HELP.stream().map(line -> (Reply) new Reply.Simple(line)).toList()));
                }
            }
            default -> call.reply(Reply.error("ERR unknown subcommand '" + Args.text(call.arg(1)) + "'. Try FUNCTION HELP."));
        }
    }

    /** FCALL and FCALL_RO: the function from this node's copy, or from the dashboard when this node has not heard of it yet. */
    static void fcall(Call call, boolean readOnly) {
        String name = Args.text(call.arg(1));
        Optional<FunctionLibrary> library = call.gateway().functions().cached().libraryOf(name);
        if (library.isPresent()) {
            run(call, library.get(), name, readOnly);
            return;
        }
        latest(call, set -> set.libraryOf(name).ifPresentOrElse(found -> run(call, found, name, readOnly),
                () -> call.reply(Reply.error("ERR Function not found"))));
    }

    private static void run(Call call, FunctionLibrary library, String name, boolean readOnly) {
        OptionalLong numKeys = Args.parseLong(call.arg(2));
        if (numKeys.isEmpty()) {
            call.reply(Reply.error("ERR Bad number of keys provided"));
            return;
        }
        if (numKeys.getAsLong() > call.argc() - 3) {
            call.reply(Reply.error("ERR Number of keys can't be greater than number of args"));
            return;
        }
        if (numKeys.getAsLong() < 0) {
            call.reply(Reply.error("ERR Number of keys can't be negative"));
            return;
        }
        LibraryFunction function = library.functions().get(name);
        if (readOnly && !function.noWrites()) {
            call.reply(Reply.error("ERR Can not execute a script with write flag using *_ro command."));
            return;
        }
        int n = (int) numKeys.getAsLong();
        List<byte[]> keys = call.args().subList(3, 3 + n);
        List<byte[]> argv = call.args().subList(3 + n, call.argc());
        // As EVAL: a function without keys may run on any slot; slot 0 it is.
        int slot = keys.isEmpty() ? 0 : SlotHash.slotOf(keys.get(0));
        for (byte[] key : keys) {
            if (SlotHash.slotOf(key) != slot) {
                call.reply(Errors.crossSlot());
                return;
            }
        }
        SlotOp op = new SlotOp.RunScript(call.session().db(), library.code(), name, new ArrayList<>(keys), new ArrayList<>(argv),
                readOnly || function.noWrites(), call.session().protocol(), call.gateway().config().busyReplyThresholdMillis());
        call.slots().askBlocking(slot, op, 0, call::reply);
    }

    /** FUNCTION LOAD [REPLACE] code: answers the library's name. */
    private static void load(Call call) {
        boolean replace = false;
        int at = 2;
        while (at < call.argc() - 1) {
            byte[] option = call.arg(at++);
            if (Args.is(option, "REPLACE")) {
                replace = true;
                continue;
            }
            call.reply(Reply.error("ERR Unknown option given: " + Args.text(option)));
            return;
        }
        byte[] code = call.arg(at);
        boolean replacing = replace;
        LibraryMetadata metadata = LibraryMetadata.parse(code);
        change(call, set -> set.load(code, replacing), metadata.error() == null ? Reply.bulk(metadata.name()) : null);
    }

    private static void restore(Call call) {
        if (call.argc() < 3) {
            call.reply(Errors.wrongArity("function|restore"));
            return;
        }
        if (call.argc() > 4) {
            call.reply(syntaxError(Args.text(call.arg(1))));
            return;
        }
        FunctionSet.RestorePolicy policy = FunctionSet.RestorePolicy.APPEND;
        if (call.argc() == 4) {
            String given = Args.text(call.arg(3)).toUpperCase(Locale.ROOT);
            try {
                policy = FunctionSet.RestorePolicy.valueOf(given);
            } catch (IllegalArgumentException e) {
                call.reply(Reply.error("ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE."));
                return;
            }
        }
        FunctionsPayload.Decoded decoded = FunctionsPayload.decode(call.arg(2));
        if (decoded.error() != null) {
            call.reply(Reply.error(decoded.error()));
            return;
        }
        FunctionSet.RestorePolicy chosen = policy;
        change(call, set -> set.restore(decoded.codes(), chosen), Reply.OK);
    }

    /** FUNCTION LIST [WITHCODE] [LIBRARYNAME pattern], each option at most once, in any order. */
    private static void list(Call call) {
        boolean withCode = false;
        byte[] pattern = null;
        for (int i = 2; i < call.argc(); i++) {
            byte[] arg = call.arg(i);
            if (!withCode && Args.is(arg, "WITHCODE")) {
                withCode = true;
                continue;
            }
            if (pattern == null && Args.is(arg, "LIBRARYNAME")) {
                if (i >= call.argc() - 1) {
                    call.reply(Reply.error("ERR library name argument was not given"));
                    return;
                }
                pattern = call.arg(++i);
                continue;
            }
            call.reply(Reply.error("ERR Unknown argument " + Args.text(arg)));
            return;
        }
        boolean code = withCode;
        GlobPattern match = pattern == null ? null : GlobPattern.of(pattern);
        latest(call, set -> {
            List<Reply> libraries = new ArrayList<>();
            for (FunctionLibrary library : set.libraries()) {
                if (match == null || match.matches(library.name().getBytes(StandardCharsets.UTF_8))) {
                    libraries.add(describe(library, code));
                }
            }
            call.reply(Reply.array(libraries));
        });
    }

    private static Reply describe(FunctionLibrary library, boolean withCode) {
        List<Reply> functions = new ArrayList<>();
        for (LibraryFunction function : library.functions().values()) {
            List<Reply> flags = new ArrayList<>();
            for (FunctionFlag flag : FunctionFlag.values()) {
                if (function.flags().contains(flag)) {
                    flags.add(new Reply.Simple(flag.redisName()));
                }
            }
            functions.add(new Reply.MapReply(List.of(
                    Reply.bulk("name"), Reply.bulk(function.name()),
                    Reply.bulk("description"), function.description() == null ? new Reply.Nil() : Reply.bulk(function.description()),
                    Reply.bulk("flags"), new Reply.SetReply(flags))));
        }
        List<Reply> fields = new ArrayList<>(List.of(
                Reply.bulk("library_name"), Reply.bulk(library.name()),
                Reply.bulk("engine"), Reply.bulk("LUA"),
                Reply.bulk("functions"), Reply.array(functions)));
        if (withCode) {
            fields.add(Reply.bulk("library_code"));
            fields.add(Reply.bulk(library.code()));
        }
        return new Reply.MapReply(fields);
    }

    /**
     * FUNCTION STATS. {@code running_script} is always nil: a function runs on its slot's node,
     * which need not be this one (FUNCTION KILL reaches it all the same).
     */
    private static Reply stats(FunctionSet set) {
        return new Reply.MapReply(List.of(
                Reply.bulk("running_script"), new Reply.Nil(),
                Reply.bulk("engines"), new Reply.MapReply(List.of(
                        Reply.bulk("LUA"), new Reply.MapReply(List.of(
                                Reply.bulk("libraries_count"), Reply.integer(set.libraries().size()),
                                Reply.bulk("functions_count"), Reply.integer(set.functionCount())))))));
    }

    /**
     * Reads the libraries, applies {@code rule} and journals what it gives against the revision
     * read; answers {@code success}, or the rule's error. When the libraries changed meanwhile, the
     * whole is done again on what they are now.
     */
    private static void change(Call call, Function<FunctionSet, FunctionSet.Change> rule, Reply success) {
        attempt(call, rule, success, 1);
    }

    private static void attempt(Call call, Function<FunctionSet, FunctionSet.Change> rule, Reply success, int attempt) {
        latest(call, set -> {
            FunctionSet.Change change = rule.apply(set);
            if (change.error() != null) {
                call.reply(change.error());
                return;
            }
            call.gateway().functions().replace(set.revision(), change.codes()).whenComplete((done, failure) ->
                    call.connection().onEventLoop(() -> {
                        if (failure != null) {
                            call.reply(UNAVAILABLE);
                        } else if (done) {
                            call.reply(success);
                        } else if (attempt < ATTEMPTS) {
                            attempt(call, rule, success, attempt + 1);
                        } else {
                            call.reply(Reply.error("ERR the function libraries kept changing under this change; try again"));
                        }
                    }));
        });
    }

    /** Runs {@code then} on the connection's event loop with the libraries as the dashboard has them now. */
    private static void latest(Call call, Consumer<FunctionSet> then) {
        call.gateway().functions().latest().whenComplete((set, failure) -> call.connection().onEventLoop(() -> {
            if (failure != null) {
                call.reply(UNAVAILABLE);
            } else {
                then.accept(set);
            }
        }));
    }

    private static Reply syntaxError(String sub) {
        return Reply.error("ERR unknown subcommand or wrong number of arguments for '" + sub + "'. Try FUNCTION HELP.");
    }
}
