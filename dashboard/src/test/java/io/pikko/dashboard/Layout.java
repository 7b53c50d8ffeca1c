package io.pikko.dashboard;

import io.pikko.protocol.SlotHash;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds topologies for tests of the pure slot-action model: groups, with or without a server, and slots. */
final class Layout {
    private final Map<Integer, Group> groups = new TreeMap<>();
    private final int[] slots = new int[SlotHash.SLOTS];

    static Layout create() {
        return new Layout();
    }

    /** A group whose master is 127.0.0.1:(9000 + id). */
    Layout group(int id) {
        groups.put(id, new Group(id, List.of("127.0.0.1:" + (9000 + id)), 1));
        return this;
    }

    Layout serverless(int id) {
        groups.put(id, Group.empty(id));
        return this;
    }

    Layout slots(int from, int to, int group) {
        Arrays.fill(slots, from, to + 1, group);
        return this;
    }

    Topology topology() {
        return new Topology(1, groups, slots);
    }
}
