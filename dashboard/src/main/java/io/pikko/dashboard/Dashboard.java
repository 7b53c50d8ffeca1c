package io.pikko.dashboard;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.pikko.protocol.CborSerializable;
import io.pikko.actors.SlotEntity;
import io.pikko.actors.migration.MigrationLimits;
import io.pikko.actors.migration.MigrationReport;
import io.pikko.protocol.SlotHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.slf4j.Logger;

/**
 * The cluster singleton that owns the topology: groups and the slot map. Event-sourced, so the
 * topology outlives the node the singleton runs on; the next oldest node recovers it from the
 * shared journal.
 *
 * <p>On its first start (an empty journal) it makes the zero-setup layout: group 1 is the node it
 * runs on, and all slots belong to group 1.
 */
public final class Dashboard extends EventSourcedBehavior<Dashboard.Command, DashboardEvent, DashboardState> {

    public static final PersistenceId PERSISTENCE_ID = PersistenceId.ofUniqueId("pikko-dashboard");

    /** The dashboard's protocol. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    @JsonSubTypes({
            @JsonSubTypes.Type(value = GetTopology.class, name = "get-topology"),
            @JsonSubTypes.Type(value = CreateGroup.class, name = "create-group"),
            @JsonSubTypes.Type(value = RemoveGroup.class, name = "remove-group"),
            @JsonSubTypes.Type(value = AddServer.class, name = "add-server"),
            @JsonSubTypes.Type(value = RemoveServer.class, name = "remove-server"),
            @JsonSubTypes.Type(value = AssignSlots.class, name = "assign-slots"),
            @JsonSubTypes.Type(value = RenameServer.class, name = "rename-server"),
            @JsonSubTypes.Type(value = MigrateSlots.class, name = "migrate-slots"),
            @JsonSubTypes.Type(value = DeleteAction.class, name = "delete-action"),
            @JsonSubTypes.Type(value = ChangeActionSettings.class, name = "change-action-settings"),
            @JsonSubTypes.Type(value = GetActions.class, name = "get-actions"),
            @JsonSubTypes.Type(value = Rebalance.class, name = "rebalance"),
    })
    public sealed interface Command extends CborSerializable {}

    public record GetTopology(ActorRef<Topology> replyTo) implements Command {}

    public record CreateGroup(int group, ActorRef<Result> replyTo) implements Command {}

    /** Only a group that owns no slot can go. */
    public record RemoveGroup(int group, ActorRef<Result> replyTo) implements Command {}

    /** Appends a node (its RESP address) to a group; a group's first node is its master. */
    public record AddServer(int group, String node, ActorRef<Result> replyTo) implements Command {}

    public record RemoveServer(int group, String node, ActorRef<Result> replyTo) implements Command {}

    /**
     * Gives slots {@code from..to} to a group, moving no data: the caller has made sure those slots
     * hold no keys (see {@link SlotAssigner}).
     */
    public record AssignSlots(int from, int to, int group, ActorRef<Result> replyTo) implements Command {}

    /**
     * A node came back on another RESP address with the same data directory: it is the same node,
     * so its groups now name it by the new address. Nothing to do when {@code from} is in no group.
     */
    public record RenameServer(String from, String to, ActorRef<Result> replyTo) implements Command {}

    /** Plans moves of slots {@code from..to} to a group; they run in the background, in index order. */
    public record MigrateSlots(int from, int to, int group, ActorRef<Result> replyTo) implements Command {}

    /** Removes a pending action, or cancels a running one before its cutover (the slot stays with its source). */
    public record DeleteAction(int slot, ActorRef<Result> replyTo) implements Command {}

    public record ChangeActionSettings(ActionSettings settings, ActorRef<Result> replyTo) implements Command {}

    public record GetActions(ActorRef<Result> replyTo) implements Command {}

    /** Plans an even spread of slots over the groups that have servers; with {@code confirm}, schedules it. */
    public record Rebalance(boolean confirm, ActorRef<Result> replyTo) implements Command {}

    /** A migration session's report, through the message adapter. */
    private record Reported(MigrationReport report) implements Command {}

    /** The actions loop's timer: start what may start, restart what lost its session. */
    private enum DriveActions implements Command { INSTANCE }

    /** Sent to itself after recovery: lays out a fresh cluster. */
    private enum Bootstrap implements Command { INSTANCE }

