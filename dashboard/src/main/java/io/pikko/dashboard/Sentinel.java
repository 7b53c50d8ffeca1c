package io.pikko.dashboard;

import io.pikko.actors.replication.ReplicationAgent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The dashboard's watch over the masters of groups with replicas (Codis's sentinel), as a plain
 * part of it: it counts each server's missed probes round by round, remembers the positions each
 * one reported, and says which masters are to be replaced and by whom: the replica that answered
 * and holds the most of the group's slots' logs.
 */
final class Sentinel {
    private final int failures;
    private final Map<String, Integer> misses = new HashMap<>();
    private final Map<String, ReplicationAgent.Probed> reports = new HashMap<>();
    private final Set<String> answered = new HashSet<>();

    Sentinel(int failures) {
        this.failures = failures;
    }

    void answered(ReplicationAgent.Probed probed) {
        answered.add(probed.node());
        reports.put(probed.node(), probed);
    }

    /** A round of probes ended: every server of a group with replicas that did not answer missed one more. */
    void roundEnded(Topology topology) {
        Set<String> watched = new HashSet<>();
        for (Group group : topology.groups().values()) {
            if (group.servers().size() > 1) {
                watched.addAll(group.servers());
            }
        }
        for (String server : watched) {
            misses.merge(server, answered.contains(server) ? -misses.getOrDefault(server, 0) : 1, Integer::sum);
        }
        misses.keySet().retainAll(watched);
        answered.clear();
    }

    /** Whether {@code node} answered the last probes. */
    boolean alive(String node) {
        return misses.getOrDefault(node, 0) == 0 && reports.containsKey(node);
    }

    /**
     * The promotions due now: for each group with replicas whose master missed enough probes and
     * that {@code seenDown} (the failure detector) agrees is down, its best live replica.
     */
    List<DashboardEvent.MasterPromoted> due(Topology topology, Predicate<String> seenDown, long nowMillis) {
        List<DashboardEvent.MasterPromoted> due = new ArrayList<>();
        for (Group group : topology.groups().values()) {
            if (group.servers().size() < 2) {
                continue;
            }
            String master = group.servers().get(0);
            if (misses.getOrDefault(master, 0) < failures || !seenDown.test(master)) {
                continue;
            }
            best(topology, group).ifPresent(replica -> due.add(new DashboardEvent.MasterPromoted(group.id(),
                    new Failover(master, replica, nowMillis, lag(topology, group, replica), false))));
        }
        return due;
    }

    private Optional<String> best(Topology topology, Group group) {
        return group.servers().stream().skip(1).filter(this::alive)
                .max((a, b) -> Long.compare(held(topology, group, a), held(topology, group, b)));
    }

    /** The sum of the positions {@code node} reported following the group's slots: more is more data. */
    private long held(Topology topology, Group group, String node) {
        return summed(topology, group, reports.get(node).followed());
    }

    private static long summed(Topology topology, Group group, Map<Integer, Long> positions) {
        long sum = 0;
        int[] slotGroups = topology.slotGroups();
        for (int slot = 0; slot < slotGroups.length; slot++) {
            if (slotGroups[slot] == group.id()) {
                sum += positions.getOrDefault(slot, 0L);
            }
        }
        return sum;
    }

    /** Every reporting server of a group with replicas: what it holds of its group's slots, and its lag. */
    Map<String, ServerPosition> positions(Topology topology) {
        Map<String, ServerPosition> positions = new HashMap<>();
        for (Group group : topology.groups().values()) {
            if (group.servers().size() < 2) {
                continue;
            }
            String master = group.servers().get(0);
            if (reports.containsKey(master)) {
                positions.put(master, new ServerPosition(summed(topology, group, reports.get(master).served()), 0));
            }
            for (String replica : group.servers().subList(1, group.servers().size())) {
                if (reports.containsKey(replica)) {
                    positions.put(replica, new ServerPosition(held(topology, group, replica), lag(topology, group, replica)));
                }
            }
        }
        return positions;
    }

    /**
     * How many records of the group's slots {@code replica} lacked at the last probes: the master's
     * newest positions (as of its last answer) less the replica's, summed over the slots.
     */
    long lag(Topology topology, Group group, String replica) {
        ReplicationAgent.Probed master = reports.get(group.servers().get(0));
        ReplicationAgent.Probed copy = reports.get(replica);
        if (master == null || copy == null) {
            return 0;
        }
        long lag = 0;
        int[] slotGroups = topology.slotGroups();
        for (int slot = 0; slot < slotGroups.length; slot++) {
            if (slotGroups[slot] == group.id()) {
                long newest = master.served().getOrDefault(slot, 0L);
                long applied = copy.followed().getOrDefault(slot, 0L);
                lag += Math.max(0, newest - applied);
            }
        }
        return lag;
    }
}
