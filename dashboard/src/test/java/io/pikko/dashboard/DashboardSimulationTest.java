package io.pikko.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.protocol.SlotHash;
import io.pikko.sharding.SlotMasters;
import io.pikko.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A seeded simulation of the dashboard's slot actions and placement, in the spirit of Kafka's
 * RaftEventSimulationTest. A {@link Random} drives operator requests, members going down and up,
 * the dashboard's loop over a {@link ManualClock}, its failover to another node, and the reports
 * of the moves' sessions, all through the dashboard's pure model: {@link DashboardRules} decides,
 * {@link DashboardEvent}s are journaled and applied as the actor applies them, {@link Rebalancer}
 * plans and {@link DashboardPlacement} places. The sessions' bookkeeping is the actor's, done here
 * the way the actor does it. After every step the invariants are checked; the seed is printed and
 * can be given again with {@code -Dpikko.simulation.seed=...}.
 */
class DashboardSimulationTest {
    private static final int STEPS = 3000;
    private static final int GROUPS = 8;
    private static final List<String> NODES = IntStream.rangeClosed(1, 10).mapToObj(i -> "10.0.0." + i + ":9221").toList();

    @Test
    void slotActionsKeepTheirInvariantsAndTheSameSeedGivesTheSameHistory() {
        long seed = Long.getLong("pikko.simulation.seed", ThreadLocalRandom.current().nextLong());
        System.out.println("DashboardSimulationTest seed " + seed + " (again with -Dpikko.simulation.seed=" + seed + ")");
        Simulation first = new Simulation(seed);
        List<String> history = first.run();
        Simulation again = new Simulation(seed);
        assertEquals(history, again.run(), "seed " + seed + ": the same seed gives the same history");
        assertEquals(first.journal, again.journal, "seed " + seed + ": and the same journal");
        assertTrue(history.stream().anyMatch(h -> h.contains("committed")), "seed " + seed + ": some move was committed");
        assertTrue(history.stream().anyMatch(h -> h.contains("cancelled")), "seed " + seed + ": some move was cancelled");
        assertTrue(history.stream().anyMatch(h -> h.contains("failed")), "seed " + seed + ": some move failed");
    }

    private static final class Simulation {
        private final long seed;
        private final Random random;
        private final ManualClock clock = new ManualClock(1_700_000_000_000L);
        private final DashboardState empty = new DashboardState(Topology.empty(), SlotActions.empty(ActionSettings.defaults()));
        private final List<DashboardEvent> journal = new ArrayList<>();
        private final List<String> history = new ArrayList<>();
        /** The dashboard's sessions of this incarnation, as the actor keeps them: slot to session id. */
        private final Map<Integer, Long> sessions = new TreeMap<>();
        private final Set<String> down = new TreeSet<>();
        private DashboardState state = empty;
        private long nextSession = 1;
        private String lastPlacementChecked = "";
        private int step;

        Simulation(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
        }

        List<String> run() {
            apply(DashboardRules.bootstrap(state, NODES.get(0), Group.ASYNC));
            for (step = 1; step <= STEPS; step++) {
                int roll = random.nextInt(100);
                if (roll < 6) {
                    decide("create group", DashboardRules.createGroup(state, 1 + random.nextInt(GROUPS), Group.ASYNC));
                } else if (roll < 8) {
                    decide("remove group", DashboardRules.removeGroup(state, 1 + random.nextInt(GROUPS)));
                } else if (roll < 15) {
                    decide("add server", DashboardRules.addServer(state, 1 + random.nextInt(GROUPS), pick(NODES)));
                } else if (roll < 18) {
                    removeServer();
                } else if (roll < 28) {
                    migrate();
                } else if (roll < 32) {
                    cancel();
                } else if (roll < 34) {
                    decide("settings", DashboardRules.changeSettings(state,
                            new ActionSettings(random.nextInt(4) == 0, 1 + random.nextInt(3), 0, 0)));
                } else if (roll < 36) {
                    rebalance(random.nextBoolean());
                } else if (roll < 39) {
                    memberDown();
                } else if (roll < 43) {
                    memberUp();
                } else if (roll < 70) {
                    report(random.nextInt(10) == 0);
                } else if (roll < 99) {
                    tick();
                } else {
                    failover();
                }
                checkInvariants();
            }
            settle();
            rebalance(true);
            settle();
            checkEven(state.topology());
            assertEquals(replay(), state, at(() -> "recovering from the journal gives the same state"));
            return history;
        }

