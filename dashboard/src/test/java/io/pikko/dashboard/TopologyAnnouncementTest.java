package io.pikko.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every journaled change of the topology is announced on the topic the nodes listen to, before its reply. */
class TopologyAnnouncementTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    @Test
    void eachChangeIsAnnouncedWithItsRevisionAndNothingElseIs() throws Exception {
        try (DashboardNode node = DashboardNode.start(JournalSettings.embedded(dataDir), "127.0.0.1:7001")) {
            Topology laidOut = node.topology();
            TestProbe<Topology> listener = TestProbe.create(node.system);
            ActorRef<Topic.Command<Topology>> topic = node.system.systemActorOf(TopologyTopic.create(), "listening-topic", Props.empty());
            topic.tell(Topic.subscribe(listener.ref()));
            // A subscription spreads to the dashboard's topic through the receptionist: wait until it is heard.
            awaitAnotherInstance(node, topic);

            Topology created = node.accepted(r -> new Dashboard.CreateGroup(2, r));
            assertEquals(created, listener.expectMessageClass(Topology.class, WAIT));
            assertEquals(laidOut.revision() + 1, created.revision());

            Topology served = node.accepted(r -> new Dashboard.AddServer(2, "127.0.0.1:7002", r));
            assertEquals(served, listener.expectMessageClass(Topology.class, WAIT));

            Topology assigned = node.accepted(r -> new Dashboard.AssignSlots(1000, 1023, 2, r));
            assertEquals(assigned, listener.expectMessageClass(Topology.class, WAIT));
            assertEquals(2, assigned.groupOf(1000));

            // A change of the action settings journals an event but leaves the topology as it was.
            node.change(r -> new Dashboard.ChangeActionSettings(new ActionSettingsChange(null, 2, null, null), r));
            listener.expectNoMessage(Duration.ofMillis(500));
        }
    }

    private static void awaitAnotherInstance(DashboardNode node, ActorRef<Topic.Command<Topology>> topic) throws InterruptedException {
        TestProbe<Topic.TopicStats> stats = TestProbe.create(node.system);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            topic.tell(Topic.getTopicStats(stats.ref()));
            if (stats.receiveMessage(WAIT).topicInstanceCount() > 0) {
                return;
            }
            Thread.sleep(50);
        }
        fail("the dashboard's topic was never seen");
    }
}
