package io.pikko.dashboard;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.pikko.protocol.CborSerializable;
import java.util.List;

/**
 * What the dashboard journals: each a change of the topology or of the slot actions, replayed on
 * recovery. The JSON type names are what the journal stores, so they never change; a slot move's
 * transitions ({@link SlotMove}) are journaled as actions-planned or rebalance-scheduled (to
 * pending), action-advanced (start, prepared), action-failed, slot-migrated (commit) and
 * action-removed (cancel).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
@JsonSubTypes({
        @JsonSubTypes.Type(value = DashboardEvent.GroupCreated.class, name = "group-created"),
        @JsonSubTypes.Type(value = DashboardEvent.GroupRemoved.class, name = "group-removed"),
        @JsonSubTypes.Type(value = DashboardEvent.ServerAdded.class, name = "server-added"),
        @JsonSubTypes.Type(value = DashboardEvent.ServerRemoved.class, name = "server-removed"),
        @JsonSubTypes.Type(value = DashboardEvent.ServerRenamed.class, name = "server-renamed"),
        @JsonSubTypes.Type(value = DashboardEvent.SlotsAssigned.class, name = "slots-assigned"),
        @JsonSubTypes.Type(value = DashboardEvent.ActionsPlanned.class, name = "actions-planned"),
        @JsonSubTypes.Type(value = DashboardEvent.RebalanceScheduled.class, name = "rebalance-scheduled"),
        @JsonSubTypes.Type(value = DashboardEvent.ActionRemoved.class, name = "action-removed"),
        @JsonSubTypes.Type(value = DashboardEvent.ActionAdvanced.class, name = "action-advanced"),
        @JsonSubTypes.Type(value = DashboardEvent.ActionFailed.class, name = "action-failed"),
        @JsonSubTypes.Type(value = DashboardEvent.ActionSettingsChanged.class, name = "action-settings-changed"),
        @JsonSubTypes.Type(value = DashboardEvent.SlotMigrated.class, name = "slot-migrated"),
        @JsonSubTypes.Type(value = DashboardEvent.FunctionsReplaced.class, name = "functions-replaced"),
        @JsonSubTypes.Type(value = DashboardEvent.MasterPromoted.class, name = "master-promoted"),
        @JsonSubTypes.Type(value = DashboardEvent.GroupModeChanged.class, name = "group-mode-changed"),
})
public sealed interface DashboardEvent extends CborSerializable {
    DashboardState applyTo(DashboardState state);

    /** An event that changes only the topology. */
    sealed interface TopologyChange extends DashboardEvent {
        Topology applyTo(Topology topology);

        @Override
        default DashboardState applyTo(DashboardState state) {
            return state.withTopology(applyTo(state.topology()));
        }
    }

    record GroupCreated(int group) implements TopologyChange {
        public Topology applyTo(Topology topology) {
            return topology.withGroup(Group.empty(group));
        }
    }

    record GroupRemoved(int group) implements TopologyChange {
        public Topology applyTo(Topology topology) {
            return topology.withoutGroup(group);
        }
    }

    record ServerAdded(int group, String node) implements TopologyChange {
        public Topology applyTo(Topology topology) {
            return topology.withGroup(topology.group(group).orElseThrow().withServer(node));
        }
    }

    record ServerRemoved(int group, String node) implements TopologyChange {
        public Topology applyTo(Topology topology) {
            return topology.withGroup(topology.group(group).orElseThrow().withoutServer(node));
        }
    }

    /** A node came back on another address; it is still the same node with the same data. */
    record ServerRenamed(int group, String from, String to) implements TopologyChange {
        public Topology applyTo(Topology topology) {
            return topology.withGroup(topology.group(group).orElseThrow().withServerRenamed(from, to));
        }
    }

    /** The group's replication mode ({@link Group#mode}) changed. */
    record GroupModeChanged(int group, String mode) implements TopologyChange {
        public Topology applyTo(Topology topology) {
            return topology.withGroup(topology.group(group).orElseThrow().withMode(mode));
        }
    }

    /** A replica of the group became its master (see {@link Group#promoted}). */
    record MasterPromoted(int group, Failover failover) implements TopologyChange {
        public Topology applyTo(Topology topology) {
            return topology.withGroup(topology.group(group).orElseThrow().promoted(failover.to(), failover));
        }
    }

    record SlotsAssigned(int from, int to, int group) implements TopologyChange {
        public Topology applyTo(Topology topology) {
            return topology.withSlots(from, to, group);
        }
    }

    /** Moves of slots {@code from..to} to a group were planned (replayed by the same checked rule). */
    record ActionsPlanned(int from, int to, int group) implements DashboardEvent {
        public DashboardState applyTo(DashboardState state) {
            return state.withActions(state.actions().plan(from, to, group, state.topology()).orElseThrow());
        }
    }

    record RebalanceScheduled(RebalancePlan plan) implements DashboardEvent {
        public DashboardState applyTo(DashboardState state) {
            return state.withActions(state.actions().schedule(plan, state.topology()).orElseThrow());
        }
    }

    /** A pending action removed, or a running one cancelled before cutover: the slot stays with its source. */
    record ActionRemoved(int slot) implements DashboardEvent {
        public DashboardState applyTo(DashboardState state) {
            return state.withActions(state.actions().cancel(slot).orElseThrow());
        }
    }

    /**
     * An action moved on: to {@code PREPARING} when it started, to {@code MIGRATING} when the target
     * was prepared. Journals written before {@link ActionFailed} also hold two older forms, replayed
     * as they were meant: {@code PENDING} for a failed try (retried at once: it did not say when),
     * and {@code PREPARED} just before {@code MIGRATING} (both read as migrating: the second is no step).
     */
    record ActionAdvanced(int slot, SlotMove.State to) implements DashboardEvent {
        public DashboardState applyTo(DashboardState state) {
            SlotActions actions = state.actions();
            return state.withActions((switch (to) {
                case PREPARING -> actions.start(slot);
                case MIGRATING -> actions.action(slot).orElseThrow().state() == SlotMove.State.MIGRATING
                        ? Outcome.ok(actions)
                        : actions.prepared(slot);
                case PENDING -> actions.failed(slot, -SlotMove.RETRY_AFTER.toMillis());
                case COMMITTED, CANCELLED -> throw new IllegalStateException(
                        "an ended action is journaled as slot-migrated or action-removed, not as " + this);
            }).orElseThrow());
        }
    }

    /** A move's attempt failed at {@code at} (wall-clock millis); it waits in line until its retry time. */
    record ActionFailed(int slot, long at) implements DashboardEvent {
        public DashboardState applyTo(DashboardState state) {
            return state.withActions(state.actions().failed(slot, at).orElseThrow());
        }
    }

    record ActionSettingsChanged(ActionSettings settings) implements DashboardEvent {
        public DashboardState applyTo(DashboardState state) {
            return state.withActions(state.actions().withSettings(settings).orElseThrow());
        }
    }

    /** Cutover: the slot's data is on the target group's master, which owns the slot from now on. */
    record SlotMigrated(int slot, int group) implements DashboardEvent {
        public DashboardState applyTo(DashboardState state) {
            return state.withTopology(state.topology().withSlots(slot, slot, group))
                    .withActions(state.actions().commit(slot).orElseThrow());
        }
    }

    /** The cluster's function libraries are now {@code codes} (FUNCTION LOAD, DELETE, FLUSH, RESTORE). */
    record FunctionsReplaced(List<byte[]> codes) implements DashboardEvent {
        public DashboardState applyTo(DashboardState state) {
            return state.withFunctions(state.functions().replacedBy(codes));
        }
    }
}
