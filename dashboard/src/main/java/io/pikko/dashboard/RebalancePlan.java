package io.pikko.dashboard;

import io.pikko.protocol.CborSerializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a rebalance would do: the slots to move, in slot order, and how many slots each group
 * with servers owns once these moves and the actions already queued are done.
 */
public record RebalancePlan(List<Move> moves, Map<Integer, Integer> counts) implements CborSerializable {

    /** One slot to move; {@code from} is {@link Topology#NO_GROUP} for a slot no group owns. */
    public record Move(int slot, int from, int to) {}

    public RebalancePlan {
        moves = List.copyOf(moves);
        counts = Collections.unmodifiableSortedMap(new TreeMap<>(counts)); // by group id, for reading
    }
}