    /** The answer to a change: the new topology, or why not, with the HTTP status that fits. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Accepted.class, name = "accepted"),
            @JsonSubTypes.Type(value = Refused.class, name = "refused"),
            @JsonSubTypes.Type(value = ActionsView.class, name = "actions"),
            @JsonSubTypes.Type(value = Planned.class, name = "planned"),
    })
    public sealed interface Result extends CborSerializable {}

    public record Accepted(Topology topology) implements Result {}

    public record Refused(int status, String message) implements Result {}

    /** The actions in index order, the settings, and each running move's last progress report. */
    public record ActionsView(List<SlotAction> actions, ActionSettings settings, Map<Integer, ActionProgress> progress)
            implements Result {}

    /** A rebalance plan, and whether its moves were scheduled. */
    public record Planned(RebalancePlan plan, boolean scheduled) implements Result {}

    /** The largest group id, as in Codis. */
    public static final int MAX_GROUP_ID = 9999;

    /** A failed move waits this long before it is tried again. */
    private static final long RETRY_AFTER_NANOS = Duration.ofSeconds(3).toNanos();
    private static final Duration DRIVE_INTERVAL = Duration.ofMillis(500);

    private final ActorRef<Command> self;
    private final String selfNode;
    private final ActorRef<ShardingEnvelope<SlotEntity.Command>> slots;
    private final MigrationLimits baseLimits;
    private final ActionSettings initialSettings;
    private final ActorRef<MigrationReport> reports;
    private final TimerScheduler<Command> timers;
    private final Logger log;
    // The running moves of this incarnation, and their progress: not journaled. After a move to
    // another node, the actions loop restarts every running action with a new session.
    private final Map<Integer, Long> sessions = new HashMap<>();
    private final Map<Integer, ActionProgress> progress = new HashMap<>();
    private final Map<Integer, Long> retryAt = new HashMap<>();
    /** Until the first Bootstrap ran, other commands wait: they would see, or change, a state not yet laid out. */
    private boolean bootstrapped;

