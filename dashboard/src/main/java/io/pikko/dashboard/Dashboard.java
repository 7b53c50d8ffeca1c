package io.pikko.dashboard;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.pikko.actors.CborSerializable;
import io.pikko.storage.SlotHash;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
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

/**
 * The cluster singleton that owns the topology: groups and the slot map. Event-sourced, so the
 * topology outlives the node the singleton runs on; the next oldest node recovers it from the
 * shared journal.
 *
 * <p>On its first start (an empty journal) it makes the zero-setup layout: group 1 is the node it
 * runs on, and all slots belong to group 1.
 */
public final class Dashboard extends EventSourcedBehavior<Dashboard.Command, DashboardEvent, Topology> {

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

    /** Sent to itself after recovery: lays out a fresh cluster. */
    private enum Bootstrap implements Command { INSTANCE }

    /** The answer to a change: the new topology, or why not, with the HTTP status that fits. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Accepted.class, name = "accepted"),
            @JsonSubTypes.Type(value = Refused.class, name = "refused"),
    })
    public sealed interface Result extends CborSerializable {}

    public record Accepted(Topology topology) implements Result {}

    public record Refused(int status, String message) implements Result {}

    /** The largest group id, as in Codis. */
    public static final int MAX_GROUP_ID = 9999;

    private final ActorRef<Command> self;
    private final String selfNode;
    /** Until the first Bootstrap ran, other commands wait: they would see, or change, a state not yet laid out. */
    private boolean bootstrapped;

    private Dashboard(ActorRef<Command> self, String selfNode) {
        super(PERSISTENCE_ID, SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
        this.self = self;
        this.selfNode = selfNode;
    }

    /** @param selfNode the RESP address of the node this instance runs on */
    public static Behavior<Command> create(String selfNode) {
        return Behaviors.setup(context -> new Dashboard(context.getSelf(), selfNode));
    }

    /** Runs the dashboard as a cluster singleton and returns the proxy every node talks to. */
    public static ActorRef<Command> init(ActorSystem<?> system, String selfNode) {
        return ClusterSingleton.get(system).init(SingletonActor.of(
                Behaviors.supervise(create(selfNode))
                        .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2)),
                "dashboard"));
    }

    @Override
    public Topology emptyState() {
        return Topology.empty();
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(100, 2);
    }

    @Override
    public SignalHandler<Topology> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    // Persisting needs a command; the mailbox keeps this ahead of later requests.
                    self.tell(Bootstrap.INSTANCE);
                })
                .build();
    }

    @Override
    public CommandHandler<Command, DashboardEvent, Topology> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Bootstrap.class, (state, bootstrap) -> {
                    bootstrapped = true;
                    return bootstrap(state).thenUnstashAll();
                })
                .onCommand(command -> !bootstrapped, command -> Effect().stash())
                .onCommand(GetTopology.class, (state, get) -> Effect().none().thenRun(s -> get.replyTo().tell(s)))
                .onCommand(CreateGroup.class, this::createGroup)
                .onCommand(RemoveGroup.class, this::removeGroup)
                .onCommand(AddServer.class, this::addServer)
                .onCommand(RemoveServer.class, this::removeServer)
                .onCommand(AssignSlots.class, this::assignSlots)
                .onCommand(RenameServer.class, this::renameServer)
                .build();
    }

    @Override
    public EventHandler<Topology, DashboardEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onAnyEvent((state, event) -> event.applyTo(state));
    }

    private EffectBuilder<DashboardEvent, Topology> bootstrap(Topology state) {
        if (state.groups().isEmpty() && state.revision() == 0) {
            return Effect().persist(List.of(
                    new DashboardEvent.GroupCreated(1),
                    new DashboardEvent.ServerAdded(1, selfNode),
                    new DashboardEvent.SlotsAssigned(0, SlotHash.SLOTS - 1, 1)));
        }
        return Effect().none();
    }

    private Effect<DashboardEvent, Topology> createGroup(Topology state, CreateGroup command) {
        if (command.group() < 1 || command.group() > MAX_GROUP_ID) {
            return refuse(command.replyTo(), 400, "group id must be between 1 and " + MAX_GROUP_ID);
        }
        if (state.group(command.group()).isPresent()) {
            return refuse(command.replyTo(), 409, "group " + command.group() + " already exists");
        }
        return accept(command.replyTo(), new DashboardEvent.GroupCreated(command.group()));
    }

    private Effect<DashboardEvent, Topology> removeGroup(Topology state, RemoveGroup command) {
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
        return accept(command.replyTo(), new DashboardEvent.GroupRemoved(command.group()));
    }

    private Effect<DashboardEvent, Topology> addServer(Topology state, AddServer command) {
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

    private Effect<DashboardEvent, Topology> removeServer(Topology state, RemoveServer command) {
        Optional<Group> group = state.group(command.group());
        if (group.isEmpty()) {
            return refuse(command.replyTo(), 404, "no group " + command.group());
        }
        if (!group.get().servers().contains(command.node())) {
            return refuse(command.replyTo(), 404, command.node() + " is not in group " + command.group());
        }
        if (group.get().master().orElseThrow().equals(command.node()) && state.slotCount(command.group()) > 0) {
            return refuse(command.replyTo(), 409, command.node() + " is the master of group " + command.group()
                    + ", which owns slots; its data would be left behind");
        }
        return accept(command.replyTo(), new DashboardEvent.ServerRemoved(command.group(), command.node()));
    }

    private Effect<DashboardEvent, Topology> assignSlots(Topology state, AssignSlots command) {
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
        return accept(command.replyTo(), new DashboardEvent.SlotsAssigned(command.from(), command.to(), command.group()));
    }

    private Effect<DashboardEvent, Topology> renameServer(Topology state, RenameServer command) {
        if (!NodeName.isValid(command.to())) {
            return refuse(command.replyTo(), 400, "a node is named by its RESP address, host:port, not '" + command.to() + "'");
        }
        Optional<Group> group = state.groupOfServer(command.from());
        if (group.isEmpty() || command.from().equals(command.to())) {
            return Effect().none().thenRun(s -> command.replyTo().tell(new Accepted(s)));
        }
        Optional<Group> holder = state.groupOfServer(command.to());
        if (holder.isPresent()) {
            return refuse(command.replyTo(), 409, command.to() + " is already in group " + holder.get().id());
        }
        return accept(command.replyTo(), new DashboardEvent.ServerRenamed(group.get().id(), command.from(), command.to()));
    }

    private Effect<DashboardEvent, Topology> accept(ActorRef<Result> replyTo, DashboardEvent event) {
        return Effect().persist(event).thenRun(state -> replyTo.tell(new Accepted(state)));
    }

    private Effect<DashboardEvent, Topology> refuse(ActorRef<Result> replyTo, int status, String message) {
        return Effect().none().thenRun(state -> replyTo.tell(new Refused(status, message)));
    }
}
