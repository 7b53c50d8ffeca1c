package io.pikko.gateway;

import io.pikko.protocol.Errors;
import io.pikko.protocol.KeyspaceEventFlags;
import io.pikko.protocol.Reply;
import io.pikko.protocol.Args;
import io.pikko.protocol.GlobPattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** CONFIG GET, SET and RESETSTAT over the settings Pikko has. */
final class ConfigCommand {
    private static final Set<String> SETTABLE = Set.of("requirepass", "appendfsync", "proto-max-bulk-len", "maxclients",
            "client-output-buffer-limit", "timeout", "notify-keyspace-events", "busy-reply-threshold", "lua-time-limit");
    private static final Set<String> IMMUTABLE = Set.of("port", "bind", "databases", "appendonly", "save");
    private static final List<String> FSYNC_POLICIES = List.of("everysec", "always", "no");
    private static final long MIN_BULK_LEN = 1024 * 1024;
    private static final long MAX_UNSIGNED_INT = 4294967295L;

    private ConfigCommand() {}

    static void run(Call call) {
        String sub = Args.text(call.arg(1)).toLowerCase();
        if (List.of("get", "set", "resetstat").contains(sub)) {
            call.session().touched("config|" + sub);
        }
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
        values.put("port", Integer.toString(gateway.boundPort().getAsInt()));
        values.put("bind", gateway.settings().host());
        values.put("databases", Integer.toString(gateway.settings().databases()));
        values.put("requirepass", gateway.config().requirePass());
        values.put("proto-max-bulk-len", Long.toString(gateway.config().protoMaxBulkLen()));
        values.put("maxclients", Integer.toString(gateway.config().maxClients()));
        values.put("appendfsync", gateway.control().fsyncPolicy());
        values.put("appendonly", "yes");
        values.put("save", "");
        values.put("timeout", Integer.toString(gateway.config().idleTimeoutSeconds()));
        values.put("client-output-buffer-limit", gateway.config().outputBufferLimits().describe());
        values.put("busy-reply-threshold", Long.toString(gateway.config().busyReplyThresholdMillis()));
        values.put("lua-time-limit", Long.toString(gateway.config().busyReplyThresholdMillis()));
        values.put("notify-keyspace-events", KeyspaceEventFlags.format(gateway.config().notifyKeyspaceEvents()));
        return values;
    }

    /**
     * CONFIG GET pattern...: a name without glob characters is looked up as given and answered
     * with the spelling the client used; a pattern matches names case-insensitively.
     */
    private static void get(Call call) {
        if (call.argc() < 3) {
            call.reply(Errors.wrongArity("config|get"));
            return;
        }
        Map<String, String> values = current(call.gateway());
        // Keyed by canonical name so a setting matched twice is answered once.
        Map<String, Reply[]> matched = new LinkedHashMap<>();
        for (int i = 2; i < call.argc(); i++) {
            String requested = Args.text(call.arg(i));
            String lower = requested.toLowerCase(Locale.ROOT);
            if (!isGlob(requested)) {
                if (values.containsKey(lower)) {
                    matched.putIfAbsent(lower, new Reply[] {Reply.bulk(requested), Reply.bulk(values.get(lower))});
                }
                continue;
            }
            GlobPattern pattern = GlobPattern.of(lower.getBytes(StandardCharsets.UTF_8));
            values.forEach((name, value) -> {
                if (pattern.matches(name.getBytes(StandardCharsets.UTF_8))) {
                    matched.putIfAbsent(name, new Reply[] {Reply.bulk(name), Reply.bulk(value)});
                }
            });
        }
        List<Reply> pairs = new ArrayList<>();
        matched.values().forEach(pair -> pairs.addAll(List.of(pair)));
        call.reply(new Reply.MapReply(pairs));
    }

    private static boolean isGlob(String name) {
        return name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0;
    }

    /**
     * CONFIG SET name value [name value...], all or nothing. As in Redis 7.0 the names are checked
     * before any value: an immutable or repeated name is reported unless an unknown one came before
     * it, and the first unknown name is reported after the loop.
     */
    private static void set(Call call) {
        if (call.argc() < 4 || call.argc() % 2 != 0) {
            call.reply(Errors.wrongArity("config|set"));
            return;
        }
        String unknown = null;
        Set<String> names = new HashSet<>();
        for (int i = 2; i < call.argc(); i += 2) {
            String given = Args.text(call.arg(i));
            String name = given.toLowerCase(Locale.ROOT);
            if (!SETTABLE.contains(name) && !IMMUTABLE.contains(name)) {
                unknown = unknown == null ? given : unknown;
            } else if (unknown == null && IMMUTABLE.contains(name)) {
                call.reply(failed(name, "can't set immutable config"));
                return;
            } else if (unknown == null && !names.add(name)) {
                call.reply(failed(name, "duplicate parameter"));
                return;
            }
        }
        if (unknown != null) {
            call.reply(Reply.error("ERR Unknown option or number of arguments for CONFIG SET - '" + unknown + "'"));
            return;
        }
        for (int i = 2; i < call.argc(); i += 2) {
            String name = Args.text(call.arg(i)).toLowerCase(Locale.ROOT);
            String problem = problem(name, Args.text(call.arg(i + 1)));
            if (problem != null) {
                call.reply(failed(name, problem));
                return;
            }
        }
        for (int i = 2; i < call.argc(); i += 2) {
            apply(call.gateway(), Args.text(call.arg(i)).toLowerCase(Locale.ROOT), Args.text(call.arg(i + 1)));
        }
        call.reply(Reply.OK);
    }

