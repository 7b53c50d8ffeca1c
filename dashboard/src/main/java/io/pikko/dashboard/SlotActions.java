package io.pikko.dashboard;

import io.pikko.protocol.CborSerializable;
import io.pikko.protocol.SlotHash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The dashboard's slot actions (the {@link SlotMove}s that have not ended), in index order, with
 * the settings they run by. Immutable: every change returns a new value, or a refusal saying why
 * not. A slot has at most one action; a slot without one is simply where the topology says.
 *
 * <p><b>What may run at once.</b> The rule is "at most {@code parallel} moves per group pair at a
 * time". A pair is two groups regardless of direction (1→2 and 2→1 load the same two nodes
 * alike), and counts its running actions (preparing, migrating). Different pairs do not
 * limit each other: moves 1→2 and 3→4 use different nodes, so they run side by side, and so do
 * 1→3 and 2→3 when a new group 3 fills from two sources. Within a pair actions start strictly in
 * index order; an action held back by its pair does not hold back a later one of another pair.
 * An action whose target has no master, or whose source group (other than no group) has none,
 * waits without taking a place. A failed action keeps its place until its retry time: it waits,
 * and the ones behind it in its pair wait too. While the settings are disabled nothing starts.
 *
 * <p><b>Lifecycle.</b> {@link #plan} or {@link #schedule} adds pending actions; the dashboard
 * {@link #start}s the {@link #startable} ones; each then goes through its {@link SlotMove}
 * transitions ({@link #prepared}, {@link #failed}) until {@link #commit} drops it, the slot being
 * the target's. {@link #remove} drops a pending action; {@link #cancel} drops any action before
 * cutover, leaving the slot with its source.
 */
public record SlotActions(List<SlotMove> actions, ActionSettings settings, long nextIndex) implements CborSerializable {

    public SlotActions {
        actions = List.copyOf(actions);
    }

    /** No action yet; the first one gets index 1. */
    public static SlotActions empty(ActionSettings settings) {
        return new SlotActions(List.of(), settings, 1);
    }

    public Optional<SlotMove> action(int slot) {
        return actions.stream().filter(a -> a.slot() == slot).findFirst();
    }

    /**
     * Queues the move of slots {@code from..to} to {@code group}, in slot order. Slots already in
     * the group, or already moving to it, are left as they are, so asking twice changes nothing;
     * a slot with an action to another group refuses the whole request.
     */
    public Outcome<SlotActions> plan(int from, int to, int group, Topology topology) {
        if (from < 0 || to >= SlotHash.SLOTS || from > to) {
            return Outcome.refused(400, "slots must satisfy 0 <= from <= to <= " + (SlotHash.SLOTS - 1));
        }
        if (targetOf(group, topology) instanceof Outcome.Refused<Group> refused) {
            return Outcome.refused(refused.status(), refused.message());
        }
        List<SlotMove> more = new ArrayList<>(actions);
        long index = nextIndex;
        for (int slot = from; slot <= to; slot++) {
            Optional<SlotMove> existing = action(slot);
            if (existing.isPresent()) {
                if (existing.get().target() != group) {
                    return Outcome.refused(409, "slot " + slot + " already has an action, to group "
                            + existing.get().target() + "; remove or cancel it first");
                }
            } else if (topology.groupOf(slot) != group) {
                more.add(SlotMove.pending(slot, index++, topology.groupOf(slot), group));
            }
        }
        return Outcome.ok(new SlotActions(more, settings, index));
    }

    /** Queues a rebalance's moves in its order; refused when the plan no longer fits the state. */
    public Outcome<SlotActions> schedule(RebalancePlan plan, Topology topology) {
        List<SlotMove> more = new ArrayList<>(actions);
        long index = nextIndex;
        for (RebalancePlan.Move move : plan.moves()) {
            if (action(move.slot()).isPresent()) {
                return Outcome.refused(409, "slot " + move.slot() + " already has an action; plan again");
            }
            if (topology.groupOf(move.slot()) != move.from()) {
                return Outcome.refused(409, "slot " + move.slot() + " is in group " + topology.groupOf(move.slot())
                        + ", not " + move.from() + "; plan again");
            }
            if (targetOf(move.to(), topology) instanceof Outcome.Refused<Group> refused) {
                return Outcome.refused(409, refused.message() + "; plan again");
            }
            more.add(SlotMove.pending(move.slot(), index++, move.from(), move.to()));
        }
        return Outcome.ok(new SlotActions(more, settings, index));
    }

    /** Drops an action that has not started. */
    public Outcome<SlotActions> remove(int slot) {
        return end(slot, SlotMove::remove);
    }

    /** Drops an action before cutover: the slot stays with its source. */
    public Outcome<SlotActions> cancel(int slot) {
        return end(slot, SlotMove::cancel);
    }

    public Outcome<SlotActions> start(int slot) {
        return step(slot, SlotMove::start);
    }

    public Outcome<SlotActions> prepared(int slot) {
        return step(slot, SlotMove::prepared);
    }

    public Outcome<SlotActions> failed(int slot, long failedAtMillis) {
        return step(slot, move -> move.failed(failedAtMillis));
    }

    /** Drops the action at its cutover; the topology gives the slot to the target. */
    public Outcome<SlotActions> commit(int slot) {
        return end(slot, SlotMove::commit);
    }

    public Outcome<SlotActions> withSettings(ActionSettings next) {
        return next.validate().map(valid -> new SlotActions(actions, valid, nextIndex));
    }

    /** The pending actions that may start at {@code nowMillis}, in index order (see the class comment). */
    public List<SlotMove> startable(Topology topology, long nowMillis) {
        if (settings.disabled()) {
            return List.of();
        }
        Map<Pair, Integer> running = new HashMap<>();
        for (SlotMove action : actions) {
            if (action.state().running()) {
                running.merge(Pair.of(action), 1, Integer::sum);
            }
        }
        List<SlotMove> start = new ArrayList<>();
        for (SlotMove action : actions) {
            if (action.state() != SlotMove.State.PENDING || !endsReady(action, topology)) {
                continue;
            }
            Pair pair = Pair.of(action);
            if (running.getOrDefault(pair, 0) < settings.parallel()) {
                running.merge(pair, 1, Integer::sum);
                if (action.due(nowMillis)) {
                    start.add(action);
                }
            }
        }
        return start;
    }

    /** The started actions, in index order: after recovery the dashboard runs each from its start again. */
    public List<SlotMove> running() {
        return actions.stream().filter(a -> a.state().running()).toList();
    }

    /** A group that can take slots: it exists and has a master. */
    private static Outcome<Group> targetOf(int group, Topology topology) {
        Optional<Group> target = topology.group(group);
        if (target.isEmpty()) {
            return Outcome.refused(404, "no group " + group);
        }
        if (target.get().master().isEmpty()) {
            return Outcome.refused(409, "group " + group + " has no servers to take the slots");
        }
        return Outcome.ok(target.get());
    }

    private static boolean endsReady(SlotMove action, Topology topology) {
        boolean sourceReady = action.source() == Topology.NO_GROUP
                || topology.group(action.source()).flatMap(Group::master).isPresent();
        return sourceReady && topology.group(action.target()).flatMap(Group::master).isPresent();
    }

    /** A transition the action goes on from. */
    private Outcome<SlotActions> step(int slot, Function<SlotMove, Outcome<SlotMove>> transition) {
        return transition(slot, transition).map(this::with);
    }

    /** A transition that ends the action: it leaves the queue. */
    private Outcome<SlotActions> end(int slot, Function<SlotMove, Outcome<SlotMove>> transition) {
        return transition(slot, transition).map(ended -> without(slot));
    }

    private Outcome<SlotMove> transition(int slot, Function<SlotMove, Outcome<SlotMove>> transition) {
        if (slot < 0 || slot >= SlotHash.SLOTS) {
            return Outcome.refused(400, "a slot is between 0 and " + (SlotHash.SLOTS - 1) + ", not " + slot);
        }
        return action(slot)
                .map(transition)
                .orElseGet(() -> Outcome.refused(404, "slot " + slot + " has no action"));
    }

    private SlotActions with(SlotMove changed) {
        return new SlotActions(actions.stream().map(a -> a.slot() == changed.slot() ? changed : a).toList(), settings, nextIndex);
    }

    private SlotActions without(int slot) {
        return new SlotActions(actions.stream().filter(a -> a.slot() != slot).toList(), settings, nextIndex);
    }

    /** Two groups, whichever way the slot goes. */
    private record Pair(int low, int high) {
        static Pair of(SlotMove action) {
            return new Pair(Math.min(action.source(), action.target()), Math.max(action.source(), action.target()));
        }
    }
}
