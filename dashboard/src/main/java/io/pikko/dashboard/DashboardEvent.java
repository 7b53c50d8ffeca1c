package io.pikko.dashboard;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.pikko.actors.CborSerializable;

/** What the dashboard journals: each a change of the topology, replayed on recovery. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
@JsonSubTypes({
        @JsonSubTypes.Type(value = DashboardEvent.GroupCreated.class, name = "group-created"),
        @JsonSubTypes.Type(value = DashboardEvent.GroupRemoved.class, name = "group-removed"),
        @JsonSubTypes.Type(value = DashboardEvent.ServerAdded.class, name = "server-added"),
        @JsonSubTypes.Type(value = DashboardEvent.ServerRemoved.class, name = "server-removed"),
        @JsonSubTypes.Type(value = DashboardEvent.ServerRenamed.class, name = "server-renamed"),
        @JsonSubTypes.Type(value = DashboardEvent.SlotsAssigned.class, name = "slots-assigned"),
})
public sealed interface DashboardEvent extends CborSerializable {
    Topology applyTo(Topology topology);

    record GroupCreated(int group) implements DashboardEvent {
        public Topology applyTo(Topology topology) {
            return topology.withGroup(Group.empty(group));
        }
    }

    record GroupRemoved(int group) implements DashboardEvent {
        public Topology applyTo(Topology topology) {
            return topology.withoutGroup(group);
        }
    }

    record ServerAdded(int group, String node) implements DashboardEvent {
        public Topology applyTo(Topology topology) {
            return topology.withGroup(topology.group(group).orElseThrow().withServer(node));
        }
    }

    record ServerRemoved(int group, String node) implements DashboardEvent {
        public Topology applyTo(Topology topology) {
            return topology.withGroup(topology.group(group).orElseThrow().withoutServer(node));
        }
    }

    /** A node came back on another address; it is still the same node with the same data. */
    record ServerRenamed(int group, String from, String to) implements DashboardEvent {
        public Topology applyTo(Topology topology) {
            return topology.withGroup(topology.group(group).orElseThrow().withServerRenamed(from, to));
        }
    }

    record SlotsAssigned(int from, int to, int group) implements DashboardEvent {
        public Topology applyTo(Topology topology) {
            return topology.withSlots(from, to, group);
        }
    }
}