    private static Reply failed(String name, String problem) {
        return Reply.error("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + problem);
    }

    /** What is wrong with a value, in Redis's words, or null when it may be set. */
    private static String problem(String name, String value) {
        return switch (name) {
            case "requirepass" -> null;
            case "appendfsync" -> FSYNC_POLICIES.contains(value.toLowerCase(Locale.ROOT)) ? null
                    : "argument(s) must be one of the following: everysec, always, no";
            case "proto-max-bulk-len" -> {
                OptionalLong bytes = memoryValue(value);
                if (bytes.isEmpty()) {
                    yield "argument must be a memory value";
                }
                yield bytes.getAsLong() >= MIN_BULK_LEN ? null
                        : "argument must be between 1048576 and 9223372036854775807 inclusive";
            }
            case "maxclients" -> {
                OptionalLong n = Args.parseLong(value.getBytes(StandardCharsets.UTF_8));
                if (n.isEmpty()) {
                    yield "argument couldn't be parsed into an integer";
                }
                yield n.getAsLong() >= 1 && n.getAsLong() <= MAX_UNSIGNED_INT ? null
                        : "argument must be between 1 and 4294967295 inclusive";
            }
            case "timeout" -> {
                OptionalLong n = Args.parseLong(value.getBytes(StandardCharsets.UTF_8));
                if (n.isEmpty()) {
                    yield "argument couldn't be parsed into an integer";
                }
                yield n.getAsLong() >= 0 && n.getAsLong() <= Integer.MAX_VALUE ? null
                        : "argument must be between 0 and 2147483647 inclusive";
            }
            case "client-output-buffer-limit" -> OutputBufferLimits.problem(value).orElse(null);
            case "busy-reply-threshold", "lua-time-limit" -> {
                OptionalLong n = Args.parseLong(value.getBytes(StandardCharsets.UTF_8));
                if (n.isEmpty()) {
                    yield "argument couldn't be parsed into an integer";
                }
                yield n.getAsLong() >= 0 ? null : "argument must be between 0 and 9223372036854775807 inclusive";
            }
            case "notify-keyspace-events" -> KeyspaceEventFlags.parse(value).isPresent() ? null
                    : "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";
            default -> throw new IllegalArgumentException("not settable: " + name);
        };
    }

    private static void apply(GatewayContext gateway, String name, String value) {
        switch (name) {
            case "requirepass" -> gateway.config().setRequirePass(value);
            case "appendfsync" -> gateway.control().setFsyncPolicy(value.toLowerCase(Locale.ROOT));
            case "proto-max-bulk-len" -> gateway.config().setProtoMaxBulkLen(memoryValue(value).getAsLong());
            // Redis takes up to 2^32-1; more than 2^31-1 connections cannot happen anyway.
            case "maxclients" -> gateway.config().setMaxClients((int) Math.min(Long.parseLong(value), Integer.MAX_VALUE));
            case "timeout" -> gateway.config().setIdleTimeoutSeconds(
                    (int) Args.parseLong(value.getBytes(StandardCharsets.UTF_8)).getAsLong());
            case "busy-reply-threshold", "lua-time-limit" -> gateway.config().setBusyReplyThresholdMillis(
                    Args.parseLong(value.getBytes(StandardCharsets.UTF_8)).getAsLong());
            case "client-output-buffer-limit" -> gateway.config().setOutputBufferLimits(
                    gateway.config().outputBufferLimits().with(value));
            case "notify-keyspace-events" -> gateway.config().setNotifyKeyspaceEvents(KeyspaceEventFlags.parse(value).getAsInt());
            default -> throw new IllegalArgumentException("not settable: " + name);
        }
    }

    /**
     * Redis's memtoull: digits and an optional unit, b, k (1000), kb (1024), m, mb, g or gb, in any
     * case. Empty when it is not such a value or does not fit in a signed 64-bit number.
     */
    static OptionalLong memoryValue(String text) {
        int digits = 0;
        while (digits < text.length() && Character.isDigit(text.charAt(digits)) && text.charAt(digits) < 128) {
            digits++;
        }
        long unit = switch (text.substring(digits).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "k" -> 1000;
            case "kb" -> 1024;
            case "m" -> 1000 * 1000;
            case "mb" -> 1024 * 1024;
            case "g" -> 1000L * 1000 * 1000;
            case "gb" -> 1024L * 1024 * 1024;
            default -> -1;
        };
        if (unit < 0 || digits == 0) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Math.multiplyExact(Long.parseLong(text.substring(0, digits)), unit));
        } catch (NumberFormatException | ArithmeticException e) {
            return OptionalLong.empty();
        }
    }
}
