package io.pikko.dashboard;

import io.pikko.protocol.SlotHash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plans even slot counts over the groups that have servers, as Codis's rebalance does, moving
 * as few slots as possible.
 *
 * <p>A slot with an action already counts for the action's target and is not moved again (one
 * whose target has lost its servers counts for no group and is left to its action). Every
 * other slot counts for its group, unless that group has no servers (or is no group): such a slot
 * must move. Each group then gets a target: {@code total / n} or one more, the extra ones going to
 * the groups that hold the most already, lowest id first on a tie, so every group ends within one
 * slot of the mean and no slot moves that need not. Only queued actions can stop that: a group
 * whose incoming actions alone exceed its share keeps them all, and the others share the rest
 * evenly. Groups above their target give away their highest-numbered slots; the slots to move
 * go, lowest first, to the groups below target, lowest id first — so a new group receives a
 * contiguous range where it can.
 */
public final class Rebalancer {
    private Rebalancer() {}

    public static Outcome<RebalancePlan> plan(Topology topology, SlotActions actions) {
        Map<Integer, Share> shares = new TreeMap<>();
        topology.groups().values().stream()
                .filter(g -> g.master().isPresent())
                .forEach(g -> shares.put(g.id(), new Share(g.id())));
        if (shares.isEmpty()) {
            return Outcome.refused(409, "no group has servers to take slots");
        }
        boolean[] queued = new boolean[SlotHash.SLOTS];
        for (SlotMove action : actions.actions()) {
            queued[action.slot()] = true;
            Share target = shares.get(action.target());
            if (target != null) {
                target.incoming++;
            }
        }
        List<Integer> homeless = new ArrayList<>();
        for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
            if (queued[slot]) {
                continue;
            }
            if (shares.containsKey(topology.groupOf(slot))) {
                shares.get(topology.groupOf(slot)).own.add(slot);
            } else {
                homeless.add(slot);
            }
        }
        setTargets(shares.values(), homeless.size());

        List<Integer> moving = new ArrayList<>(homeless);
        for (Share share : shares.values()) {
            int excess = share.count() - share.target;
            if (excess > 0) { // own is in slot order: the highest-numbered go
                moving.addAll(share.own.subList(share.own.size() - excess, share.own.size()));
            }
        }
        moving.sort(Comparator.naturalOrder());
        List<RebalancePlan.Move> moves = new ArrayList<>();
        int next = 0;
        for (Share share : shares.values()) {
            for (int missing = share.target - share.count(); missing > 0; missing--) {
                int slot = moving.get(next++);
                moves.add(new RebalancePlan.Move(slot, topology.groupOf(slot), share.group));
            }
        }
        moves.sort(Comparator.comparingInt(RebalancePlan.Move::slot));
        Map<Integer, Integer> counts = new TreeMap<>();
        shares.values().forEach(s -> counts.put(s.group, s.target));
        return Outcome.ok(new RebalancePlan(moves, counts));
    }

    /**
     * The most even targets that keep every queued action: a common level {@code L}, the
     * highest at which each group can hold {@code max(incoming, L)}, then one more for as many
     * groups at that level as slots are left, the fullest first.
     */
    private static void setTargets(Iterable<Share> shares, int homeless) {
        int total = homeless;
        for (Share share : shares) {
            total += share.count();
        }
        int level = 0;
        while (filled(shares, level + 1) <= total) {
            level++;
        }
        int left = total - filled(shares, level);
        List<Share> atLevel = new ArrayList<>();
        for (Share share : shares) {
            share.target = Math.max(share.incoming, level);
            if (share.incoming <= level) {
                atLevel.add(share);
            }
        }
        atLevel.sort(Comparator.comparingInt(Share::count).reversed().thenComparingInt(s -> s.group));
        for (int i = 0; i < left; i++) {
            atLevel.get(i).target++;
        }
    }

    private static int filled(Iterable<Share> shares, int level) {
        int sum = 0;
        for (Share share : shares) {
            sum += Math.max(share.incoming, level);
        }
        return sum;
    }

    /** One group's part while planning. */
    private static final class Share {
        final int group;
        final List<Integer> own = new ArrayList<>();
        int incoming;
        int target;

        Share(int group) {
            this.group = group;
        }

        int count() {
            return own.size() + incoming;
        }
    }
}
