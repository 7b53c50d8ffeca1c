package io.pikko.gateway;

import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.protocol.Args;
import io.pikko.protocol.CommandFlag;
import io.pikko.protocol.CommandSpec;
import io.pikko.protocol.CommandTable;
import io.pikko.protocol.GlobPattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** COMMAND, COMMAND COUNT, INFO, DOCS, LIST and GETKEYS, all read from the command table. */
final class CommandCommand {
    /** Redis's ACL categories in the order of their bits, which is the order COMMAND lists them in. */
    private static final List<String> CATEGORY_ORDER = List.of(
            "keyspace", "read", "write", "set", "sortedset", "list", "hash", "string", "bitmap", "hyperloglog",
            "geo", "stream", "pubsub", "admin", "fast", "slow", "blocking", "dangerous", "connection",
            "transaction", "scripting");

    /** Categories Redis names by hand for a command, in place of the one its group implies. */
    private static final Map<String, String> EXPLICIT_CATEGORIES = Map.of(
            "command", "connection",
            "info", "dangerous",
            "keys", "keyspace dangerous",
            "dbsize", "keyspace",
            "flushdb", "keyspace dangerous",
            "flushall", "keyspace dangerous",
            "restore", "keyspace dangerous",
            "sort", "set sortedset list dangerous");

    /** Redis's command tips, for the commands of the table that have any. */
    private static final Map<String, String> TIPS = Map.ofEntries(
            Map.entry("ping", "request_policy:all_shards response_policy:all_succeeded"),
            Map.entry("info", "nondeterministic_output request_policy:all_shards response_policy:special"),
            Map.entry("command", "nondeterministic_output_order"),
            Map.entry("time", "nondeterministic_output"),
            Map.entry("dbsize", "request_policy:all_shards response_policy:agg_sum"),
            Map.entry("flushdb", "request_policy:all_shards response_policy:all_succeeded"),
            Map.entry("flushall", "request_policy:all_shards response_policy:all_succeeded"),
            Map.entry("mget", "request_policy:multi_shard"),
            Map.entry("mset", "request_policy:multi_shard response_policy:all_succeeded"),
            Map.entry("msetnx", "request_policy:multi_shard response_policy:agg_min"),
            Map.entry("del", "request_policy:multi_shard response_policy:agg_sum"),
            Map.entry("unlink", "request_policy:multi_shard response_policy:agg_sum"),
            Map.entry("exists", "request_policy:multi_shard response_policy:agg_sum"),
            Map.entry("touch", "request_policy:multi_shard response_policy:agg_sum"),
            Map.entry("ttl", "nondeterministic_output"),
            Map.entry("pttl", "nondeterministic_output"),
            Map.entry("keys", "request_policy:all_shards nondeterministic_output_order"),
            Map.entry("scan", "nondeterministic_output request_policy:special"),
            Map.entry("randomkey", "request_policy:all_shards nondeterministic_output"),
            Map.entry("dump", "nondeterministic_output"),
            Map.entry("hgetall", "nondeterministic_output_order"),
            Map.entry("hkeys", "nondeterministic_output_order"),
            Map.entry("hvals", "nondeterministic_output_order"),
            Map.entry("hrandfield", "nondeterministic_output"),
            Map.entry("hscan", "nondeterministic_output"),
            Map.entry("smembers", "nondeterministic_output_order"),
            Map.entry("sinter", "nondeterministic_output_order"),
            Map.entry("sunion", "nondeterministic_output_order"),
            Map.entry("sdiff", "nondeterministic_output_order"),
            Map.entry("spop", "nondeterministic_output"),
            Map.entry("srandmember", "nondeterministic_output"),
            Map.entry("sscan", "nondeterministic_output"),
            Map.entry("zrandmember", "nondeterministic_output"),
            Map.entry("zscan", "nondeterministic_output"));

    /**
     * The flags of each key spec, as Redis 7.0 gives them; '|' separates the specs of commands
     * whose keys play different parts (RENAME's source and destination).
     */
    private static final Map<String, String> KEY_SPEC_FLAGS = Map.ofEntries(
            Map.entry("get", "RO access"),
            Map.entry("set", "RW access update variable_flags"),
            Map.entry("getset", "RW access update"),
            Map.entry("getdel", "RW access delete"),
            Map.entry("getex", "RW access update"),
            Map.entry("setnx", "OW insert"),
            Map.entry("setex", "OW update"),
            Map.entry("psetex", "OW update"),
            Map.entry("mget", "RO access"),
            Map.entry("mset", "OW update"),
            Map.entry("msetnx", "OW insert"),
            Map.entry("incr", "RW access update"),
            Map.entry("decr", "RW access update"),
            Map.entry("incrby", "RW access update"),
            Map.entry("decrby", "RW access update"),
            Map.entry("incrbyfloat", "RW access update"),
            Map.entry("append", "RW insert"),
            Map.entry("strlen", "RO"),
            Map.entry("setrange", "RW update"),
            Map.entry("getrange", "RO access"),
            Map.entry("substr", "RO access"),
            Map.entry("del", "RM delete"),
            Map.entry("unlink", "RM delete"),
            Map.entry("exists", "RO"),
            Map.entry("touch", "RO"),
            Map.entry("type", "RO"),
            Map.entry("expire", "RW update"),
            Map.entry("pexpire", "RW update"),
            Map.entry("expireat", "RW update"),
            Map.entry("pexpireat", "RW update"),
            Map.entry("ttl", "RO access"),
            Map.entry("pttl", "RO access"),
            Map.entry("expiretime", "RO access"),
            Map.entry("pexpiretime", "RO access"),
            Map.entry("persist", "RW update"),
            Map.entry("rename", "RW access delete|OW update"),
            Map.entry("renamenx", "RW access delete|OW insert"),
            Map.entry("copy", "RO access|OW update"));

