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

    private static void assertRefused(int status, String says, Function<ActorRef<Dashboard.Result>, Dashboard.Command> command)
            throws Exception {
        Dashboard.Refused refused = assertInstanceOf(Dashboard.Refused.class, node.change(command));
        assertEquals(status, refused.status(), refused.message());
        assertTrue(refused.message().contains(says), refused.message());
    }
}
