package io.pikko.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.pikko.testing.ProjectConfig;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
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
 * Slot actions, their settings and a rebalance plan go into the dashboard's events and snapshots
 * and across nodes: with the node's real serialization config they are Jackson CBOR and come back equal.
 */
class SlotActionsSerializationTest {
    private static ActorSystem<Void> system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "pikko", ProjectConfig.load());
    }

    @AfterAll
    static void stop() {
        system.terminate();
    }

    @Test
    void slotActionsInEveryStateWithTheirSettings() {
        SlotActions actions = new SlotActions(List.of(
                new SlotMove(4, 2, 1, 2, SlotMove.State.MIGRATING, 0),
                new SlotMove(5, 3, 1, 2, SlotMove.State.PENDING, 1_700_000_003_000L),
                new SlotMove(6, 4, 1, 2, SlotMove.State.PREPARING, 0),
                SlotMove.pending(1023, 9, Topology.NO_GROUP, 9999)),
                new ActionSettings(true, 3, 20_000, 8L << 30), 10);
        assertEquals(actions, roundTrip(actions));
        assertEquals(SlotActions.empty(ActionSettings.defaults()), roundTrip(SlotActions.empty(ActionSettings.defaults())));
        assertEquals(actions.actions().get(1), roundTrip(actions.actions().get(1)));
        assertEquals(actions.actions().get(0), roundTrip(actions.actions().get(0)));
        assertEquals(actions.settings(), roundTrip(actions.settings()));
    }

    @Test
    void aRebalancePlan() {
        RebalancePlan plan = new RebalancePlan(List.of(new RebalancePlan.Move(7, Topology.NO_GROUP, 2),
                new RebalancePlan.Move(900, 1, 3)), Map.of(3, 341, 1, 342, 2, 341));
        RebalancePlan back = (RebalancePlan) roundTrip(plan);
        assertEquals(plan, back);
        assertEquals(List.of(1, 2, 3), List.copyOf(back.counts().keySet()), "counts by group id");
    }

    private static Object roundTrip(Object value) {
        Serialization serialization = SerializationExtension.get(system.classicSystem());
        Serializer serializer = serialization.findSerializerFor(value);
        assertInstanceOf(JacksonCborSerializer.class, serializer, () -> value.getClass().getName() + " is not stored as CBOR");
        byte[] bytes = serialization.serialize(value).get();
        return serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, value)).get();
    }
}