    /** The notes Redis attaches to a command's key spec. */
    private static final Map<String, String> KEY_SPEC_NOTES = Map.of(
            "set", "RW and ACCESS due to the optional `GET` argument",
            "getex", "RW and UPDATE because it changes the TTL");

    private CommandCommand() {}

    static void run(Call call) {
        if (call.argc() == 1) {
            call.reply(Reply.array(CommandTable.all().stream().map(CommandCommand::info).toList()));
            return;
        }
        String sub = Args.text(call.arg(1)).toLowerCase(Locale.ROOT);
        if (List.of("count", "list", "info", "docs", "getkeys").contains(sub)) {
            call.session().touched("command|" + sub);
        }
        switch (sub) {
            case "count" -> {
                if (call.argc() != 2) {
                    call.reply(Errors.wrongArity("command|count"));
                } else {
                    call.reply(Reply.integer(CommandTable.size()));
                }
            }
            case "list" -> list(call);
            case "info" -> {
                List<Reply> out = new ArrayList<>();
                if (call.argc() == 2) {
                    CommandTable.all().forEach(spec -> out.add(info(spec)));
                }
                for (int i = 2; i < call.argc(); i++) {
                    out.add(CommandTable.lookup(Args.text(call.arg(i))).map(CommandCommand::info).orElse(Reply.NIL));
                }
                call.reply(Reply.array(out));
            }
            case "docs" -> {
                List<Reply> out = new ArrayList<>();
                if (call.argc() == 2) {
                    CommandTable.all().forEach(spec -> addDocs(out, spec));
                }
                for (int i = 2; i < call.argc(); i++) {
                    Optional<CommandSpec> spec = CommandTable.lookup(Args.text(call.arg(i)));
                    spec.ifPresent(s -> addDocs(out, s));
                }
                call.reply(new Reply.MapReply(out));
            }
            case "getkeys" -> getKeys(call);
            default -> call.reply(Reply.error("ERR unknown subcommand '" + Args.text(call.arg(1)) + "'. Try COMMAND HELP."));
        }
    }

