package io.pikko.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.protocol.SlotHash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Rebalance plans even slot counts over the groups with servers and moves no slot it need not. */
class RebalancerTest {
    private static final SlotActions NONE = SlotActions.empty(ActionSettings.defaults());

    @Test
    void aSecondGroupTakesTheUpperHalf() {
        Topology topology = Layout.create().group(1).group(2).slots(0, 1023, 1).topology();
        RebalancePlan plan = plan(topology, NONE);
        assertEquals(IntStream.rangeClosed(512, 1023).mapToObj(s -> new RebalancePlan.Move(s, 1, 2)).toList(), plan.moves());
        assertEquals(Map.of(1, 512, 2, 512), plan.counts());
    }

    @Test
    void threeGroupsShare1024As342And341And341() {
        Topology topology = Layout.create().group(1).group(2).group(3).slots(0, 1023, 1).topology();
        RebalancePlan plan = plan(topology, NONE);
        assertEquals(Map.of(1, 342, 2, 341, 3, 341), plan.counts());
        assertEquals(682, plan.moves().size());
        assertEquals(plan.counts(), countsAfter(topology, NONE, plan));
        assertTrue(plan.moves().stream().allMatch(m -> m.slot() >= 342 && m.from() == 1));
        assertTrue(plan.moves().stream().filter(m -> m.to() == 2).allMatch(m -> m.slot() <= 682));
    }

    @Test
    void theExtraSlotStaysWithTheFullestGroup() {
        Topology topology = Layout.create().group(1).group(2).group(3)
                .slots(0, 223, 1).slots(224, 723, 2).slots(724, 1023, 3).topology();
        RebalancePlan plan = plan(topology, NONE);
        assertEquals(Map.of(1, 341, 2, 342, 3, 341), plan.counts());
        assertEquals(158, plan.moves().size(), "group 2's excess, no more");
        assertTrue(plan.moves().stream().allMatch(m -> m.from() == 2 && m.slot() >= 566));
        assertEquals(plan.counts(), countsAfter(topology, NONE, plan));
    }

    @Test
    void aBalancedClusterNeedsNoMove() {
        Topology halves = Layout.create().group(1).group(2).slots(0, 511, 2).slots(512, 1023, 1).topology();
        assertEquals(List.of(), plan(halves, NONE).moves());
        Topology thirds = Layout.create().group(4).group(7).group(9)
                .slots(0, 340, 9).slots(341, 682, 4).slots(683, 1023, 7).topology();
        assertEquals(List.of(), plan(thirds, NONE).moves());
        assertEquals(Map.of(4, 342, 7, 341, 9, 341), plan(thirds, NONE).counts());
    }

    @Test
    void queuedActionsCountForTheirTargetAndAreNotMovedAgain() {
        Topology topology = Layout.create().group(1).group(2).slots(0, 1023, 1).topology();
        SlotActions queued = NONE.plan(0, 99, 2, topology).orElseThrow();
        RebalancePlan plan = plan(topology, queued);
        assertEquals(412, plan.moves().size());
        assertTrue(plan.moves().stream().allMatch(m -> m.slot() >= 100 && m.to() == 2));
        assertEquals(Map.of(1, 512, 2, 512), countsAfter(topology, queued, plan));

        SlotActions confirmed = queued.schedule(plan, topology).orElseThrow();
        assertEquals(List.of(), plan(topology, confirmed).moves(), "planning again after confirming moves nothing more");
    }

    @Test
    void queuedActionsBeyondAShareAreKept() {
        Topology topology = Layout.create().group(1).group(2).slots(0, 1023, 1).topology();
        SlotActions queued = NONE.plan(0, 599, 2, topology).orElseThrow();
        RebalancePlan plan = plan(topology, queued);
        assertEquals(List.of(), plan.moves());
        assertEquals(Map.of(1, 424, 2, 600), plan.counts());
    }

    @Test
    void groupsWithoutServersTakeNoSlotsAndGiveAwayWhatTheyHold() {
        Topology topology = Layout.create().group(1).group(2).serverless(3)
                .slots(0, 9, 3).slots(10, 1023, 1).topology();
        RebalancePlan plan = plan(topology, NONE);
        assertEquals(Map.of(1, 512, 2, 512), plan.counts());
        assertTrue(plan.moves().stream().noneMatch(m -> m.to() == 3));
        assertEquals(IntStream.rangeClosed(0, 9).boxed().toList(),
                plan.moves().stream().filter(m -> m.from() == 3).map(RebalancePlan.Move::slot).toList());
        assertEquals(512, plan.moves().size(), "10 homeless slots and group 1's 502 over its share");
    }

