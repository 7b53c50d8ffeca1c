package io.pikko.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.pikko.actors.SlotEntity;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotReply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Requests sent the short way to a local entity that stopped meanwhile go again through the region. */
class LostRequestsTest {
    private static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void requestsToAStoppedEntityReachTheRegion() {
        TestProbe<ShardingEnvelope<SlotEntity.Command>> region = testKit.createTestProbe();
        TestProbe<SlotReply> connection = testKit.createTestProbe();
        testKit.spawn(LostRequests.create(new SlotRouter(region.ref(), new SlotAvailability() {
            @Override
            public boolean isServed(int slot) {
                return true;
            }

            @Override
            public boolean movedRecently(int slot) {
                return true;
            }
        })));
        ActorRef<SlotEntity.Command> entity = testKit.spawn(Behaviors.<SlotEntity.Command>empty());
        testKit.stop(entity);

        List<SlotEntity.Request> requests = List.of(
                new SlotEntity.Request(new SlotOp.RunCommand(0, "incr", List.of(bytes("incr"), bytes("n"))), 1, connection.ref()),
                new SlotEntity.Request(new SlotOp.RunCommand(0, "get", List.of(bytes("get"), bytes("n"))), 2, connection.ref()));
        // The subscription is asynchronous: send until one copy comes back, then check it is whole.
        ShardingEnvelope<SlotEntity.Command> resent = null;
        for (int attempt = 0; attempt < 50 && resent == null; attempt++) {
            entity.tell(new SlotEntity.LocalRequests(77, requests, replies -> {}));
            try {
                resent = region.receiveMessage(Duration.ofMillis(200));
            } catch (AssertionError notYet) {
                resent = null;
            }
        }
        assertEquals("77", resent.entityId());
        SlotEntity.Requests batch = assertInstanceOf(SlotEntity.Requests.class, resent.message());
        assertEquals(requests, batch.requests(), "the same requests, in order, answered to the same connection");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
