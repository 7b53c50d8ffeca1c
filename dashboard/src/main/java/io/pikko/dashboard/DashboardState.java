package io.pikko.dashboard;

import io.pikko.protocol.CborSerializable;

/** Everything the dashboard journals: the topology and the slot actions (planned and running moves). */
public record DashboardState(Topology topology, SlotActions actions) implements CborSerializable {
    public DashboardState withTopology(Topology next) {
        return new DashboardState(next, actions);
    }

    public DashboardState withActions(SlotActions next) {
        return new DashboardState(topology, next);
    }
}