        private void removeServer() {
            List<Group> withServers = state.topology().groupsById().values().stream().filter(g -> !g.servers().isEmpty()).toList();
            if (withServers.isEmpty()) {
                return;
            }
            Group group = pick(withServers);
            decide("remove server", DashboardRules.removeServer(state, group.id(), pick(group.servers())));
        }

        private void migrate() {
            int from = random.nextInt(SlotHash.SLOTS);
            int to = Math.min(SlotHash.SLOTS - 1, from + random.nextInt(8));
            decide("migrate " + from + "-" + to, DashboardRules.migrateSlots(state, from, to, 1 + random.nextInt(GROUPS)));
        }

        private void cancel() {
            List<SlotMove> moves = state.actions().actions();
            int slot = moves.isEmpty() || random.nextInt(5) == 0 ? random.nextInt(SlotHash.SLOTS) : pick(moves).slot();
            Optional<SlotMove> before = state.actions().action(slot);
            if (decide("cancel " + slot, DashboardRules.deleteAction(state, slot))) {
                sessions.remove(slot); // the actor aborts the session
                history.add(step + " cancelled " + before.orElseThrow());
                assertEquals(before.get().source(), state.topology().groupOf(slot), at(() -> "a cancelled move leaves the slot with its source"));
                assertTrue(state.actions().action(slot).isEmpty(), at(() -> "a cancelled move is gone"));
            }
        }

        private void rebalance(boolean confirm) {
            Outcome<RebalancePlan> planned = Rebalancer.plan(state.topology(), state.actions());
            if (planned instanceof Outcome.Refused<RebalancePlan> refused) {
                history.add(step + " rebalance refused " + refused.message());
                return;
            }
            RebalancePlan plan = planned.orElseThrow();
            assertEquals(SlotHash.SLOTS, plan.counts().values().stream().mapToInt(Integer::intValue).sum()
                    + (int) state.actions().actions().stream().filter(a -> !plan.counts().containsKey(a.target())).count(),
                    at(() -> "a plan places every slot"));
            if (state.actions().actions().isEmpty()) {
                int min = plan.counts().values().stream().mapToInt(Integer::intValue).min().orElseThrow();
                int max = plan.counts().values().stream().mapToInt(Integer::intValue).max().orElseThrow();
                assertTrue(max - min <= 1, at(() -> "with nothing queued, a plan leaves every group within one slot of the mean: "
                        + plan.counts()));
            }
            history.add(step + " rebalance " + (confirm ? "scheduled " : "shown ") + plan.moves().size() + " moves " + plan.counts());
            apply(DashboardRules.schedule(plan, confirm));
        }

        private void memberDown() {
            List<String> up = NODES.stream().filter(n -> !down.contains(n)).toList();
            if (!up.isEmpty()) {
                String node = pick(up);
                down.add(node);
                history.add(step + " down " + node);
            }
        }

        private void memberUp() {
            if (!down.isEmpty()) {
                String node = pick(List.copyOf(down));
                down.remove(node);
                history.add(step + " up " + node);
            }
        }