    @Test
    void slotsOfNoGroupAreMovedToo() {
        Topology topology = Layout.create().group(1).group(2).slots(100, 1023, 1).topology();
        RebalancePlan plan = plan(topology, NONE);
        assertEquals(Map.of(1, 512, 2, 512), countsAfter(topology, NONE, plan));
        assertEquals(100 + 412, plan.moves().size());
        assertEquals(100, plan.moves().stream().filter(m -> m.from() == Topology.NO_GROUP).count());
    }

    @Test
    void withoutAGroupThatHasServersThereIsNoPlan() {
        Topology topology = Layout.create().serverless(1).slots(0, 1023, 1).topology();
        Outcome.Refused<?> refused = assertInstanceOf(Outcome.Refused.class, Rebalancer.plan(topology, NONE));
        assertEquals(409, refused.status());
        assertEquals("no group has servers to take slots", refused.message());
    }

    @Test
    void theSameStateGivesTheSamePlan() {
        Random random = new Random(7);
        int[] slots = new int[SlotHash.SLOTS];
        for (int slot = 0; slot < slots.length; slot++) {
            slots[slot] = random.nextInt(4);
        }
        List<Group> groups = new ArrayList<>(List.of(new Group(1, List.of("a:1"), 1), new Group(2, List.of("b:1"), 1),
                new Group(3, List.of("c:1"), 1), new Group(8, List.of("d:1"), 1)));
        Topology one = new Topology(3, toMap(groups), slots);
        Collections.reverse(groups);
        Topology other = new Topology(3, toMap(groups), slots);
        RebalancePlan plan = plan(one, NONE);
        assertEquals(plan, plan(one, NONE));
        assertEquals(plan, plan(other, NONE));
        assertEquals(plan.moves().stream().sorted(Comparator.comparingInt(RebalancePlan.Move::slot)).toList(), plan.moves());
    }

    /** Random layouts, no queued actions: balanced afterwards, with the fewest moves there can be. */
    @Test
    void randomLayoutsEndBalancedWithTheFewestMoves() {
        Random random = new Random(20240605);
        for (int round = 0; round < 500; round++) {
            Topology topology = randomTopology(random);
            Outcome<RebalancePlan> outcome = Rebalancer.plan(topology, NONE);
            Set<Integer> eligible = eligible(topology);
            if (eligible.isEmpty()) {
                assertInstanceOf(Outcome.Refused.class, outcome);
                continue;
            }
            RebalancePlan plan = outcome.orElseThrow();
            assertPlanIsSound(topology, NONE, plan, round);
            Map<Integer, Integer> after = countsAfter(topology, NONE, plan);
            assertBalanced(after, eligible, round);
            assertEquals(fewestMoves(topology, NONE), plan.moves().size(), "round " + round + ": " + topology);
        }
    }

    /** Random layouts with a few queued actions: still balanced, still the fewest moves, queued slots untouched. */
    @Test
    void randomLayoutsWithQueuedActionsEndBalancedWithTheFewestMoves() {
        Random random = new Random(99);
        int checked = 0;
        for (int round = 0; round < 500; round++) {
            Topology topology = randomTopology(random);
            List<Integer> eligible = new ArrayList<>(eligible(topology));
            if (eligible.isEmpty()) {
                continue;
            }
            SlotActions actions = NONE;
            for (int i = random.nextInt(40); i > 0; i--) {
                int slot = random.nextInt(SlotHash.SLOTS);
                int target = eligible.get(random.nextInt(eligible.size()));
                if (actions.action(slot).isEmpty() && topology.groupOf(slot) != target) {
                    actions = actions.plan(slot, slot, target, topology).orElseThrow();
                }
            }
            RebalancePlan plan = Rebalancer.plan(topology, actions).orElseThrow();
            assertPlanIsSound(topology, actions, plan, round);
            assertBalanced(countsAfter(topology, actions, plan), new HashSet<>(eligible), round);
            assertEquals(fewestMoves(topology, actions), plan.moves().size(), "round " + round);
            checked++;
        }
        assertTrue(checked > 400, "most rounds had groups with servers");
    }

