package io.pikko.dashboard;

import io.pikko.protocol.CborSerializable;

/**
 * Everything the dashboard journals: the topology, the slot actions (planned and running moves)
 * and the cluster's function libraries. A snapshot from before functions existed has none.
 */
public record DashboardState(Topology topology, SlotActions actions, FunctionLibraries functions) implements CborSerializable {
    public DashboardState {
        functions = functions == null ? FunctionLibraries.empty() : functions;
    }

    public DashboardState(Topology topology, SlotActions actions) {
        this(topology, actions, FunctionLibraries.empty());
    }

    public DashboardState withTopology(Topology next) {
        return new DashboardState(next, actions, functions);
    }

    public DashboardState withActions(SlotActions next) {
        return new DashboardState(topology, next, functions);
    }

    public DashboardState withFunctions(FunctionLibraries next) {
        return new DashboardState(topology, actions, next);
    }
}
