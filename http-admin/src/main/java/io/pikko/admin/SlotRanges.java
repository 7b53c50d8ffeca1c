package io.pikko.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The slot map told briefly: runs of consecutive slots that belong to the same group. */
final class SlotRanges {
    private SlotRanges() {}

    /** One run; {@code group} is null for slots that belong to no group. */
    record Range(int from, int to, Integer group) {
        String slots() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }

    /** @param groups the group of each slot, by slot number */
    static List<Range> of(List<Integer> groups) {
        List<Range> ranges = new ArrayList<>();
        int start = 0;
        for (int slot = 1; slot <= groups.size(); slot++) {
            if (slot == groups.size() || !Objects.equals(groups.get(slot), groups.get(start))) {
                ranges.add(new Range(start, slot - 1, groups.get(start)));
                start = slot;
            }
        }
        return ranges;
    }
}
