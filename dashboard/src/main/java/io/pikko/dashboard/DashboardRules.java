package io.pikko.dashboard;

import io.pikko.protocol.SlotHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's decisions as pure functions of its state (and, for moves, the time): for an
 * operator's request or a move's report, the events to journal, or why not. The actor journals
 * what these decide and does the talking to slots and replies; a test drives them without it.
 */
final class DashboardRules {
    private DashboardRules() {}

    /** A fresh cluster's layout: group 1 is the node the dashboard runs on, and owns every slot. */
    static List<DashboardEvent> bootstrap(DashboardState state, String selfNode, String defaultMode) {
        if (!state.topology().groups().isEmpty() || state.topology().revision() != 0) {
            return List.of();
        }
        List<DashboardEvent> layout = new ArrayList<>(withMode(new DashboardEvent.GroupCreated(1), 1, defaultMode));
        layout.add(new DashboardEvent.ServerAdded(1, selfNode));
        layout.add(new DashboardEvent.SlotsAssigned(0, SlotHash.SLOTS - 1, 1));
        return layout;
    }

    /** A group's mode changes to async or consistent. */
    static Outcome<List<DashboardEvent>> setMode(DashboardState state, int group, String mode) {
        Optional<Group> existing = state.topology().group(group);
        if (existing.isEmpty()) {
            return Outcome.refused(404, "no group " + group);
        }
        if (!Group.ASYNC.equals(mode) && !Group.CONSISTENT.equals(mode)) {
            return Outcome.refused(400, "mode must be \"async\" or \"consistent\", not '" + mode + "'");
        }
        return existing.get().mode().equals(mode) ? Outcome.ok(List.of()) : events(new DashboardEvent.GroupModeChanged(group, mode));
    }

    /** A new group, in the cluster's default mode. */
    static Outcome<List<DashboardEvent>> createGroup(DashboardState state, int group, String defaultMode) {
        if (group < 1 || group > Dashboard.MAX_GROUP_ID) {
            return Outcome.refused(400, "group id must be between 1 and " + Dashboard.MAX_GROUP_ID);
        }
        if (state.topology().group(group).isPresent()) {
            return Outcome.refused(409, "group " + group + " already exists");
        }
        return Outcome.ok(withMode(new DashboardEvent.GroupCreated(group), group, defaultMode));
    }

    private static List<DashboardEvent> withMode(DashboardEvent.GroupCreated created, int group, String mode) {
        return mode.equals(Group.ASYNC) ? List.of(created) : List.of(created, new DashboardEvent.GroupModeChanged(group, mode));
    }

    /** Only an empty group that no action involves can go. */
    static Outcome<List<DashboardEvent>> removeGroup(DashboardState state, int group) {
        Optional<Group> existing = state.topology().group(group);
        if (existing.isEmpty()) {
            return Outcome.refused(404, "no group " + group);
        }
        int slots = state.topology().slotCount(group);
        if (slots > 0) {
            return Outcome.refused(409, "group " + group + " owns " + slots + " slots; move them first");
        }
        if (!existing.get().servers().isEmpty()) {
            return Outcome.refused(409, "group " + group + " still has servers; remove them first");
        }
        if (involved(state, group)) {
            return Outcome.refused(409, "slots are moving to or from group " + group);
        }
        return events(new DashboardEvent.GroupRemoved(group));
    }

    static Outcome<List<DashboardEvent>> addServer(DashboardState state, int group, String node) {
        if (!NodeName.isValid(node)) {
            return Outcome.refused(400, "a node is named by its RESP address, host:port, not '" + node + "'");
        }
        if (state.topology().group(group).isEmpty()) {
            return Outcome.refused(404, "no group " + group);
        }
        Optional<Group> holder = state.topology().groupOfServer(node);
        if (holder.isPresent()) {
            return Outcome.refused(409, node + " is already in group " + holder.get().id());
        }
        return events(new DashboardEvent.ServerAdded(group, node));
    }

    /**
     * An operator promotes a replica: it must be a server of the group other than its master, and
     * unless {@code force}, have answered the sentinel lately and lag by no record.
     */
    static Outcome<List<DashboardEvent>> promote(DashboardState state, int group, String node, boolean force,
                                                 long lagRecords, boolean alive, long nowMillis) {
        Optional<Group> existing = state.topology().group(group);
        if (existing.isEmpty()) {
            return Outcome.refused(404, "no group " + group);
        }
        Group g = existing.get();
        if (!g.servers().contains(node)) {
            return Outcome.refused(400, node + " is not a server of group " + group + " (its servers: " + g.servers() + ")");
        }
        if (g.master().orElseThrow().equals(node)) {
            return Outcome.refused(409, node + " is already the master of group " + group);
        }
        if (!force && !alive) {
            return Outcome.refused(409, node + " did not answer the sentinel's last probes; add \"force\":true to promote it anyway");
        }
        if (!force && lagRecords > 0) {
            return Outcome.refused(409, node + " lags behind the master by " + lagRecords
                    + " binlog records; add \"force\":true to promote it anyway, losing them");
        }
        return events(new DashboardEvent.MasterPromoted(group,
                new Failover(g.master().orElseThrow(), node, nowMillis, lagRecords, true)));
    }

