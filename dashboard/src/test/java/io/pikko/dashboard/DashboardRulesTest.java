package io.pikko.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.protocol.SlotHash;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard refuses changes that would break the topology, with the HTTP status that fits. */
class DashboardRulesTest {
    private static final String SELF = "127.0.0.1:7001";

    @TempDir
    static Path dataDir;
    private static DashboardNode node;

    @BeforeAll
    static void start() throws Exception {
        node = DashboardNode.start(JournalSettings.embedded(dataDir.resolve("rules")), SELF);
        node.topology();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void aGroupIdIsTakenOnce() throws Exception {
        node.accepted(r -> new Dashboard.CreateGroup(7, r));
        assertRefused(409, "group 7 already exists", r -> new Dashboard.CreateGroup(7, r));
    }

    @Test
    void aGroupIdIsBetweenOneAndTheLargest() throws Exception {
        assertRefused(400, "between 1 and 9999", r -> new Dashboard.CreateGroup(0, r));
        assertRefused(400, "between 1 and 9999", r -> new Dashboard.CreateGroup(10_000, r));
    }

    @Test
    void aGroupThatOwnsSlotsStays() throws Exception {
        assertRefused(409, "owns " + SlotHash.SLOTS + " slots", r -> new Dashboard.RemoveGroup(1, r));
        assertEquals(SlotHash.SLOTS, node.topology().slotCount(1));
    }

    @Test
    void aNodeIsNamedByItsRespAddress() throws Exception {
        node.accepted(r -> new Dashboard.CreateGroup(8, r));
        for (String bad : List.of("localhost", "127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:port", ":9221")) {
            assertRefused(400, "host:port", r -> new Dashboard.AddServer(8, bad, r));
        }
        assertEquals(List.of(), node.topology().group(8).orElseThrow().servers());
    }

    @Test
    void aNodeServesOneGroup() throws Exception {
        node.accepted(r -> new Dashboard.CreateGroup(9, r));
        assertRefused(409, SELF + " is already in group 1", r -> new Dashboard.AddServer(9, SELF, r));
    }

    @Test
    void slotsGoToAGroupThatExistsAndHasServers() throws Exception {
        assertRefused(404, "no group 4242", r -> new Dashboard.AssignSlots(0, 10, 4242, r));
        node.accepted(r -> new Dashboard.CreateGroup(10, r));
        assertRefused(409, "has no servers", r -> new Dashboard.AssignSlots(0, 10, 10, r));
        assertRefused(400, "0 <= from <= to <= 1023", r -> new Dashboard.AssignSlots(10, 1024, 1, r));
    }

    @Test
    void onlyAReplicaOfTheGroupThatAnsweredAndLagsByNothingIsPromotedWithoutForce() throws Exception {
        node.accepted(r -> new Dashboard.CreateGroup(21, r));
        node.accepted(r -> new Dashboard.AddServer(21, "127.0.0.1:7101", r));
        node.accepted(r -> new Dashboard.AddServer(21, "127.0.0.1:7102", r));
        assertRefused(404, "no group 99", r -> new Dashboard.Promote(99, "127.0.0.1:7102", false, r));
        assertRefused(400, "is not a server of group 21", r -> new Dashboard.Promote(21, SELF, false, r));
        assertRefused(409, "already the master of group 21", r -> new Dashboard.Promote(21, "127.0.0.1:7101", false, r));
        // No node runs at 127.0.0.1:7102, so it answers no probe.
        assertRefused(409, "did not answer the sentinel's last probes", r -> new Dashboard.Promote(21, "127.0.0.1:7102", false, r));

        DashboardState state = new DashboardState(node.topology(), SlotActions.empty(ActionSettings.defaults()), FunctionLibraries.empty());
        Outcome.Refused<List<DashboardEvent>> lagging = assertInstanceOf(Outcome.Refused.class,
                DashboardRules.promote(state, 21, "127.0.0.1:7102", false, 5, true, 1_000));
        assertEquals(409, lagging.status());
        assertTrue(lagging.message().contains("lags behind the master by 5 binlog records"), lagging.message());

        long epoch = node.topology().group(21).orElseThrow().epoch();
        node.accepted(r -> new Dashboard.Promote(21, "127.0.0.1:7102", true, r));
        Group promoted = node.topology().group(21).orElseThrow();
        assertEquals(List.of("127.0.0.1:7102", "127.0.0.1:7101"), promoted.servers(), "the old master follows, last");
        assertEquals(epoch + 1, promoted.epoch());
        assertEquals("127.0.0.1:7101", promoted.lastFailover().from());
        assertTrue(promoted.lastFailover().manual());
    }

    @Test
    void aGroupsModeIsAsyncOrConsistent() throws Exception {
        node.accepted(r -> new Dashboard.CreateGroup(22, r));
        assertEquals(Group.ASYNC, node.topology().group(22).orElseThrow().mode(), "the configured default");
        assertRefused(400, "mode must be \"async\" or \"consistent\"", r -> new Dashboard.SetGroupMode(22, "quorum", r));
        assertRefused(404, "no group 98", r -> new Dashboard.SetGroupMode(98, Group.CONSISTENT, r));
        node.accepted(r -> new Dashboard.SetGroupMode(22, Group.CONSISTENT, r));
        assertEquals(Group.CONSISTENT, node.topology().group(22).orElseThrow().mode());
    }

    private static void assertRefused(int status, String says, Function<ActorRef<Dashboard.Result>, Dashboard.Command> command)
            throws Exception {
        Dashboard.Refused refused = assertInstanceOf(Dashboard.Refused.class, node.change(command));
        assertEquals(status, refused.status(), refused.message());
        assertTrue(refused.message().contains(says), refused.message());
    }
}
