package io.pikko.gateway;

import io.pikko.actors.Reply;
import io.pikko.actors.command.Args;
import io.pikko.actors.command.CommandSpec;
import io.pikko.actors.command.CommandTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** COMMAND, COMMAND COUNT, INFO, DOCS and LIST, all read from the command table. */
final class CommandCommand {
    private CommandCommand() {}

    static void run(Call call) {
        if (call.argc() == 1) {
            call.reply(Reply.array(CommandTable.all().stream().map(CommandCommand::info).toList()));
            return;
        }
        String sub = Args.text(call.arg(1)).toLowerCase();
        switch (sub) {
            case "count" -> call.reply(Reply.integer(CommandTable.size()));
            case "list" -> call.reply(Reply.array(CommandTable.all().stream().map(s -> Reply.bulk(s.name())).toList()));
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
            default -> call.reply(Reply.error("ERR unknown subcommand '" + Args.text(call.arg(1)) + "'. Try COMMAND HELP."));
        }
    }

    /** Redis 7's ten-field COMMAND INFO entry; key specs and subcommands are left empty. */
    static Reply info(CommandSpec spec) {
        List<Reply> flags = spec.flags().stream().map(f -> (Reply) new Reply.Simple(f)).toList();
        List<Reply> categories = new ArrayList<>();
        categories.add(new Reply.Simple(spec.isWrite() ? "@write" : "@read"));
        categories.add(new Reply.Simple("@" + switch (spec.group()) {
            case "generic" -> "keyspace";
            case "server" -> "admin";
            default -> spec.group();
        }));
        categories.add(new Reply.Simple(spec.hasFlag("fast") ? "@fast" : "@slow"));
        return Reply.array(List.of(
                Reply.bulk(spec.name()),
                Reply.integer(spec.arity()),
                new Reply.SetReply(flags),
                Reply.integer(spec.firstKey()),
                Reply.integer(spec.lastKey()),
                Reply.integer(spec.step()),
                new Reply.SetReply(categories),
                Reply.EMPTY_ARRAY,
                Reply.EMPTY_ARRAY,
                Reply.EMPTY_ARRAY));
    }

    private static void addDocs(List<Reply> out, CommandSpec spec) {
        out.add(Reply.bulk(spec.name()));
        out.add(new Reply.MapReply(List.of(
                Reply.bulk("summary"), Reply.bulk(spec.summary()),
                Reply.bulk("since"), Reply.bulk(spec.since()),
                Reply.bulk("group"), Reply.bulk(spec.group()))));
    }
}
