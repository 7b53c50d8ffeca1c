package io.pikko.gateway;

import io.pikko.actors.Errors;
import io.pikko.actors.Reply;
import io.pikko.actors.command.Args;
import io.pikko.storage.GlobPattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** CONFIG GET, SET and RESETSTAT over the settings Pikko has. */
final class ConfigCommand {
    private ConfigCommand() {}

    static void run(Call call) {
        String sub = Args.text(call.arg(1)).toLowerCase();
        switch (sub) {
            case "get" -> get(call);
            case "set" -> set(call);
            case "resetstat" -> {
                if (call.argc() != 2) {
                    call.reply(Errors.wrongArity("config|resetstat"));
                } else {
                    call.gateway().stats().reset();
                    call.reply(Reply.OK);
                }
            }
            default -> call.reply(Reply.error("ERR unknown subcommand '" + Args.text(call.arg(1)) + "'. Try CONFIG HELP."));
        }
    }

    private static Map<String, String> current(GatewayContext gateway) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("port", Integer.toString(gateway.settings().port()));
        values.put("bind", gateway.settings().host());
        values.put("databases", Integer.toString(gateway.settings().databases()));
        values.put("requirepass", gateway.config().requirePass());
        values.put("proto-max-bulk-len", Long.toString(gateway.config().protoMaxBulkLen()));
        values.put("maxclients", Integer.toString(gateway.config().maxClients()));
        values.put("appendfsync", gateway.control().fsyncPolicy());
        values.put("appendonly", "yes");
        values.put("save", "");
        values.put("timeout", "0");
        return values;
    }

    private static void get(Call call) {
        if (call.argc() < 3) {
            call.reply(Errors.wrongArity("config|get"));
            return;
        }
        Map<String, String> values = current(call.gateway());
        Map<String, String> matched = new LinkedHashMap<>();
        for (int i = 2; i < call.argc(); i++) {
            GlobPattern pattern = GlobPattern.of(Args.text(call.arg(i)).toLowerCase().getBytes(StandardCharsets.UTF_8));
            values.forEach((name, value) -> {
                if (pattern.matches(name.getBytes(StandardCharsets.UTF_8))) {
                    matched.put(name, value);
                }
            });
        }
        List<Reply> pairs = new ArrayList<>();
        matched.forEach((name, value) -> {
            pairs.add(Reply.bulk(name));
            pairs.add(Reply.bulk(value));
        });
        call.reply(new Reply.MapReply(pairs));
    }

    private static void set(Call call) {
        if (call.argc() < 4 || call.argc() % 2 != 0) {
            call.reply(Errors.wrongArity("config|set"));
            return;
        }
        // Check every pair before applying any, so a failed CONFIG SET changes nothing.
        for (int i = 2; i < call.argc(); i += 2) {
            String name = Args.text(call.arg(i)).toLowerCase();
            String value = Args.text(call.arg(i + 1));
            String problem = validate(call.gateway(), name, value);
            if (problem != null) {
                call.reply(Reply.error(problem));
                return;
            }
        }
        for (int i = 2; i < call.argc(); i += 2) {
            apply(call.gateway(), Args.text(call.arg(i)).toLowerCase(), Args.text(call.arg(i + 1)));
        }
        call.reply(Reply.OK);
    }

    private static String validate(GatewayContext gateway, String name, String value) {
        String failed = "ERR CONFIG SET failed (possibly related to argument '" + name + "') - ";
        return switch (name) {
            case "requirepass" -> null;
            case "appendfsync" -> List.of("no", "everysec", "always").contains(value.toLowerCase()) ? null
                    : failed + "argument(s) must be one of the following: always, everysec, no";
            case "proto-max-bulk-len" -> {
                OptionalLong n = Args.parseLong(value.getBytes(StandardCharsets.UTF_8));
                yield n.isPresent() && n.getAsLong() >= 1024 * 1024 ? null
                        : failed + "argument must be a memory value of at least 1mb";
            }
            case "maxclients" -> {
                OptionalLong n = Args.parseLong(value.getBytes(StandardCharsets.UTF_8));
                yield n.isPresent() && n.getAsLong() >= 1 && n.getAsLong() <= Integer.MAX_VALUE ? null
                        : failed + "argument must be between 1 and 2147483647 inclusive";
            }
            case "port", "bind", "databases", "appendonly", "save", "timeout" -> failed + "can't set immutable config";
            default -> "ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'";
        };
    }

    private static void apply(GatewayContext gateway, String name, String value) {
        switch (name) {
            case "requirepass" -> gateway.config().setRequirePass(value);
            case "appendfsync" -> gateway.control().setFsyncPolicy(value.toLowerCase());
            case "proto-max-bulk-len" -> gateway.config().setProtoMaxBulkLen(Long.parseLong(value));
            case "maxclients" -> gateway.config().setMaxClients(Integer.parseInt(value));
            default -> throw new IllegalArgumentException("not settable: " + name);
        }
    }
}