    /** COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]. */
    private static void list(Call call) {
        Predicate<CommandSpec> filter = spec -> true;
        if (call.argc() == 5 && Args.is(call.arg(2), "filterby")) {
            String value = Args.text(call.arg(4));
            switch (Args.option(call.arg(3))) {
                case "MODULE" -> filter = spec -> false;
                case "ACLCAT" -> filter = spec -> categories(spec).contains(value.toLowerCase(Locale.ROOT));
                case "PATTERN" -> {
                    GlobPattern pattern = GlobPattern.of(value.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
                    filter = spec -> pattern.matches(spec.name().getBytes(StandardCharsets.UTF_8));
                }
                default -> {
                    call.reply(Errors.SYNTAX);
                    return;
                }
            }
        } else if (call.argc() != 2) {
            call.reply(Errors.SYNTAX);
            return;
        }
        call.reply(Reply.array(CommandTable.all().stream().filter(filter).map(s -> Reply.bulk(s.name())).toList()));
    }

    /** COMMAND GETKEYS command arg...: the keys a request would touch. */
    private static void getKeys(Call call) {
        if (call.argc() < 4) {
            call.reply(Errors.wrongArity("command|getkeys"));
            return;
        }
        Optional<CommandSpec> spec = CommandTable.lookup(Args.text(call.arg(2)));
        List<byte[]> request = call.args().subList(2, call.argc());
        if (spec.isEmpty()) {
            call.reply(Reply.error("ERR Invalid command specified"));
        } else if (spec.get().firstKey() == 0 && spec.get().numKeysAt() == 0 && spec.get().storeFrom() == 0) {
            call.reply(Reply.error("ERR The command has no key arguments"));
        } else if (!spec.get().arityAccepts(request.size())) {
            call.reply(Reply.error("ERR Invalid number of arguments specified for command"));
        } else {
            int[] positions = spec.get().keyPositions(request);
            call.reply(positions.length == 0 ? Reply.error("ERR Invalid arguments specified for command")
                    : Reply.bulks(Arrays.stream(positions).mapToObj(request::get).toList()));
        }
    }

    /** Redis 7's ten-field COMMAND INFO entry; Pikko's commands have no subcommands. */
    static Reply info(CommandSpec spec) {
        return Reply.array(List.of(
                Reply.bulk(spec.name()),
                Reply.integer(spec.arity()),
                simpleSet(spec.flags().stream().map(CommandFlag::redisName).toList()),
                Reply.integer(spec.firstKey()),
                Reply.integer(spec.lastKey()),
                // Commands whose keys are found otherwise (numkeys) show Redis's 0 0 0.
                Reply.integer(spec.firstKey() == 0 ? 0 : spec.step()),
                simpleSet(categories(spec).stream().map(c -> "@" + c).toList()),
                new Reply.SetReply(words(TIPS.getOrDefault(spec.name(), "")).stream().map(Reply::bulk).toList()),
                new Reply.SetReply(keySpecs(spec)),
                new Reply.SetReply(List.of())));
    }

    /**
     * The categories Redis 7.0 gives a command: those its flags imply (write, read, admin and
     * dangerous, fast or slow, blocking), and its group's or those it names by hand.
     */
    private static List<String> categories(CommandSpec spec) {
        List<String> found = new ArrayList<>();
        if (spec.hasFlag(CommandFlag.WRITE)) {
            found.add("write");
        }
        if (spec.hasFlag(CommandFlag.READONLY)) {
            found.add("read");
        }
        if (spec.hasFlag(CommandFlag.ADMIN)) {
            found.addAll(List.of("admin", "dangerous"));
        }
        found.add(spec.hasFlag(CommandFlag.FAST) ? "fast" : "slow");
        if (spec.hasFlag(CommandFlag.BLOCKING)) {
            found.add("blocking");
        }
        if (EXPLICIT_CATEGORIES.containsKey(spec.name())) {
            found.addAll(words(EXPLICIT_CATEGORIES.get(spec.name())));
        } else {
            switch (spec.group()) {
                case "generic" -> found.add("keyspace");
                case "sorted-set" -> found.add("sortedset");
                // Commands of the server group and Codis's slots have no category of their own.
                case "server", "slots" -> { }
                default -> found.add(spec.group());
            }
        }
        return CATEGORY_ORDER.stream().filter(found::contains).toList();
    }

    /**
     * Key specs in Redis's shape (begin at an index, then a range of keys) for the commands whose
     * key spec flags are known here; other commands answer none rather than made-up ones.
     */
    private static List<Reply> keySpecs(CommandSpec spec) {
        if (spec.firstKey() == 0 || !KEY_SPEC_FLAGS.containsKey(spec.name())) {
            return List.of();
        }
        String[] flags = KEY_SPEC_FLAGS.get(spec.name()).split("\\|");
        List<Reply> specs = new ArrayList<>();
        for (int i = 0; i < flags.length; i++) {
            // One spec covers every key, or, when the keys play different parts, one spec per key.
            int index = flags.length == 1 ? spec.firstKey() : spec.firstKey() + i;
            int lastKey = flags.length > 1 ? 0 : spec.lastKey() < 0 ? spec.lastKey() : spec.lastKey() - spec.firstKey();
            List<Reply> fields = new ArrayList<>();
            String notes = KEY_SPEC_NOTES.get(spec.name());
            if (notes != null) {
                fields.addAll(List.of(Reply.bulk("notes"), Reply.bulk(notes)));
            }
            fields.addAll(List.of(
                    Reply.bulk("flags"), simpleSet(words(flags[i])),
                    Reply.bulk("begin_search"), map(Reply.bulk("type"), Reply.bulk("index"),
                            Reply.bulk("spec"), map(Reply.bulk("index"), Reply.integer(index))),
                    Reply.bulk("find_keys"), map(Reply.bulk("type"), Reply.bulk("range"),
                            Reply.bulk("spec"), map(
                                    Reply.bulk("lastkey"), Reply.integer(lastKey),
                                    Reply.bulk("keystep"), Reply.integer(spec.step()),
                                    Reply.bulk("limit"), Reply.integer(0)))));
            specs.add(new Reply.MapReply(fields));
        }
        return specs;
    }

    private static void addDocs(List<Reply> out, CommandSpec spec) {
        out.add(Reply.bulk(spec.name()));
        out.add(map(
                Reply.bulk("summary"), Reply.bulk(spec.summary()),
                Reply.bulk("since"), Reply.bulk(spec.since()),
                Reply.bulk("group"), Reply.bulk(spec.group())));
    }

    private static Reply map(Reply... keysAndValues) {
        return new Reply.MapReply(List.of(keysAndValues));
    }

    private static Reply simpleSet(List<String> items) {
        return new Reply.SetReply(items.stream().map(item -> (Reply) new Reply.Simple(item)).toList());
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split(" "));
    }
}