    private Dashboard(ActorContext<Command> context, TimerScheduler<Command> timers, String selfNode,
                      ActorRef<ShardingEnvelope<SlotEntity.Command>> slots, MigrationLimits baseLimits,
                      ActionSettings initialSettings) {
        super(PERSISTENCE_ID, SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
        this.self = context.getSelf();
        this.selfNode = selfNode;
        this.slots = slots;
        this.baseLimits = baseLimits;
        this.initialSettings = initialSettings;
        this.timers = timers;
        this.log = context.getLog();
        this.reports = context.messageAdapter(MigrationReport.class, Reported::new);
    }

    /**
     * @param selfNode   the RESP address of the node this instance runs on
     * @param slots      the slot shards, to drive moves through their source entities
     * @param baseLimits batch and chunk sizes of moves; the rates come from the action settings
     * @param initialSettings the action settings of a new cluster; later changed through the API
     */
    public static Behavior<Command> create(String selfNode, ActorRef<ShardingEnvelope<SlotEntity.Command>> slots,
                                           MigrationLimits baseLimits, ActionSettings initialSettings) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new Dashboard(context, timers, selfNode, slots, baseLimits, initialSettings)));
    }

    /** Runs the dashboard as a cluster singleton and returns the proxy every node talks to. */
    public static ActorRef<Command> init(ActorSystem<?> system, String selfNode,
                                         ActorRef<ShardingEnvelope<SlotEntity.Command>> slots, MigrationLimits baseLimits,
                                         ActionSettings initialSettings) {
        return ClusterSingleton.get(system).init(SingletonActor.of(
                Behaviors.supervise(create(selfNode, slots, baseLimits, initialSettings))
                        .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2)),
                "dashboard"));
    }

    @Override
    public DashboardState emptyState() {
        return new DashboardState(Topology.empty(), SlotActions.empty(initialSettings));
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(100, 2);
    }

    @Override
    public SignalHandler<DashboardState> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    // Persisting needs a command; the mailbox keeps this ahead of later requests.
                    self.tell(Bootstrap.INSTANCE);
                })
                .build();
    }

    @Override
    public CommandHandler<Command, DashboardEvent, DashboardState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Bootstrap.class, (state, bootstrap) -> {
                    bootstrapped = true;
                    timers.startTimerWithFixedDelay(DriveActions.INSTANCE, DRIVE_INTERVAL);
                    return bootstrap(state).thenUnstashAll();
                })
                .onCommand(command -> !bootstrapped, command -> Effect().stash())
                .onCommand(GetTopology.class, (state, get) -> Effect().none().thenRun(s -> get.replyTo().tell(s.topology())))
                .onCommand(CreateGroup.class, this::createGroup)
                .onCommand(RemoveGroup.class, this::removeGroup)
                .onCommand(AddServer.class, this::addServer)
                .onCommand(RemoveServer.class, this::removeServer)
                .onCommand(AssignSlots.class, this::assignSlots)
                .onCommand(RenameServer.class, this::renameServer)
                .onCommand(MigrateSlots.class, this::migrateSlots)
                .onCommand(DeleteAction.class, this::deleteAction)
                .onCommand(ChangeActionSettings.class, this::changeActionSettings)
                .onCommand(GetActions.class, (state, get) -> Effect().none().thenRun(s -> get.replyTo().tell(view(s))))
                .onCommand(Rebalance.class, this::rebalance)
                .onCommand(DriveActions.class, (state, drive) -> driveActions(state))
                .onCommand(Reported.class, (state, reported) -> onReport(state, reported.report()))
                .build();
    }

    @Override
    public EventHandler<DashboardState, DashboardEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onAnyEvent((state, event) -> event.applyTo(state));
    }

    private EffectBuilder<DashboardEvent, DashboardState> bootstrap(DashboardState state) {
        if (state.topology().groups().isEmpty() && state.topology().revision() == 0) {
            return Effect().persist(List.of(
                    new DashboardEvent.GroupCreated(1),
                    new DashboardEvent.ServerAdded(1, selfNode),
                    new DashboardEvent.SlotsAssigned(0, SlotHash.SLOTS - 1, 1)));
        }
        return Effect().none();
    }

    private Effect<DashboardEvent, DashboardState> createGroup(DashboardState full, CreateGroup command) {
        Topology state = full.topology();
        if (command.group() < 1 || command.group() > MAX_GROUP_ID) {
            return refuse(command.replyTo(), 400, "group id must be between 1 and " + MAX_GROUP_ID);
        }
        if (state.group(command.group()).isPresent()) {
            return refuse(command.replyTo(), 409, "group " + command.group() + " already exists");
        }
        return accept(command.replyTo(), new DashboardEvent.GroupCreated(command.group()));
    }

    private Effect<DashboardEvent, DashboardState> removeGroup(DashboardState full, RemoveGroup command) {
        Topology state = full.topology();
        Optional<Group> group = state.group(command.group());
        if (group.isEmpty()) {
            return refuse(command.replyTo(), 404, "no group " + command.group());
        }
        int slots = state.slotCount(command.group());
        if (slots > 0) {
            return refuse(command.replyTo(), 409, "group " + command.group() + " owns " + slots + " slots; move them first");
        }
        if (!group.get().servers().isEmpty()) {
            return refuse(command.replyTo(), 409, "group " + command.group() + " still has servers; remove them first");
        }
        if (involved(full, command.group())) {
            return refuse(command.replyTo(), 409, "slots are moving to or from group " + command.group());
        }
        return accept(command.replyTo(), new DashboardEvent.GroupRemoved(command.group()));
    }

    private Effect<DashboardEvent, DashboardState> addServer(DashboardState full, AddServer command) {
        Topology state = full.topology();
        if (!NodeName.isValid(command.node())) {
            return refuse(command.replyTo(), 400, "a node is named by its RESP address, host:port, not '" + command.node() + "'");
        }
        if (state.group(command.group()).isEmpty()) {
            return refuse(command.replyTo(), 404, "no group " + command.group());
        }
        Optional<Group> holder = state.groupOfServer(command.node());
        if (holder.isPresent()) {
            return refuse(command.replyTo(), 409, command.node() + " is already in group " + holder.get().id());
        }
        return accept(command.replyTo(), new DashboardEvent.ServerAdded(command.group(), command.node()));
    }

    private Effect<DashboardEvent, DashboardState> removeServer(DashboardState full, RemoveServer command) {
        Topology state = full.topology();
        Optional<Group> group = state.group(command.group());
        if (group.isEmpty()) {
            return refuse(command.replyTo(), 404, "no group " + command.group());
        }
        if (!group.get().servers().contains(command.node())) {
            return refuse(command.replyTo(), 404, command.node() + " is not in group " + command.group());
        }
        if (group.get().master().orElseThrow().equals(command.node()) && involved(full, command.group())) {
            return refuse(command.replyTo(), 409, command.node() + " is the master of group " + command.group()
                    + ", to or from which slots are moving");
        }
        if (group.get().master().orElseThrow().equals(command.node()) && state.slotCount(command.group()) > 0) {
            return refuse(command.replyTo(), 409, command.node() + " is the master of group " + command.group()
                    + ", which owns slots; its data would be left behind");
        }
        return accept(command.replyTo(), new DashboardEvent.ServerRemoved(command.group(), command.node()));
    }

    private Effect<DashboardEvent, DashboardState> assignSlots(DashboardState full, AssignSlots command) {
        Topology state = full.topology();
        if (command.from() < 0 || command.to() >= SlotHash.SLOTS || command.from() > command.to()) {
            return refuse(command.replyTo(), 400, "slots must satisfy 0 <= from <= to <= " + (SlotHash.SLOTS - 1));
        }
        Optional<Group> group = state.group(command.group());
        if (group.isEmpty()) {
            return refuse(command.replyTo(), 404, "no group " + command.group());
        }
        if (group.get().servers().isEmpty()) {
            return refuse(command.replyTo(), 409, "group " + command.group() + " has no servers to serve the slots");
        }
        for (int slot = command.from(); slot <= command.to(); slot++) {
            if (full.actions().action(slot).isPresent()) {
                return refuse(command.replyTo(), 409, "slot " + slot + " is moving; remove its action first");
            }
        }
        return accept(command.replyTo(), new DashboardEvent.SlotsAssigned(command.from(), command.to(), command.group()));
    }

    private Effect<DashboardEvent, DashboardState> renameServer(DashboardState full, RenameServer command) {
        Topology state = full.topology();
        if (!NodeName.isValid(command.to())) {
            return refuse(command.replyTo(), 400, "a node is named by its RESP address, host:port, not '" + command.to() + "'");
        }
        Optional<Group> group = state.groupOfServer(command.from());
        if (group.isEmpty() || command.from().equals(command.to())) {
            return Effect().none().thenRun(s -> command.replyTo().tell(new Accepted(s.topology())));
        }
        Optional<Group> holder = state.groupOfServer(command.to());
        if (holder.isPresent()) {
            return refuse(command.replyTo(), 409, command.to() + " is already in group " + holder.get().id());
        }
        return accept(command.replyTo(), new DashboardEvent.ServerRenamed(group.get().id(), command.from(), command.to()));
    }

    private Effect<DashboardEvent, DashboardState> migrateSlots(DashboardState full, MigrateSlots command) {
        return full.actions().plan(command.from(), command.to(), command.group(), full.topology()).fold(planned ->
                Effect().persist(new DashboardEvent.ActionsPlanned(command.from(), command.to(), command.group()))
                        .thenRun(state -> command.replyTo().tell(view(state))),
                refused -> refuse(command.replyTo(), refused.status(), refused.message()));
    }

    private Effect<DashboardEvent, DashboardState> deleteAction(DashboardState full, DeleteAction command) {
        return full.actions().cancel(command.slot()).fold(cancelled ->
                Effect().persist(new DashboardEvent.ActionRemoved(command.slot())).thenRun(state -> {
                    Long session = sessions.remove(command.slot());
                    progress.remove(command.slot());
                    retryAt.remove(command.slot());
                    if (session != null) {
                        slots.tell(SlotEntity.envelope(command.slot(), new SlotEntity.AbortMigration(session)));
                    }
                    command.replyTo().tell(view(state));
                }),
                refused -> refuse(command.replyTo(), refused.status(), refused.message()));
    }

    private Effect<DashboardEvent, DashboardState> changeActionSettings(DashboardState full, ChangeActionSettings command) {
        return full.actions().withSettings(command.settings()).fold(changed ->
                Effect().persist(new DashboardEvent.ActionSettingsChanged(command.settings())).thenRun(state -> {
                    MigrationLimits limits = limits(state);
                    sessions.forEach((slot, session) ->
                            slots.tell(SlotEntity.envelope(slot, new SlotEntity.UpdateMigrationLimits(session, limits))));
                    command.replyTo().tell(view(state));
                }),
                refused -> refuse(command.replyTo(), refused.status(), refused.message()));
    }

    private Effect<DashboardEvent, DashboardState> rebalance(DashboardState full, Rebalance command) {
        return Rebalancer.plan(full.topology(), full.actions()).fold(plan -> {
                    if (!command.confirm() || plan.moves().isEmpty()) {
                        return Effect().none().thenRun(s -> command.replyTo().tell(new Planned(plan, command.confirm())));
                    }
                    return Effect().persist(new DashboardEvent.RebalanceScheduled(plan))
                            .thenRun(s -> command.replyTo().tell(new Planned(plan, true)));
                },
                refused -> refuse(command.replyTo(), refused.status(), refused.message()));
    }

    /** Starts the actions that may start, and gives a new session to running ones that have none here. */
    private Effect<DashboardEvent, DashboardState> driveActions(DashboardState full) {
        long now = System.nanoTime();
        for (SlotAction action : full.actions().inFlight()) {
            if (action.state().running() && !sessions.containsKey(action.slot())) {
                startSession(full, action);
            }
        }
        List<SlotAction> starting = full.actions().startable(full.topology()).stream()
                .filter(a -> retryAt.getOrDefault(a.slot(), now) - now <= 0)
                .toList();
        if (starting.isEmpty()) {
            return Effect().none();
        }
        List<DashboardEvent> events = starting.stream()
                .<DashboardEvent>map(a -> new DashboardEvent.ActionAdvanced(a.slot(), ActionState.PREPARING)).toList();
        return Effect().persist(events).thenRun(state -> starting.forEach(a ->
                state.actions().action(a.slot()).ifPresent(started -> startSession(state, started))));
    }

    private void startSession(DashboardState state, SlotAction action) {
        Optional<String> target = state.topology().group(action.target()).flatMap(Group::master);
        if (target.isEmpty()) {
            return;
        }
        long session = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        sessions.put(action.slot(), session);
        progress.remove(action.slot());
        slots.tell(SlotEntity.envelope(action.slot(), new SlotEntity.MigrateOut(session, target.get(), limits(state), reports)));
    }

    private Effect<DashboardEvent, DashboardState> onReport(DashboardState full, MigrationReport report) {
        int slot = report.slot();
        Long session = sessions.get(slot);
        Optional<SlotAction> action = full.actions().action(slot);
        if (session == null || session != report.session() || action.isEmpty()) {
            if (report instanceof MigrationReport.ReadyToCommit) {
                // A session this dashboard no longer runs holds its slot sealed: let it go.
                slots.tell(SlotEntity.envelope(slot, new SlotEntity.AbortMigration(report.session())));
            }
            return Effect().none();
        }
        if (report instanceof MigrationReport.Prepared) {
            return action.get().state() == ActionState.PREPARING
                    ? Effect().persist(List.of(new DashboardEvent.ActionAdvanced(slot, ActionState.PREPARED),
                            new DashboardEvent.ActionAdvanced(slot, ActionState.MIGRATING)))
                    : Effect().none();
        }
        if (report instanceof MigrationReport.Progress p) {
            progress.put(slot, new ActionProgress(p.keysMoved(), p.keysLeft(), p.bytesMoved(), p.keysPerSecond()));
            return Effect().none();
        }
        if (report instanceof MigrationReport.ReadyToCommit ready) {
            return commit(slot, action.get(), ready.session());
        }
        sessions.remove(slot);
        progress.remove(slot);
        retryAt.put(slot, System.nanoTime() + RETRY_AFTER_NANOS);
        log.warn("slot {}: move to group {} failed, will try again: {}", slot, action.get().target(),
                ((MigrationReport.Failed) report).reason());
        return action.get().state().running()
                ? Effect().persist(new DashboardEvent.ActionAdvanced(slot, ActionState.PENDING))
                : Effect().none();
    }

    /** Cutover: the slot changes group in the journal, then the source may let its shard go. */
    private Effect<DashboardEvent, DashboardState> commit(int slot, SlotAction action, long session) {
        List<DashboardEvent> events = new ArrayList<>();
        if (action.state() == ActionState.PREPARING) {
            events.add(new DashboardEvent.ActionAdvanced(slot, ActionState.PREPARED));
        }
        if (action.state() != ActionState.MIGRATING) {
            events.add(new DashboardEvent.ActionAdvanced(slot, ActionState.MIGRATING));
        }
        events.add(new DashboardEvent.SlotMigrated(slot, action.target()));
        return Effect().persist(events).thenRun(state -> {
            sessions.remove(slot);
            progress.remove(slot);
            slots.tell(SlotEntity.envelope(slot, new SlotEntity.CommitMigration(session)));
            // The next action in line need not wait for the timer.
            self.tell(DriveActions.INSTANCE);
        });
    }

    private MigrationLimits limits(DashboardState state) {
        ActionSettings settings = state.actions().settings();
        return baseLimits.withRates(settings.maxKeysPerSec(), settings.maxBytesPerSec());
    }

    private ActionsView view(DashboardState state) {
        return new ActionsView(state.actions().actions(), state.actions().settings(), Map.copyOf(progress));
    }

    /** Some action moves slots to or from this group. */
    private static boolean involved(DashboardState state, int group) {
        return state.actions().actions().stream().anyMatch(a -> a.source() == group || a.target() == group);
    }

    private Effect<DashboardEvent, DashboardState> accept(ActorRef<Result> replyTo, DashboardEvent event) {
        return Effect().persist(event).thenRun(state -> replyTo.tell(new Accepted(state.topology())));
    }

    private Effect<DashboardEvent, DashboardState> refuse(ActorRef<Result> replyTo, int status, String message) {
        return Effect().none().thenRun(state -> replyTo.tell(new Refused(status, message)));
    }
}
