package io.pikko.dashboard;

import io.pikko.protocol.CborSerializable;
import io.pikko.protocol.SlotHash;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The cluster's layout as the dashboard keeps it: the groups, and for each of the 1024 slots the
 * group that owns it (0 when none does). Immutable; every change makes a new one with a higher
 * revision, so a reader can tell which of two copies is newer.
 */
public record Topology(long revision, Map<Integer, Group> groups, int[] slotGroups) implements CborSerializable {
    /** The group id of a slot that belongs to no group. */
    public static final int NO_GROUP = 0;

    public Topology {
        groups = Map.copyOf(groups);
        if (slotGroups.length != SlotHash.SLOTS) {
            throw new IllegalArgumentException("a topology maps exactly " + SlotHash.SLOTS + " slots");
        }
        slotGroups = slotGroups.clone();
    }

    /** Nothing yet: no group, no slot placed. */
    public static Topology empty() {
        return new Topology(0, Map.of(), new int[SlotHash.SLOTS]);
    }

    /** A copy: the topology stays immutable. */
    @Override
    public int[] slotGroups() {
        return slotGroups.clone();
    }

    /** The groups ordered by id. */
    public Map<Integer, Group> groupsById() {
        return new TreeMap<>(groups);
    }

    public int groupOf(int slot) {
        return slotGroups[slot];
    }

    public Optional<Group> group(int id) {
        return Optional.ofNullable(groups.get(id));
    }

    /** The RESP address of the node that should serve the slot: its group's master. */
    public Optional<String> masterOf(int slot) {
        return group(slotGroups[slot]).flatMap(Group::master);
    }

    public int slotCount(int group) {
        int count = 0;
        for (int g : slotGroups) {
            if (g == group) {
                count++;
            }
        }
        return count;
    }

    /**
     * The slots whose group lists {@code node} as a replica (not its master), the slots it
     * follows, each with its master.
     */
    public Map<Integer, String> slotsReplicatedBy(String node) {
        Map<Integer, String> slots = new TreeMap<>();
        for (int slot = 0; slot < slotGroups.length; slot++) {
            Group group = groups.get(slotGroups[slot]);
            if (group != null && group.servers().contains(node) && !group.master().orElse("").equals(node)) {
                slots.put(slot, group.master().orElseThrow());
            }
        }
        return slots;
    }

    /** The slots of the groups that list {@code node} among their servers, as master or as replica. */
    public Set<Integer> slotsOfGroupsWith(String node) {
        Set<Integer> slots = new TreeSet<>();
        for (int slot = 0; slot < slotGroups.length; slot++) {
            Group group = groups.get(slotGroups[slot]);
            if (group != null && group.servers().contains(node)) {
                slots.add(slot);
            }
        }
        return slots;
    }

    /** Per slot, whether {@code node} is its master in a group that has replicas. */
    public boolean[] replicatedMastersOf(String node) {
        boolean[] mastered = new boolean[slotGroups.length];
        for (int slot = 0; slot < slotGroups.length; slot++) {
            Group group = groups.get(slotGroups[slot]);
            mastered[slot] = group != null && group.servers().size() > 1 && group.master().orElse("").equals(node);
        }
        return mastered;
    }

    /** Per slot {@code node} is master of, how many replicas must hold a write first ({@link Group#acksNeeded}). */
    public int[] acksNeededBy(String node) {
        int[] acks = new int[slotGroups.length];
        for (int slot = 0; slot < slotGroups.length; slot++) {
            Group group = groups.get(slotGroups[slot]);
            acks[slot] = group != null && group.master().orElse("").equals(node) ? group.acksNeeded() : 0;
        }
        return acks;
    }

    /** Each slot's group epoch (0 for a slot of no group). */
    public long[] epochsBySlot() {
        long[] epochs = new long[slotGroups.length];
        for (int slot = 0; slot < slotGroups.length; slot++) {
            Group group = groups.get(slotGroups[slot]);
            epochs[slot] = group == null ? 0 : group.epoch();
        }
        return epochs;
    }

    /** The group that lists this node, if any does. */
    public Optional<Group> groupOfServer(String node) {
        return groups.values().stream().filter(g -> g.servers().contains(node)).findFirst();
    }

    public Topology withGroup(Group group) {
        Map<Integer, Group> next = new TreeMap<>(groups);
        next.put(group.id(), group);
        return new Topology(revision + 1, next, slotGroups);
    }

    public Topology withoutGroup(int id) {
        Map<Integer, Group> next = new TreeMap<>(groups);
        next.remove(id);
        return new Topology(revision + 1, next, slotGroups);
    }

    public Topology withSlots(int from, int to, int group) {
        int[] next = slotGroups.clone();
        Arrays.fill(next, from, to + 1, group);
        return new Topology(revision + 1, groups, next);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Topology t && t.revision == revision && t.groups.equals(groups)
                && Arrays.equals(t.slotGroups, slotGroups);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(revision) * 31 + Arrays.hashCode(slotGroups);
    }

    @Override
    public String toString() {
        return "Topology[revision=" + revision + ", groups=" + groups.values() + "]";
    }
}