    /** A master goes only when its group neither owns slots nor takes part in a move: its data would be left behind. */
    static Outcome<List<DashboardEvent>> removeServer(DashboardState state, int group, String node) {
        Optional<Group> existing = state.topology().group(group);
        if (existing.isEmpty()) {
            return Outcome.refused(404, "no group " + group);
        }
        if (!existing.get().servers().contains(node)) {
            return Outcome.refused(404, node + " is not in group " + group);
        }
        boolean master = existing.get().master().orElseThrow().equals(node);
        if (master && involved(state, group)) {
            return Outcome.refused(409, node + " is the master of group " + group + ", to or from which slots are moving");
        }
        if (master && state.topology().slotCount(group) > 0) {
            return Outcome.refused(409, node + " is the master of group " + group + ", which owns slots; its data would be left behind");
        }
        return events(new DashboardEvent.ServerRemoved(group, node));
    }

    /** Gives slots to a group without moving data; {@link SlotAssigner} has made sure they hold none. */
    static Outcome<List<DashboardEvent>> assignSlots(DashboardState state, int from, int to, int group) {
        if (from < 0 || to >= SlotHash.SLOTS || from > to) {
            return Outcome.refused(400, "slots must satisfy 0 <= from <= to <= " + (SlotHash.SLOTS - 1));
        }
        Optional<Group> target = state.topology().group(group);
        if (target.isEmpty()) {
            return Outcome.refused(404, "no group " + group);
        }
        if (target.get().servers().isEmpty()) {
            return Outcome.refused(409, "group " + group + " has no servers to serve the slots");
        }
        for (int slot = from; slot <= to; slot++) {
            if (state.actions().action(slot).isPresent()) {
                return Outcome.refused(409, "slot " + slot + " is moving; remove its action first");
            }
        }
        return events(new DashboardEvent.SlotsAssigned(from, to, group));
    }

    /** No event when {@code from} is in no group, or is {@code to} already. */
    static Outcome<List<DashboardEvent>> renameServer(DashboardState state, String from, String to) {
        if (!NodeName.isValid(to)) {
            return Outcome.refused(400, "a node is named by its RESP address, host:port, not '" + to + "'");
        }
        Optional<Group> group = state.topology().groupOfServer(from);
        if (group.isEmpty() || from.equals(to)) {
            return Outcome.ok(List.of());
        }
        Optional<Group> holder = state.topology().groupOfServer(to);
        if (holder.isPresent()) {
            return Outcome.refused(409, to + " is already in group " + holder.get().id());
        }
        return events(new DashboardEvent.ServerRenamed(group.get().id(), from, to));
    }

    static Outcome<List<DashboardEvent>> migrateSlots(DashboardState state, int from, int to, int group) {
        return state.actions().plan(from, to, group, state.topology())
                .map(planned -> List.of(new DashboardEvent.ActionsPlanned(from, to, group)));
    }

    /** Removes a pending action, or cancels a running one before its cutover. */
    static Outcome<List<DashboardEvent>> deleteAction(DashboardState state, int slot) {
        return state.actions().cancel(slot).map(cancelled -> List.of(new DashboardEvent.ActionRemoved(slot)));
    }

    static Outcome<List<DashboardEvent>> changeSettings(DashboardState state, ActionSettings settings) {
        return state.actions().withSettings(settings).map(changed -> List.of(new DashboardEvent.ActionSettingsChanged(settings)));
    }

    /** The plan's moves are queued only when confirmed, and only when there are some. */
    static List<DashboardEvent> schedule(RebalancePlan plan, boolean confirm) {
        return confirm && !plan.moves().isEmpty() ? List.of(new DashboardEvent.RebalanceScheduled(plan)) : List.of();
    }

    /** The actions loop at {@code nowMillis}: the moves that start now, each journaled as started. */
    static List<DashboardEvent> startMoves(DashboardState state, long nowMillis) {
        return state.actions().startable(state.topology(), nowMillis).stream()
                .<DashboardEvent>map(move -> new DashboardEvent.ActionAdvanced(move.slot(), SlotMove.State.PREPARING))
                .toList();
    }

    /** The target of a move that is preparing has cleared its copy and takes batches. */
    static List<DashboardEvent> prepared(SlotMove move) {
        return move.prepared().fold(next -> List.of(new DashboardEvent.ActionAdvanced(move.slot(), next.state())),
                refused -> List.of());
    }

    /**
     * The source holds everything sealed for the target: cutover. A move whose Prepared report was
     * lost is journaled as migrating first, so the journal shows every step.
     */
    static List<DashboardEvent> readyToCommit(SlotMove move) {
        List<DashboardEvent> events = new ArrayList<>(prepared(move));
        if (move.state().running()) {
            events.add(new DashboardEvent.SlotMigrated(move.slot(), move.target()));
        }
        return events;
    }

    /** A running move's attempt failed at {@code nowMillis}. */
    static List<DashboardEvent> failed(SlotMove move, long nowMillis) {
        return move.failed(nowMillis).fold(next -> List.of(new DashboardEvent.ActionFailed(move.slot(), nowMillis)),
                refused -> List.of());
    }

    /** The function libraries become {@code codes}, unless they changed since the caller read them at {@code revision}. */
    static Outcome<List<DashboardEvent>> replaceFunctions(DashboardState state, long revision, List<byte[]> codes) {
        if (state.functions().revision() != revision) {
            return Outcome.refused(409, "the function libraries changed since revision " + revision);
        }
        return events(new DashboardEvent.FunctionsReplaced(codes));
    }

    /** Some action moves slots to or from this group. */
    private static boolean involved(DashboardState state, int group) {
        return state.actions().actions().stream().anyMatch(a -> a.source() == group || a.target() == group);
    }

    private static Outcome<List<DashboardEvent>> events(DashboardEvent event) {
        return Outcome.ok(List.of(event));
    }
}