        /** The loop's timer: time passes, due moves start, running moves without a session get one. */
        private void tick() {
            clock.advance(Duration.ofMillis(random.nextInt(1500)));
            long now = clock.millis();
            SlotActions before = state.actions();
            List<DashboardEvent> starts = DashboardRules.startMoves(state, now);
            apply(starts);
            for (DashboardEvent start : starts) {
                int slot = ((DashboardEvent.ActionAdvanced) start).slot();
                assertTrue(before.action(slot).orElseThrow().due(now), at(() -> "only a due pending move starts: " + slot));
                SlotMove started = state.actions().action(slot).orElseThrow();
                long pair = state.actions().running().stream().filter(m -> samePair(m, started)).count();
                assertTrue(pair <= state.actions().settings().parallel(),
                        at(() -> "a start keeps at most parallel moves per pair: " + pair + " for " + started));
            }
            for (SlotMove move : state.actions().running()) {
                if (!sessions.containsKey(move.slot()) && master(move.target()).isPresent()) {
                    sessions.put(move.slot(), nextSession++);
                }
            }
            history.add(step + " tick " + now + " started " + starts.size() + ", sessions " + sessions.keySet());
        }

        /** The dashboard moves to another node: no sessions there until its loop gives them new ones. */
        private void failover() {
            sessions.clear();
            assertEquals(replay(), state, at(() -> "recovering from the journal gives the same state"));
            history.add(step + " failover");
        }

        /** One report from the session of a running move; a session whose ends are not both up fails. */
        private void report(boolean fail) {
            if (sessions.isEmpty()) {
                return;
            }
            int slot = pick(List.copyOf(sessions.keySet()));
            SlotMove move = state.actions().action(slot).orElseThrow();
            boolean endsUp = master(move.source()).filter(n -> !down.contains(n)).isPresent()
                    && master(move.target()).filter(n -> !down.contains(n)).isPresent();
            if (fail || !endsUp) {
                sessions.remove(slot);
                apply(DashboardRules.failed(move, clock.millis()));
                history.add(step + " failed " + move);
                assertEquals(new SlotMove(slot, move.index(), move.source(), move.target(), SlotMove.State.PENDING,
                        clock.millis() + SlotMove.RETRY_AFTER.toMillis()), state.actions().action(slot).orElseThrow(),
                        at(() -> "a failed move is pending until its retry time"));
            } else if (move.state() == SlotMove.State.PREPARING && random.nextInt(8) > 0) {
                apply(DashboardRules.prepared(move));
                history.add(step + " prepared " + slot);
            } else if (move.state() == SlotMove.State.MIGRATING && random.nextBoolean()) {
                history.add(step + " progress " + slot);
            } else {
                readyToCommit(move);
            }
        }

        /** Also after a lost Prepared report: the dashboard journals migrating first. */
        private void readyToCommit(SlotMove move) {
            sessions.remove(move.slot());
            apply(DashboardRules.readyToCommit(move));
            history.add(step + " committed " + move);
            assertEquals(move.target(), state.topology().groupOf(move.slot()), at(() -> "a committed move leaves the slot with its target"));
            assertTrue(state.actions().action(move.slot()).isEmpty(), at(() -> "a committed move is gone"));
        }

        /** Every node up, moves resumed: runs the loop and lets every session succeed until no action is left. */
        private void settle() {
            down.clear();
            decide("resume", DashboardRules.changeSettings(state, new ActionSettings(false, 3, 0, 0)));
            for (int round = 0; !state.actions().actions().isEmpty(); round++) {
                assertTrue(round < 10_000, at(() -> "the moves end: " + state.actions().actions()));
                tick();
                for (int slot : List.copyOf(sessions.keySet())) {
                    SlotMove move = state.actions().action(slot).orElseThrow();
                    if (move.state() == SlotMove.State.PREPARING) {
                        apply(DashboardRules.prepared(move));
                        move = state.actions().action(slot).orElseThrow();
                    }
                    readyToCommit(move);
                }
                checkInvariants();
            }
        }

