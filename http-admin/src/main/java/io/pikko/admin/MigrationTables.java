package io.pikko.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.pikko.dashboard.SlotMove;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CLI's text for slot migration, from the API's JSON: the action settings, the actions as
 * ranges of slots that move alike, and rebalance plans. Actions are listed in the order they run;
 * a move that reports progress gets a line of its own with its keys, bytes, rate and ETA.
 */
final class MigrationTables {
    private MigrationTables() {}

    /** The actions' settings and a count per state, then the actions table; from {@code GET /api/actions}. */
    static String actions(JsonNode view) {
        JsonNode actions = view.get("actions");
        StringBuilder out = new StringBuilder(settings(view.get("settings")));
        if (actions.isEmpty()) {
            return out.append("actions: none\n").toString();
        }
        Map<String, Integer> states = new LinkedHashMap<>();
        for (SlotMove.State state : SlotMove.State.values()) { // in the order a move goes through them
            String name = ActionViews.name(state);
            int count = 0;
            for (JsonNode action : actions) {
                count += action.get("state").asText().equals(name) ? 1 : 0;
            }
            if (count > 0) {
                states.put(name, count);
            }
        }
        out.append("actions: ").append(actions.size()).append(" (").append(counts(states)).append(")\n\n");

        CliTable table = new CliTable("SLOTS", "STATE", "FROM", "TO", "MOVED", "LEFT", "BYTES", "KEYS/S", "ETA");
        for (SlotRanges.Range<Step> range : SlotRanges.of(actions, a -> a.get("slot").asInt(), Step::of)) {
            Step step = range.value();
            JsonNode progress = step.progress();
            if (progress == null) {
                table.row(range.slots(), step.state(), step.from(), step.to(), null, null, null, null, null);
            } else {
                table.row(range.slots(), step.state(), step.from(), step.to(), progress.get("keys_moved").asLong(),
                        progress.get("keys_left").asLong(), bytes(progress.get("bytes_moved").asLong()),
                        String.format(Locale.ROOT, "%.0f", progress.get("keys_per_sec").asDouble()),
                        duration(progress.get("eta_seconds")));
            }
        }
        return out.append(table.render()).toString();
    }

    /** One line, such as "settings: running, parallel 1, max keys/s unlimited, max bytes/s 10485760". */
    static String settings(JsonNode settings) {
        return "settings: " + (settings.get("disabled").asBoolean() ? "paused" : "running")
                + ", parallel " + settings.get("parallel").asInt()
                + ", max keys/s " + limit(settings.get("max_keys_per_sec").asLong())
                + ", max bytes/s " + limit(settings.get("max_bytes_per_sec").asLong()) + "\n";
    }

    /** The moves as ranges per pair of groups, then each group's slot count afterwards; from {@code POST /api/rebalance}. */
    static String rebalance(JsonNode plan) {
        JsonNode moves = plan.get("moves");
        StringBuilder out = new StringBuilder();
        if (moves.isEmpty()) {
            out.append("the slots are spread evenly already: nothing to move\n");
        } else {
            out.append(plan.get("scheduled").asBoolean()
                    ? "rebalance scheduled: " + moves.size() + " slots to move\n"
                    : "rebalance plan: " + moves.size() + " slots to move (not scheduled; run again with --confirm to schedule it)\n");
            CliTable table = new CliTable("SLOTS", "FROM", "TO");
            List<SlotRanges.Range<List<String>>> ranges = SlotRanges.of(moves, m -> m.get("slot").asInt(),
                    m -> List.of(group(m.get("from")), group(m.get("to"))));
            for (SlotRanges.Range<List<String>> range : ranges) {
                table.row(range.slots(), range.value().get(0), range.value().get(1));
            }
            out.append(table.render());
        }
        CliTable counts = new CliTable("GROUP", "SLOTS AFTER");
        plan.get("counts").properties().forEach(count -> counts.row(count.getKey(), count.getValue().asInt()));
        return out.append('\n').append(counts.render()).toString();
    }

    /** Counts per state, as "1 migrating, 511 pending". */
    static String counts(Map<String, Integer> states) {
        List<String> parts = new ArrayList<>();
        states.forEach((state, count) -> parts.add(count + " " + state));
        return String.join(", ", parts);
    }

    /**
     * What slots share to go on one line: the state and the groups. A slot with progress has its
     * own figures, so its step is its own ({@code slot} set) and joins no range.
     */
    private record Step(String state, String from, String to, JsonNode progress, Integer slot) {
        static Step of(JsonNode action) {
            JsonNode progress = action.get("progress");
            boolean reports = progress != null && !progress.isNull();
            return new Step(action.get("state").asText(), group(action.get("from")), group(action.get("to")),
                    reports ? progress : null, reports ? action.get("slot").asInt() : null);
        }
    }

    private static String group(JsonNode group) {
        return group == null || group.isNull() ? "none" : group.asText();
    }

    private static String limit(long perSecond) {
        return perSecond == 0 ? "unlimited" : Long.toString(perSecond);
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** Seconds as "42s", "3m05s" or "2h07m"; unknown (null) as "-". */
    static String duration(JsonNode seconds) {
        if (seconds == null || seconds.isNull()) {
            return null;
        }
        long s = seconds.asLong();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
