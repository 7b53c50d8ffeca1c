package io.pikko.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.pikko.dashboard.ActionProgress;
import io.pikko.dashboard.ActionSettings;
import io.pikko.dashboard.Dashboard;
import io.pikko.dashboard.RebalancePlan;
import io.pikko.dashboard.SlotMove;
import io.pikko.dashboard.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON of slot migration: actions with their settings and progress, and rebalance plans.
 * Field names are snake case, as the migration API names them; states are Codis's names in lower
 * case; a slot of no group has {@code "from": null}.
 */
final class ActionViews {
    private ActionViews() {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SettingsView(boolean disabled, int parallel, long maxKeysPerSec, long maxBytesPerSec) {
        static SettingsView of(ActionSettings settings) {
            return new SettingsView(settings.disabled(), settings.parallel(), settings.maxKeysPerSec(), settings.maxBytesPerSec());
        }
    }

    /** A running move's last report; {@code eta_seconds} is null until a rate is known. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ProgressView(long keysMoved, long keysLeft, long bytesMoved, double keysPerSec, Long etaSeconds) {
        static ProgressView of(ActionProgress progress) {
            long eta = progress.etaSeconds();
            return new ProgressView(progress.keysMoved(), progress.keysLeft(), progress.bytesMoved(),
                    progress.keysPerSecond(), eta < 0 ? null : eta);
        }
    }

    /** One slot's action; {@code progress} is null until its source reports one. */
    record ActionView(int slot, long index, Integer from, int to, String state, ProgressView progress) {}

    /** {@code GET /api/actions}: the settings, then the actions in index order (the order they run in). */
    record ActionList(SettingsView settings, List<ActionView> actions) {
        static ActionList of(Dashboard.ActionsView view) {
            return new ActionList(SettingsView.of(view.settings()), view.actions().stream().map(action -> {
                ActionProgress progress = view.progress().get(action.slot());
                return new ActionView(action.slot(), action.index(), group(action.source()), action.target(),
                        name(action.state()), progress == null ? null : ProgressView.of(progress));
            }).toList());
        }
    }

    /** A slot's action as {@code GET /api/slots} shows it. */
    record SlotActionView(String state, int to, long index) {
        static SlotActionView of(SlotMove action) {
            return new SlotActionView(name(action.state()), action.target(), action.index());
        }
    }

    record MoveView(int slot, Integer from, int to) {}

    /** {@code POST /api/rebalance}: the moves, the slot count of each group afterwards, and whether the moves were queued. */
    record RebalanceView(boolean scheduled, List<MoveView> moves, Map<Integer, Integer> counts) {
        static RebalanceView of(Dashboard.Planned planned) {
            RebalancePlan plan = planned.plan();
            return new RebalanceView(planned.scheduled(),
                    plan.moves().stream().map(m -> new MoveView(m.slot(), group(m.from()), m.to())).toList(),
                    plan.counts());
        }
    }

    /** How many actions are in each state, in the order states come, leaving out the states none is in. */
    static Map<String, Integer> countByState(Dashboard.ActionsView view) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (SlotMove.State state : SlotMove.State.values()) {
            int count = (int) view.actions().stream().filter(a -> a.state() == state).count();
            if (count > 0) {
                counts.put(name(state), count);
            }
        }
        return counts;
    }

    static String name(SlotMove.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static Integer group(int group) {
        return group == Topology.NO_GROUP ? null : group;
    }
}