        private void checkInvariants() {
            Topology topology = state.topology();
            Map<String, Integer> groupOfNode = new TreeMap<>();
            for (Group group : topology.groupsById().values()) {
                for (String server : group.servers()) {
                    assertEquals(null, groupOfNode.put(server, group.id()), at(() -> server + " serves one group"));
                }
            }
            // Placement follows from the topology and the members that are up: checked when either changed.
            String placementInputs = topology.revision() + " " + down;
            if (!placementInputs.equals(lastPlacementChecked)) {
                lastPlacementChecked = placementInputs;
                checkPlacement(topology, groupOfNode);
            }
            Set<Integer> slots = new HashSet<>();
            for (SlotMove move : state.actions().actions()) {
                assertTrue(slots.add(move.slot()), at(() -> "slot " + move.slot() + " has one action"));
                assertTrue(!move.state().ended(), at(() -> "an ended move is not kept: " + move));
                assertEquals(move.source(), topology.groupOf(move.slot()), at(() -> "until cutover the source owns the slot: " + move));
            }
            for (int slot : sessions.keySet()) {
                assertTrue(state.actions().action(slot).map(m -> m.state().running()).orElse(false),
                        at(() -> "a session belongs to a running move: " + slot));
            }
        }

        private void checkPlacement(Topology topology, Map<String, Integer> groupOfNode) {
            SlotMasters placement = DashboardPlacement.mastersOf(topology);
            for (int s = 0; s < SlotHash.SLOTS; s++) {
                int slot = s;
                Optional<Group> group = topology.group(topology.groupOf(slot));
                assertTrue(group.isPresent(), at(() -> "slot " + slot + " belongs to a group that exists, not " + topology.groupOf(slot)));
                Optional<String> master = placement.of(slot);
                assertEquals(group.get().master(), master, at(() -> "slot " + slot + " is placed on its group's master"));
                // The shard coordinator places a slot only on its master, and only while that member is up.
                if (master.isPresent() && !down.contains(master.get())) {
                    assertEquals(group.get().id(), groupOfNode.get(master.get()),
                            at(() -> "slot " + slot + " is placed on a node of its own group"));
                }
            }
        }

        /** Every group with servers owns within one slot of the mean, and groups without own none. */
        private void checkEven(Topology topology) {
            List<Integer> counts = topology.groupsById().values().stream().filter(g -> g.master().isPresent())
                    .map(g -> topology.slotCount(g.id())).toList();
            int min = counts.stream().mapToInt(Integer::intValue).min().orElseThrow();
            int max = counts.stream().mapToInt(Integer::intValue).max().orElseThrow();
            assertTrue(max - min <= 1, at(() -> "after a rebalance every group is within one slot of the mean: " + counts));
            assertEquals(SlotHash.SLOTS, counts.stream().mapToInt(Integer::intValue).sum(), at(() -> "groups without servers own no slot"));
        }

        private boolean decide(String what, Outcome<List<DashboardEvent>> decision) {
            if (decision instanceof Outcome.Refused<List<DashboardEvent>> refused) {
                history.add(step + " " + what + " refused " + refused.status() + " " + refused.message());
                return false;
            }
            List<DashboardEvent> events = decision.orElseThrow();
            apply(events);
            history.add(step + " " + what + " " + events.stream().map(e -> e.getClass().getSimpleName()).toList());
            return true;
        }

        private void apply(List<DashboardEvent> events) {
            for (DashboardEvent event : events) {
                state = event.applyTo(state);
                journal.add(event);
            }
        }

        private DashboardState replay() {
            DashboardState replayed = empty;
            for (DashboardEvent event : journal) {
                replayed = event.applyTo(replayed);
            }
            return replayed;
        }

        private Optional<String> master(int group) {
            return state.topology().group(group).flatMap(Group::master);
        }

        private static boolean samePair(SlotMove a, SlotMove b) {
            return Math.min(a.source(), a.target()) == Math.min(b.source(), b.target())
                    && Math.max(a.source(), a.target()) == Math.max(b.source(), b.target());
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        /** An assertion's message, built only when it fails. */
        private Supplier<String> at(Supplier<String> what) {
            return () -> "seed " + seed + ", step " + step + ": " + what.get();
        }
    }
}