    /** Every move takes a slot from where it is, no slot twice, none with an action, to a group with servers, in slot order. */
    private static void assertPlanIsSound(Topology topology, SlotActions actions, RebalancePlan plan, int round) {
        Set<Integer> seen = new HashSet<>();
        int previous = -1;
        for (RebalancePlan.Move move : plan.moves()) {
            assertTrue(move.slot() > previous, "round " + round + ": slot order");
            previous = move.slot();
            assertTrue(seen.add(move.slot()), "round " + round + ": slot " + move.slot() + " once");
            assertEquals(topology.groupOf(move.slot()), move.from(), "round " + round);
            assertFalse(move.from() == move.to(), "round " + round);
            assertTrue(actions.action(move.slot()).isEmpty(), "round " + round + ": slot " + move.slot() + " has an action");
            assertTrue(topology.group(move.to()).flatMap(Group::master).isPresent(), "round " + round);
        }
        assertEquals(plan.counts(), countsAfter(topology, actions, plan), "round " + round + ": the counts the plan states");
    }

    private static void assertBalanced(Map<Integer, Integer> counts, Set<Integer> eligible, int round) {
        assertEquals(eligible, counts.keySet(), "round " + round + ": every group with servers, no other");
        int min = counts.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(max - min <= 1, "round " + round + ": " + counts);
        assertEquals(SlotHash.SLOTS, counts.values().stream().mapToInt(Integer::intValue).sum(), "round " + round);
    }

    /**
     * The least any balancing can move, found independently: every slot outside the groups with
     * servers moves; the fullest groups keep {@code 1024 / n + 1}, the others {@code 1024 / n},
     * and each gives away what it holds beyond.
     */
    private static int fewestMoves(Topology topology, SlotActions actions) {
        Set<Integer> eligible = eligible(topology);
        Map<Integer, Integer> counts = new TreeMap<>();
        eligible.forEach(g -> counts.put(g, 0));
        int homeless = 0;
        for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
            int group = actions.action(slot).map(SlotMove::target).orElse(topology.groupOf(slot));
            if (eligible.contains(group)) {
                counts.merge(group, 1, Integer::sum);
            } else {
                homeless++;
            }
        }
        List<Integer> fullestFirst = counts.values().stream().sorted(Comparator.reverseOrder()).toList();
        int n = fullestFirst.size();
        int moves = homeless;
        for (int i = 0; i < n; i++) {
            int share = SlotHash.SLOTS / n + (i < SlotHash.SLOTS % n ? 1 : 0);
            moves += Math.max(0, fullestFirst.get(i) - share);
        }
        return moves;
    }

    /** Each group's slot count once the queued actions and the plan are carried out. */
    private static Map<Integer, Integer> countsAfter(Topology topology, SlotActions actions, RebalancePlan plan) {
        int[] slots = topology.slotGroups();
        actions.actions().forEach(a -> slots[a.slot()] = a.target());
        plan.moves().forEach(m -> slots[m.slot()] = m.to());
        Map<Integer, Integer> counts = new TreeMap<>();
        eligible(topology).forEach(g -> counts.put(g, 0));
        for (int group : slots) {
            counts.computeIfPresent(group, (g, c) -> c + 1);
        }
        return counts;
    }

    /** 1 to 8 groups with ids up to 20, some without servers; slots spread at random, in runs, some in no group. */
    private static Topology randomTopology(Random random) {
        Layout layout = Layout.create();
        List<Integer> ids = new ArrayList<>();
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
            int id = 1 + random.nextInt(20);
            ids.add(id);
            if (random.nextInt(5) == 0) {
                layout.serverless(id);
            } else {
                layout.group(id);
            }
        }
        int slot = 0;
        while (slot < SlotHash.SLOTS) {
            int end = Math.min(SlotHash.SLOTS - 1, slot + random.nextInt(random.nextBoolean() ? 8 : 400));
            int group = random.nextInt(10) == 0 ? Topology.NO_GROUP : ids.get(random.nextInt(ids.size()));
            layout.slots(slot, end, group);
            slot = end + 1;
        }
        return layout.topology();
    }

    private static Set<Integer> eligible(Topology topology) {
        Set<Integer> ids = new HashSet<>();
        topology.groups().values().stream().filter(g -> g.master().isPresent()).forEach(g -> ids.add(g.id()));
        return ids;
    }

    private static Map<Integer, Group> toMap(List<Group> groups) {
        Map<Integer, Group> map = new LinkedHashMap<>();
        groups.forEach(g -> map.put(g.id(), g));
        return map;
    }

    private static RebalancePlan plan(Topology topology, SlotActions actions) {
        return Rebalancer.plan(topology, actions).orElseThrow();
    }
}
