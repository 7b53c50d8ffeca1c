package io.pikko.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.pikko.protocol.SlotHash;
import io.pikko.testing.ProjectConfig;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every dashboard message a node may send another, every event the journal stores and the state
 * a snapshot stores go through Pekko serialization with the node's real configuration as Jackson
 * CBOR, and come back equal.
 */
class DashboardSerializationTest {
    private static ActorSystem<Void> system;
    private static ActorRef<Topology> topologyTo;
    private static ActorRef<Dashboard.Result> resultTo;
    private static ActorRef<FunctionLibraries> functionsTo;
    private static ActorRef<Dashboard.FunctionsReplaced> replacedTo;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "pikko", ProjectConfig.load());
        topologyTo = system.systemActorOf(Behaviors.<Topology>ignore(), "topology-reader", Props.empty());
        resultTo = system.systemActorOf(Behaviors.<Dashboard.Result>ignore(), "admin-request", Props.empty());
        functionsTo = system.systemActorOf(Behaviors.<FunctionLibraries>ignore(), "functions-reader", Props.empty());
        replacedTo = system.systemActorOf(Behaviors.<Dashboard.FunctionsReplaced>ignore(), "functions-writer", Props.empty());
    }

    @AfterAll
    static void stop() {
        system.terminate();
    }

    @Test
    void everyCommand() {
        List<Dashboard.Command> commands = List.of(
                new Dashboard.GetTopology(topologyTo),
                new Dashboard.CreateGroup(2, resultTo),
                new Dashboard.RemoveGroup(9999, resultTo),
                new Dashboard.AddServer(2, "127.0.0.1:9222", resultTo),
                new Dashboard.RemoveServer(2, "node-3.example:9221", resultTo),
                new Dashboard.AssignSlots(512, 1023, 2, resultTo),
                new Dashboard.RenameServer("127.0.0.1:9221", "127.0.0.1:9321", resultTo),
                new Dashboard.MigrateSlots(0, 511, 2, resultTo),
                new Dashboard.DeleteAction(7, resultTo),
                new Dashboard.ChangeActionSettings(new ActionSettingsChange(true, null, 1000L, null), resultTo),
                new Dashboard.GetActions(resultTo),
                new Dashboard.Rebalance(true, resultTo),
                new Dashboard.GetFunctions(4, functionsTo),
                new Dashboard.ReplaceFunctions(3, List.of(), replacedTo),
                new Dashboard.Promote(2, "127.0.0.1:9223", true, resultTo),
                new Dashboard.SetGroupMode(2, Group.CONSISTENT, resultTo),
                new Dashboard.GetPositions(system.systemActorOf(Behaviors.<Dashboard.Positions>ignore(), "positions-reader", Props.empty())));
        assertCoversSubtypes(Dashboard.Command.class, commands);
        commands.forEach(DashboardSerializationTest::assertRoundTrip);
    }

    @Test
    void everyResult() {
        List<Dashboard.Result> results = List.of(new Dashboard.Accepted(layout()), new Dashboard.Refused(409, "group 2 already exists"),
                new Dashboard.ActionsView(List.of(new SlotMove(3, 7, 1, 2, SlotMove.State.MIGRATING, 0)), ActionSettings.defaults(),
                        Map.of(3, new ActionProgress(10, 20, 300, 45.5))),
                new Dashboard.Planned(new RebalancePlan(List.of(new RebalancePlan.Move(9, 1, 2)), Map.of(1, 1023, 2, 1)), false));
        assertCoversSubtypes(Dashboard.Result.class, results);
        results.forEach(DashboardSerializationTest::assertRoundTrip);
    }

    @Test
    void everyEvent() {
        List<DashboardEvent> events = List.of(
                new DashboardEvent.GroupCreated(2),
                new DashboardEvent.GroupRemoved(3),
                new DashboardEvent.ServerAdded(2, "127.0.0.1:9222"),
                new DashboardEvent.ServerRemoved(2, "127.0.0.1:9222"),
                new DashboardEvent.ServerRenamed(1, "127.0.0.1:9221", "10.0.0.5:9221"),
                new DashboardEvent.SlotsAssigned(0, 1023, 1),
                new DashboardEvent.ActionsPlanned(0, 511, 2),
                new DashboardEvent.RebalanceScheduled(new RebalancePlan(List.of(new RebalancePlan.Move(9, 0, 2)), Map.of(2, 1))),
                new DashboardEvent.ActionRemoved(4),
                new DashboardEvent.ActionAdvanced(4, SlotMove.State.MIGRATING),
                new DashboardEvent.ActionFailed(4, 1_700_000_000_000L),
                new DashboardEvent.ActionSettingsChanged(new ActionSettings(false, 2, 0, 0)),
                new DashboardEvent.SlotMigrated(4, 2),
                new DashboardEvent.FunctionsReplaced(List.of()),
                new DashboardEvent.MasterPromoted(2, new Failover("127.0.0.1:9222", "127.0.0.1:9223", 1_700_000_000_000L, 17, false)),
                new DashboardEvent.GroupModeChanged(2, Group.CONSISTENT));
        assertCoversSubtypes(DashboardEvent.class, events);
        events.forEach(DashboardSerializationTest::assertRoundTrip);
    }

    @Test
    void theTopologyWithEverySlotAndGroup() {
        Topology empty = Topology.empty();
        Topology back = (Topology) assertRoundTrip(layout());
        assertEquals(SlotHash.SLOTS, back.slotGroups().length);
        assertEquals(List.of("127.0.0.1:9222", "127.0.0.1:9223"), back.group(2).orElseThrow().servers());
        assertRoundTrip(empty);
        assertRoundTrip(new Group(5, List.of(), 7));
        assertRoundTrip(new Dashboard.Positions(Map.of("127.0.0.1:9222", new ServerPosition(1234, 0),
                "127.0.0.1:9223", new ServerPosition(1200, 34))));
    }

    /** Library code is bytes, which records compare by identity: compared here by content. */
    @Test
    void functionLibrariesKeepTheirBytes() {
        byte[] code = "#!lua name=lib\nredis.register_function('f', function() return '\u00e9\u0001' end)".getBytes(StandardCharsets.UTF_8);
        FunctionLibraries libraries = new FunctionLibraries(7, List.of(code, new byte[] {0, -1, 10}));
        FunctionLibraries back = ((DashboardState) roundTrip(new DashboardState(layout(), SlotActions.empty(ActionSettings.defaults()),
                libraries))).functions();
        assertEquals(7, back.revision());
        assertArrayEquals(code, back.codes().get(0));
        assertArrayEquals(new byte[] {0, -1, 10}, back.codes().get(1));
        assertArrayEquals(code, ((Dashboard.ReplaceFunctions) roundTrip(new Dashboard.ReplaceFunctions(7, List.of(code), replacedTo))).codes().get(0));
        assertArrayEquals(code, ((DashboardEvent.FunctionsReplaced) roundTrip(new DashboardEvent.FunctionsReplaced(List.of(code)))).codes().get(0));
        assertArrayEquals(code, ((Dashboard.FunctionsReplaced) roundTrip(new Dashboard.FunctionsReplaced(true, libraries))).now().codes().get(0));
    }

    @Test
    void theSnapshotStateWithActions() {
        SlotActions actions = SlotActions.empty(ActionSettings.defaults()).plan(0, 3, 2, layout()).orElseThrow();
        assertRoundTrip(new DashboardState(layout(), actions));
    }

    /** Three groups, slots spread unevenly, one slot without a group. */
    private static Topology layout() {
        int[] slots = new int[SlotHash.SLOTS];
        for (int slot = 0; slot < slots.length; slot++) {
            slots[slot] = slot < 512 ? 1 : slot < 1000 ? 2 : 9999;
        }
        slots[777] = Topology.NO_GROUP;
        return new Topology(42, Map.of(
                1, new Group(1, List.of("127.0.0.1:9221"), 3),
                2, new Group(2, List.of("127.0.0.1:9222", "127.0.0.1:9223"), 2,
                        new Failover("127.0.0.1:9223", "127.0.0.1:9222", 1_700_000_000_000L, 0, true), Group.CONSISTENT),
                9999, new Group(9999, List.of("db-9.example:6379"), 0)), slots);
    }

    private static Object assertRoundTrip(Object message) {
        Object back = roundTrip(message);
        assertEquals(message, back);
        return back;
    }

    private static Object roundTrip(Object message) {
        Serialization serialization = SerializationExtension.get(system.classicSystem());
        Serializer serializer = serialization.findSerializerFor(message);
        assertInstanceOf(JacksonCborSerializer.class, serializer, () -> message.getClass().getName() + " is not sent as CBOR");
        byte[] bytes = serialization.serialize(message).get();
        return serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message)).get();
    }

    /** The samples hold every subtype that may cross nodes, and the type's JSON names them all. */
    private static void assertCoversSubtypes(Class<?> sealed, List<?> samples) {
        Set<Class<?>> crossing = concrete(sealed).filter(c -> !Modifier.isPrivate(c.getModifiers())).collect(Collectors.toSet());
        assertEquals(crossing, samples.stream().map(Object::getClass).collect(Collectors.toSet()),
                sealed.getSimpleName() + ": a sample of each subtype");
        Set<Class<?>> named = Arrays.stream(sealed.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::value)
                .collect(Collectors.toSet());
        assertEquals(crossing, named, sealed.getSimpleName() + ": @JsonSubTypes names every subtype that crosses nodes");
    }

    /** The classes below a sealed type, through sealed sub-interfaces. */
    private static Stream<Class<?>> concrete(Class<?> type) {
        return type.isSealed() ? Arrays.stream(type.getPermittedSubclasses()).flatMap(DashboardSerializationTest::concrete) : Stream.of(type);
    }
}
