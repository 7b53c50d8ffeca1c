package io.pikko.admin;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.pikko.dashboard.ActionProgress;
import io.pikko.dashboard.Dashboard;
import io.pikko.dashboard.SlotMove;
import io.pikko.dashboard.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's state as gauges: groups, unassigned slots, actions by state and the slot moves'
 * progress. Only the node that runs the dashboard shows them, so a cluster's series are not counted
 * once per node; on the others (and when the dashboard does not answer) the series are absent.
 */
final class DashboardMeters {
    private final MultiGauge groups;
    private final MultiGauge unassigned;
    private final MultiGauge actions;
    private final MultiGauge keysMoved;
    private final MultiGauge keysLeft;
    private final MultiGauge bytesMoved;
    private final MultiGauge keysPerSecond;

    DashboardMeters(MeterRegistry registry) {
        groups = gauge(registry, "pikko.dashboard.groups", "Groups in the topology.", null);
        unassigned = gauge(registry, "pikko.dashboard.unassigned.slots", "Slots of no group.", null);
        actions = gauge(registry, "pikko.dashboard.actions", "Slot actions, by state.", null);
        keysMoved = gauge(registry, "pikko.migration.keys.moved", "Keys the listed slot moves have sent so far.", null);
        keysLeft = gauge(registry, "pikko.migration.keys.left", "Keys the running slot moves have yet to send.", null);
        bytesMoved = gauge(registry, "pikko.migration.moved", "Bytes the listed slot moves have sent so far.", BaseUnits.BYTES);
        keysPerSecond = gauge(registry, "pikko.migration.keys.per.second", "Keys per second the running slot moves send.", null);
    }

    private static MultiGauge gauge(MeterRegistry registry, String name, String help, String unit) {
        return MultiGauge.builder(name).description(help).baseUnit(unit).register(registry);
    }

    /** Shows the dashboard's current state. */
    void show(Topology topology, Dashboard.ActionsView view) {
        one(groups, topology.groupsById().size());
        one(unassigned, topology.slotCount(Topology.NO_GROUP));
        List<MultiGauge.Row<?>> byState = new ArrayList<>();
        for (SlotMove.State state : SlotMove.State.values()) {
            if (state.ended()) {
                continue;
            }
            long count = view.actions().stream().filter(a -> a.state() == state).count();
            byState.add(MultiGauge.Row.of(Tags.of("state", ActionViews.name(state)), count));
        }
        actions.register(byState, true);
        long moved = 0;
        long left = 0;
        long bytes = 0;
        double rate = 0;
        for (ActionProgress progress : view.progress().values()) {
            moved += progress.keysMoved();
            left += progress.keysLeft();
            bytes += progress.bytesMoved();
            rate += progress.keysPerSecond();
        }
        one(keysMoved, moved);
        one(keysLeft, left);
        one(bytesMoved, bytes);
        one(keysPerSecond, rate);
    }

    /** Removes the series: this node does not run the dashboard, or it did not answer. */
    void hide() {
        for (MultiGauge gauge : List.of(groups, unassigned, actions, keysMoved, keysLeft, bytesMoved, keysPerSecond)) {
            gauge.register(List.of(), true);
        }
    }

    private static void one(MultiGauge gauge, Number value) {
        gauge.register(List.of(MultiGauge.Row.of(Tags.empty(), value)), true);
    }
}
