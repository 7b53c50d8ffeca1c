package io.pikko.gateway;

import io.pikko.commands.EncodingLimits;
import io.pikko.protocol.Errors;
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

/**
 * CONFIG GET, SET, RESETSTAT, REWRITE and HELP over the settings of {@link ConfigSettings}. REWRITE
 * answers OK and writes nothing: Pikko's settings live in its own configuration file, and what
 * CONFIG SET changes lasts until the node restarts.
 */
final class ConfigCommand {
    private static final List<String> HELP = List.of(
            "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GET <pattern>",
            "    Return parameters matching the glob-like <pattern> and their values.",
            "SET <directive> <value>",
            "    Set the configuration <directive> to <value>.",
            "RESETSTAT",
            "    Reset statistics reported by the INFO command.",
            "REWRITE",
            "    Accepted; Pikko keeps its settings in its own configuration file.",
            "HELP",
            "    Prints this help.");

    private ConfigCommand() {}

    static void run(Call call) {
        String sub = Args.text(call.arg(1)).toLowerCase();
        if (List.of("get", "set", "resetstat", "rewrite", "help").contains(sub)) {
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
            case "rewrite" -> call.reply(call.argc() == 2 ? Reply.OK : Errors.wrongArity("config|rewrite"));
            case "help" -> call.reply(call.argc() == 2
                    ? Reply.array(HELP.stream().map(line -> (Reply) new Reply.Simple(line)).toList())
                    : Errors.wrongArity("config|help"));
            default -> call.reply(Reply.error("ERR unknown subcommand '" + Args.text(call.arg(1)) + "'. Try CONFIG HELP."));
        }
    }

    /**
     * CONFIG GET pattern...: a name without glob characters is looked up as given (a name or an
     * alias) and answered with the spelling the client used; a pattern matches names and aliases
     * case-insensitively, each answered under its own name, as Redis 7.0 does.
     */
    private static void get(Call call) {
        if (call.argc() < 3) {
            call.reply(Errors.wrongArity("config|get"));
            return;
        }
        GatewayContext gateway = call.gateway();
        // Keyed by the name answered, so a name matched twice is answered once.
        Map<String, Reply[]> matched = new LinkedHashMap<>();
        for (int i = 2; i < call.argc(); i++) {
            String requested = Args.text(call.arg(i));
            String lower = requested.toLowerCase(Locale.ROOT);
            if (!isGlob(requested)) {
                ConfigSettings.lookup(lower).ifPresent(setting -> matched.putIfAbsent(lower,
                        new Reply[] {Reply.bulk(requested), Reply.bulk(setting.read().apply(gateway))}));
                continue;
            }
            GlobPattern pattern = GlobPattern.of(lower.getBytes(StandardCharsets.UTF_8));
            for (ConfigSetting setting : ConfigSettings.all()) {
                for (String name : setting.alias() == null ? List.of(setting.name()) : List.of(setting.name(), setting.alias())) {
                    if (pattern.matches(name.getBytes(StandardCharsets.UTF_8))) {
                        matched.putIfAbsent(name, new Reply[] {Reply.bulk(name), Reply.bulk(setting.read().apply(gateway))});
                    }
                }
            }
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
     * it, and the first unknown name is reported after the loop. A name and its alias may both be
     * given; the later one wins.
     */
    private static void set(Call call) {
        if (call.argc() < 4 || call.argc() % 2 != 0) {
            call.reply(Errors.wrongArity("config|set"));
            return;
        }
        String unknown = null;
        Set<String> names = new HashSet<>();
        List<ConfigSetting> settings = new ArrayList<>();
        for (int i = 2; i < call.argc(); i += 2) {
            String given = Args.text(call.arg(i));
            ConfigSetting setting = ConfigSettings.lookup(given).orElse(null);
            settings.add(setting);
            if (setting == null) {
                unknown = unknown == null ? given : unknown;
            } else if (unknown == null && !setting.mutable()) {
                call.reply(failed(given.toLowerCase(Locale.ROOT), "can't set immutable config"));
                return;
            } else if (unknown == null && !names.add(given.toLowerCase(Locale.ROOT))) {
                call.reply(failed(given.toLowerCase(Locale.ROOT), "duplicate parameter"));
                return;
            }
        }
        if (unknown != null) {
            call.reply(Reply.error("ERR Unknown option or number of arguments for CONFIG SET - '" + unknown + "'"));
            return;
        }
        List<String> shown = new ArrayList<>();
        for (int i = 2; i < call.argc(); i += 2) {
            ConfigSetting setting = settings.get(i / 2 - 1);
            String value = Args.text(call.arg(i + 1));
            String problem = setting.value().problem(value);
            if (problem != null) {
                call.reply(failed(Args.text(call.arg(i)).toLowerCase(Locale.ROOT), problem));
                return;
            }
            shown.add(setting.value().shown(value));
        }
        for (int i = 0; i < settings.size(); i++) {
            settings.get(i).write().accept(call.gateway(), shown.get(i));
        }
        EncodingLimits.set(ConfigSettings.encodingLimits(call.gateway().config()));
        call.reply(Reply.OK);
    }

    private static Reply failed(String name, String problem) {
        return Reply.error("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + problem);
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
