package io.pikko.dashboard;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.pikko.protocol.CborSerializable;
import io.pikko.protocol.NodeClock;
import io.pikko.actors.SlotEntity;
import io.pikko.actors.migration.MigrationLimits;
import io.pikko.actors.migration.MigrationReport;
import io.pikko.actors.replication.ReplicationAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
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
            @JsonSubTypes.Type(value = GetFunctions.class, name = "get-functions"),
            @JsonSubTypes.Type(value = ReplaceFunctions.class, name = "replace-functions"),
            @JsonSubTypes.Type(value = Promote.class, name = "promote"),
            @JsonSubTypes.Type(value = SetGroupMode.class, name = "set-group-mode"),
            @JsonSubTypes.Type(value = GetPositions.class, name = "get-positions"),
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

    /** Changes the named settings only, against the ones held when it arrives. */
    public record ChangeActionSettings(ActionSettingsChange change, ActorRef<Result> replyTo) implements Command {}

    public record GetActions(ActorRef<Result> replyTo) implements Command {}

    /** Plans an even spread of slots over the groups that have servers; with {@code confirm}, schedules it. */
    public record Rebalance(boolean confirm, ActorRef<Result> replyTo) implements Command {}

    /**
     * The cluster's function libraries. An asker that has them at {@code knownRevision} already
     * (nodes ask every half second) gets that revision back without the codes.
     */
    public record GetFunctions(long knownRevision, ActorRef<FunctionLibraries> replyTo) implements Command {}

    /**
     * Makes {@code codes} the cluster's function libraries if they are still at {@code revision};
     * the answer says whether they were replaced, and what they are now.
     */
    public record ReplaceFunctions(long revision, List<byte[]> codes, ActorRef<FunctionsReplaced> replyTo) implements Command {}

    public record FunctionsReplaced(boolean replaced, FunctionLibraries now) implements CborSerializable {}

    /**
     * Makes replica {@code node} the master of {@code group}. Refused (409) while the replica lags
     * behind the master or did not answer the sentinel's last probes, unless {@code force}.
     */
    public record Promote(int group, String node, boolean force, ActorRef<Result> replyTo) implements Command {}

    /** Sets a group's replication mode, {@link Group#ASYNC} or {@link Group#CONSISTENT}. */
    public record SetGroupMode(int group, String mode, ActorRef<Result> replyTo) implements Command {}

    /** Each group server's position and lag at the sentinel's last probes, by RESP address. */
    public record GetPositions(ActorRef<Positions> replyTo) implements Command {}

    public record Positions(Map<String, ServerPosition> byServer) implements CborSerializable {
        public Positions {
            byServer = Map.copyOf(byServer);
        }
    }

    /** The sentinel's timer: the last round of probes is over; act on it and probe again. */
    private enum ProbeRound implements Command { INSTANCE }

    /** The nodes' replication agents, as the receptionist lists them. */
    private record AgentsListed(Set<ActorRef<ReplicationAgent.Command>> agents) implements Command {}

    private record ProbeAnswered(ReplicationAgent.Probed probed) implements Command {}

    private enum ProbeUnanswered implements Command { INSTANCE }

    /** A migration session's report, through the message adapter. */
    private record Reported(MigrationReport report) implements Command {}

    /** The actions loop's timer: start what may start, restart what lost its session. */
    private enum DriveActions implements Command { INSTANCE }

    /** Session {@code session} of {@code slot}'s move should have reported by now (any report cancels this). */
    private record StartDue(int slot, long session) implements Command {}

    /** Sent to itself when reports wait to be journaled; they go in one write. */
    private enum JournalReports implements Command { INSTANCE }

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
    public record ActionsView(List<SlotMove> actions, ActionSettings settings, Map<Integer, ActionProgress> progress)
            implements Result {}

    /** A rebalance plan, and whether its moves were scheduled. */
    public record Planned(RebalancePlan plan, boolean scheduled) implements Result {}

    /** The largest group id, as in Codis. */
    public static final int MAX_GROUP_ID = 9999;

    private static final Duration DRIVE_INTERVAL = Duration.ofMillis(500);
    /**
     * A session that has not reported its start within this is taken as lost and started again:
     * its MigrateOut went to a node that died before it arrived (a failover moving the slot).
     */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final ActorRef<Command> self;
    private final String selfNode;
    private final ActorRef<ShardingEnvelope<SlotEntity.Command>> slots;
    private final MigrationLimits baseLimits;
    private final ActionSettings initialSettings;
    private final ActorRef<MigrationReport> reports;
    private final TimerScheduler<Command> timers;
    private final NodeClock clock;
    private final Logger log;
    // The sessions of this incarnation's running moves, and their progress: not journaled. After a
    // move to another node, the actions loop restarts every running action with a new session.
    private final Map<Integer, Long> sessions = new HashMap<>();
    private final Map<Integer, ActionProgress> progress = new HashMap<>();
    /** Reports of moves' steps not journaled yet, in arrival order. */
    private final List<MigrationReport> reportsDue = new ArrayList<>();
    private final ActorRef<Topic.Command<Topology>> topologyTopic;
    private final ActorContext<Command> context;
    private final ReplicationSettings replicationSettings;
    private final Sentinel sentinel;
    private Set<ActorRef<ReplicationAgent.Command>> agents = Set.of();
    /** The revision of the topology last announced on the topic. */
    private long announcedRevision = -1;
    /** Until the first Bootstrap ran, other commands wait: they would see, or change, a state not yet laid out. */
    private boolean bootstrapped;

    private Dashboard(ActorContext<Command> context, TimerScheduler<Command> timers, String selfNode,
                      ActorRef<ShardingEnvelope<SlotEntity.Command>> slots, MigrationLimits baseLimits,
                      ActionSettings initialSettings, ReplicationSettings replicationSettings, NodeClock clock) {
        super(PERSISTENCE_ID, SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
        this.self = context.getSelf();
        this.selfNode = selfNode;
        this.slots = slots;
        this.baseLimits = baseLimits;
        this.initialSettings = initialSettings;
        this.timers = timers;
        this.clock = clock;
        this.log = context.getLog();
        this.reports = context.messageAdapter(MigrationReport.class, Reported::new);
        this.topologyTopic = context.spawn(TopologyTopic.create(), "topology-topic");
        this.context = context;
        this.replicationSettings = replicationSettings;
        this.sentinel = new Sentinel(replicationSettings.failures());
        context.getSystem().receptionist().tell(Receptionist.subscribe(ReplicationAgent.KEY,
                context.messageAdapter(Receptionist.Listing.class, listing ->
                        new AgentsListed(listing.getServiceInstances(ReplicationAgent.KEY)))));
    }

    /**
     * @param selfNode   the RESP address of the node this instance runs on
     * @param slots      the slot shards, to drive moves through their source entities
     * @param baseLimits batch and chunk sizes of moves; the rates come from the action settings
     * @param initialSettings the action settings of a new cluster; later changed through the API
     * @param replicationSettings how masters of groups with replicas are watched
     * @param clock      when a move failed and whether its retry is due (wall clock, journaled)
     */
    public static Behavior<Command> create(String selfNode, ActorRef<ShardingEnvelope<SlotEntity.Command>> slots,
                                           MigrationLimits baseLimits, ActionSettings initialSettings,
                                           ReplicationSettings replicationSettings, NodeClock clock) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new Dashboard(context, timers, selfNode, slots, baseLimits, initialSettings, replicationSettings, clock)));
    }

    /** Runs the dashboard as a cluster singleton and returns the proxy every node talks to. */
    public static ActorRef<Command> init(ActorSystem<?> system, String selfNode,
                                         ActorRef<ShardingEnvelope<SlotEntity.Command>> slots, MigrationLimits baseLimits,
                                         ActionSettings initialSettings, ReplicationSettings replicationSettings,
                                         NodeClock clock) {
        return ClusterSingleton.get(system).init(SingletonActor.of(
                Behaviors.supervise(create(selfNode, slots, baseLimits, initialSettings, replicationSettings, clock))
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
                    timers.startTimerWithFixedDelay(ProbeRound.INSTANCE, replicationSettings.interval());
                    return bootstrap(state).thenUnstashAll();
                })
                .onCommand(command -> !bootstrapped, command -> Effect().stash())
                .onCommand(GetTopology.class, (state, get) -> Effect().none().thenRun(s -> get.replyTo().tell(s.topology())))
                .onCommand(GetPositions.class, (state, get) -> Effect().none().thenRun(s ->
                        get.replyTo().tell(new Positions(sentinel.positions(s.topology())))))
                .onCommand(CreateGroup.class, (state, c) -> change(DashboardRules.createGroup(state, c.group(), replicationSettings.defaultMode()), c.replyTo()))
                .onCommand(RemoveGroup.class, (state, c) -> change(DashboardRules.removeGroup(state, c.group()), c.replyTo()))
                .onCommand(AddServer.class, (state, c) -> change(DashboardRules.addServer(state, c.group(), c.node()), c.replyTo()))
                .onCommand(RemoveServer.class, (state, c) ->
                        change(DashboardRules.removeServer(state, c.group(), c.node()), c.replyTo()))
                .onCommand(AssignSlots.class, (state, c) ->
                        change(DashboardRules.assignSlots(state, c.from(), c.to(), c.group()), c.replyTo()))
                .onCommand(RenameServer.class, (state, c) -> change(DashboardRules.renameServer(state, c.from(), c.to()), c.replyTo()))
                .onCommand(MigrateSlots.class, this::migrateSlots)
                .onCommand(DeleteAction.class, this::deleteAction)
                .onCommand(ChangeActionSettings.class, this::changeActionSettings)
                .onCommand(GetActions.class, (state, get) -> Effect().none().thenRun(s -> get.replyTo().tell(view(s))))
                .onCommand(Rebalance.class, this::rebalance)
                .onCommand(GetFunctions.class, (state, get) -> Effect().none().thenRun(s -> get.replyTo().tell(
                        s.functions().revision() == get.knownRevision()
                                ? new FunctionLibraries(get.knownRevision(), List.of()) : s.functions())))
                .onCommand(ReplaceFunctions.class, (state, c) ->
                        DashboardRules.replaceFunctions(state, c.revision(), c.codes()).fold(
                                events -> persist(events).thenRun(next -> c.replyTo().tell(new FunctionsReplaced(true, next.functions()))),
                                refused -> Effect().none().thenRun(now -> c.replyTo().tell(new FunctionsReplaced(false, now.functions())))))
                .onCommand(DriveActions.class, (state, drive) -> driveActions(state))
                .onCommand(StartDue.class, this::startDue)
                .onCommand(AgentsListed.class, (state, listed) -> {
                    agents = listed.agents();
                    return Effect().none();
                })
                .onCommand(ProbeAnswered.class, (state, answered) -> {
                    sentinel.answered(answered.probed());
                    return Effect().none();
                })
                .onCommand(ProbeUnanswered.class, (state, unanswered) -> Effect().none())
                .onCommand(ProbeRound.class, (state, round) -> probeRound(state))
                .onCommand(Promote.class, this::promote)
                .onCommand(SetGroupMode.class, (state, c) -> change(DashboardRules.setMode(state, c.group(), c.mode()), c.replyTo()))
                .onCommand(Reported.class, (state, reported) -> onReport(state, reported.report()))
                .onCommand(JournalReports.class, (state, journal) -> journalReports(state))
                .build();
    }

    @Override
    public EventHandler<DashboardState, DashboardEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onAnyEvent((state, event) -> event.applyTo(state));
    }

    private EffectBuilder<DashboardEvent, DashboardState> bootstrap(DashboardState state) {
        List<DashboardEvent> layout = DashboardRules.bootstrap(state, selfNode, replicationSettings.defaultMode());
        return persist(layout);
    }

    /** Journals a topology change, then answers with the new topology; or answers why not. */
    private Effect<DashboardEvent, DashboardState> change(Outcome<List<DashboardEvent>> decision, ActorRef<Result> replyTo) {
        return decision.fold(events -> persist(events).thenRun(state -> replyTo.tell(new Accepted(state.topology()))),
                refused -> refuse(replyTo, refused));
    }

    private Effect<DashboardEvent, DashboardState> migrateSlots(DashboardState state, MigrateSlots command) {
        return DashboardRules.migrateSlots(state, command.from(), command.to(), command.group()).fold(events ->
                        persist(events).thenRun(next -> command.replyTo().tell(view(next))),
                refused -> refuse(command.replyTo(), refused));
    }

    private Effect<DashboardEvent, DashboardState> deleteAction(DashboardState state, DeleteAction command) {
        return DashboardRules.deleteAction(state, command.slot()).fold(events ->
                        persist(events).thenRun(next -> {
                            Long session = sessions.remove(command.slot());
                            progress.remove(command.slot());
                            if (session != null) {
                                slots.tell(SlotEntity.envelope(command.slot(), new SlotEntity.AbortMigration(session)));
                            }
                            command.replyTo().tell(view(next));
                        }),
                refused -> refuse(command.replyTo(), refused));
    }

    private Effect<DashboardEvent, DashboardState> changeActionSettings(DashboardState state, ChangeActionSettings command) {
        return DashboardRules.changeSettings(state, command.change().applyTo(state.actions().settings())).fold(events ->
                        persist(events).thenRun(next -> {
                            MigrationLimits limits = limits(next);
                            sessions.forEach((slot, session) ->
                                    slots.tell(SlotEntity.envelope(slot, new SlotEntity.UpdateMigrationLimits(session, limits))));
                            command.replyTo().tell(view(next));
                        }),
                refused -> refuse(command.replyTo(), refused));
    }

    private Effect<DashboardEvent, DashboardState> rebalance(DashboardState state, Rebalance command) {
        return Rebalancer.plan(state.topology(), state.actions()).fold(plan ->
                        persist(DashboardRules.schedule(plan, command.confirm()))
                                .thenRun(next -> command.replyTo().tell(new Planned(plan, command.confirm()))),
                refused -> refuse(command.replyTo(), refused));
    }

    /** Starts the actions that may start now, and gives a new session to running ones that have none here. */
    private Effect<DashboardEvent, DashboardState> driveActions(DashboardState state) {
        return persist(DashboardRules.startMoves(state, clock.millis())).thenRun(next -> next.actions().running().stream()
                .filter(move -> !sessions.containsKey(move.slot()))
                .forEach(move -> startSession(next, move)));
    }

    private void startSession(DashboardState state, SlotMove move) {
        Optional<String> target = state.topology().group(move.target()).flatMap(Group::master);
        if (target.isEmpty()) {
            return;
        }
        long session = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        sessions.put(move.slot(), session);
        progress.remove(move.slot());
        slots.tell(SlotEntity.envelope(move.slot(), new SlotEntity.MigrateOut(session, target.get(), limits(state), reports)));
        timers.startSingleTimer("start-due-" + move.slot(), new StartDue(move.slot(), session), START_TIMEOUT);
    }

    private Effect<DashboardEvent, DashboardState> startDue(DashboardState state, StartDue due) {
        Long session = sessions.get(due.slot());
        if (session != null && session == due.session()) {
            log.warn("slot {}: its move's session did not start within {}; starting it again", due.slot(), START_TIMEOUT);
            sessions.remove(due.slot());
            self.tell(DriveActions.INSTANCE);
        }
        return Effect().none();
    }

    private Effect<DashboardEvent, DashboardState> onReport(DashboardState state, MigrationReport report) {
        int slot = report.slot();
        if (!isCurrent(state, report)) {
            letGoIfSealed(report);
            return Effect().none();
        }
        timers.cancel("start-due-" + slot);
        if (report instanceof MigrationReport.Progress p) {
            progress.put(slot, new ActionProgress(p.keysMoved(), p.keysLeft(), p.bytesMoved(), p.keysPerSecond()));
            return Effect().none();
        }
        if (reportsDue.isEmpty()) {
            self.tell(JournalReports.INSTANCE);
        }
        reportsDue.add(report);
        return Effect().none();
    }

    /** A session this dashboard no longer runs that reports ready holds its slot sealed: let it go. */
    private void letGoIfSealed(MigrationReport report) {
        if (report instanceof MigrationReport.ReadyToCommit) {
            slots.tell(SlotEntity.envelope(report.slot(), new SlotEntity.AbortMigration(report.session())));
        }
    }

    private boolean isCurrent(DashboardState state, MigrationReport report) {
        Long session = sessions.get(report.slot());
        return session != null && session == report.session() && state.actions().action(report.slot()).isPresent();
    }

    /**
     * Journals the steps that the reports gathered since the last journal write bring, all in one
     * write: with many moves at once, one write per report kept the dashboard waiting on its
     * journal (commands wait while a write runs) and snapshotting every hundred events.
     * Then commits the slots whose cutover is journaled, and lets the next moves start.
     */
    private Effect<DashboardEvent, DashboardState> journalReports(DashboardState state) {
        List<MigrationReport> due = List.copyOf(reportsDue);
        reportsDue.clear();
        List<DashboardEvent> events = new ArrayList<>();
        List<MigrationReport> ended = new ArrayList<>();
        DashboardState at = state;
        for (MigrationReport report : due) {
            if (ended.stream().anyMatch(e -> e.slot() == report.slot())) {
                continue; // its session ended earlier in this batch
            }
            if (!isCurrent(at, report)) {
                letGoIfSealed(report); // its session was dropped after it reported
                continue;
            }
            SlotMove move = at.actions().action(report.slot()).orElseThrow();
            List<DashboardEvent> steps;
            if (report instanceof MigrationReport.Prepared) {
                steps = DashboardRules.prepared(move);
            } else if (report instanceof MigrationReport.ReadyToCommit) {
                steps = DashboardRules.readyToCommit(move);
                ended.add(report);
            } else {
                log.warn("slot {}: move to group {} failed, will try again: {}", report.slot(), move.target(),
                        ((MigrationReport.Failed) report).reason());
                steps = DashboardRules.failed(move, clock.millis());
                ended.add(report);
            }
            for (DashboardEvent step : steps) {
                at = step.applyTo(at);
            }
            events.addAll(steps);
        }
        return persist(events).thenRun(next -> {
            for (MigrationReport report : ended) {
                sessions.remove(report.slot());
                progress.remove(report.slot());
                if (report instanceof MigrationReport.ReadyToCommit) {
                    // Cutover is journaled: the source may let its shard go.
                    slots.tell(SlotEntity.envelope(report.slot(), new SlotEntity.CommitMigration(report.session())));
                }
            }
            if (!ended.isEmpty()) {
                // The next actions in line need not wait for the timer.
                self.tell(DriveActions.INSTANCE);
            }
        });
    }

    /**
     * The sentinel's round: counts who did not answer the last probes, replaces the masters that
     * are down (journaled first; the old master is then downed so its slots' shards move), and
     * probes every node again.
     */
    private Effect<DashboardEvent, DashboardState> probeRound(DashboardState state) {
        sentinel.roundEnded(state.topology());
        List<DashboardEvent.MasterPromoted> due = sentinel.due(state.topology(), node -> ClusterMembers.seenDown(context.getSystem(), node), clock.millis());
        for (ActorRef<ReplicationAgent.Command> agent : agents) {
            context.ask(ReplicationAgent.Probed.class, agent, replicationSettings.interval(),
                    replyTo -> new ReplicationAgent.Probe(clock.millis(), replicationSettings.leaseMillis(), replyTo),
                    (probed, failure) -> probed != null ? new ProbeAnswered(probed) : ProbeUnanswered.INSTANCE);
        }
        if (due.isEmpty()) {
            return Effect().none();
        }
        return persist(List.copyOf(due)).thenRun(next -> due.forEach(promoted -> {
            Failover failover = promoted.failover();
            log.warn("group {}: master {} is down; promoted {} (epoch {}); at least {} binlog records it lacked are lost",
                    promoted.group(), failover.from(), failover.to(), next.topology().group(promoted.group())
                            .map(Group::epoch).orElse(0L), failover.lostRecordsAtLeast());
            ClusterMembers.down(context.getSystem(), failover.from());
            restartMovesOf(next, promoted.group());
        }));
    }

    /**
     * A group changed master: a move out of it ran its session on the old master, and a move into
     * it sent to the old master, so their sessions are dropped and the actions loop starts them
     * again, from and to the new masters (the slot is copied afresh; a new session replaces what
     * an old one left on either side).
     */
    private void restartMovesOf(DashboardState state, int group) {
        for (SlotMove move : state.actions().running()) {
            if (move.source() == group || move.target() == group) {
                sessions.remove(move.slot());
                progress.remove(move.slot());
            }
        }
        self.tell(DriveActions.INSTANCE);
    }

    private Effect<DashboardEvent, DashboardState> promote(DashboardState state, Promote command) {
        Optional<Group> group = state.topology().group(command.group());
        Outcome<List<DashboardEvent>> decision = DashboardRules.promote(state, command.group(), command.node(),
                command.force(), group.map(g -> sentinel.lag(state.topology(), g, command.node())).orElse(0L),
                sentinel.alive(command.node()), clock.millis());
        return decision.fold(events -> persist(events).thenRun(next -> {
                    restartMovesOf(next, command.group());
                    command.replyTo().tell(new Accepted(next.topology()));
                }),
                refused -> refuse(command.replyTo(), refused));
    }

    private MigrationLimits limits(DashboardState state) {
        ActionSettings settings = state.actions().settings();
        return baseLimits.withRates(settings.maxKeysPerSec(), settings.maxBytesPerSec());
    }

    private ActionsView view(DashboardState state) {
        return new ActionsView(state.actions().actions(), state.actions().settings(), Map.copyOf(progress));
    }

    /**
     * Journals the events (nothing to journal is no effect: Pekko wants at least one event to
     * persist), then announces the topology if they changed it, before any reply goes out.
     */
    private EffectBuilder<DashboardEvent, DashboardState> persist(List<DashboardEvent> events) {
        return events.isEmpty() ? Effect().none() : Effect().persist(events).thenRun(this::announce);
    }

    private void announce(DashboardState state) {
        if (state.topology().revision() != announcedRevision) {
            announcedRevision = state.topology().revision();
            topologyTopic.tell(Topic.publish(state.topology()));
        }
    }

    private Effect<DashboardEvent, DashboardState> refuse(ActorRef<Result> replyTo, Outcome.Refused<?> refused) {
        return Effect().none().thenRun(state -> replyTo.tell(new Refused(refused.status(), refused.message())));
    }
}
