package io.pikko.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pikko.protocol.SlotHash;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's state outlives its actor system: a new one on the same journal recovers the very
 * topology, revision included, from events and from snapshots. Each journal database runs it.
 */
abstract class DashboardRecoveryContract {
    static final String NODE_A = "127.0.0.1:7001";
    static final String NODE_B = "127.0.0.1:7002";

    /** A fresh, empty journal; each call a different one. */
    abstract JournalSettings freshJournal() throws Exception;

    /** A table's name as it is spelled in SQL for this database. */
    abstract String table(String name);

    @Test
    void aFirstStartLaysOutGroupOneWithEverySlotAndARestartRecoversTheChangesMadeSince() throws Exception {
        JournalSettings journal = freshJournal();
        Topology before;
        try (DashboardNode node = DashboardNode.start(journal, NODE_A)) {
            Topology fresh = node.topology();
            assertEquals(3, fresh.revision(), "the first answer comes after the layout: group created, server added, slots assigned");
            assertEquals(List.of(NODE_A), fresh.group(1).orElseThrow().servers());
            assertEquals(SlotHash.SLOTS, fresh.slotCount(1));

            node.accepted(r -> new Dashboard.CreateGroup(2, r));
            node.accepted(r -> new Dashboard.AddServer(2, NODE_B, r));
            before = node.accepted(r -> new Dashboard.AssignSlots(512, 1023, 2, r));
            assertEquals(512, before.slotCount(1));
            assertEquals(512, before.slotCount(2));
            assertEquals(before, node.topology());
        }
        try (DashboardNode node = DashboardNode.start(journal, NODE_A)) {
            Topology after = node.topology();
            assertEquals(before, after);
            assertEquals(6, after.revision());
            assertEquals(2, after.groupOf(512));
            assertEquals(1, after.groupOf(511));
            assertEquals(List.of(NODE_B), after.group(2).orElseThrow().servers());
        }
    }

    @Test
    void recoveryFromASnapshotGivesTheSameTopology() throws Exception {
        JournalSettings journal = freshJournal();
        Topology before;
        try (DashboardNode node = DashboardNode.start(journal, NODE_A)) {
            node.accepted(r -> new Dashboard.CreateGroup(2, r));
            node.accepted(r -> new Dashboard.AddServer(2, NODE_B, r));
            node.accepted(r -> new Dashboard.AssignSlots(0, 99, 2, r));
            for (int group = 100; group < 170; group++) {
                int id = group;
                node.accepted(r -> new Dashboard.CreateGroup(id, r));
                if (id % 2 == 0) {
                    node.accepted(r -> new Dashboard.RemoveGroup(id, r));
                }
            }
            before = node.topology();
            assertEquals(3 + 3 + 70 + 35, before.revision());
            assertEquals(2 + 35, before.groups().size());
        }
        long snapshotAt = latestSnapshot(journal);
        assertTrue(snapshotAt >= 100, "a snapshot after 100 events, found one at " + snapshotAt);

        try (DashboardNode node = DashboardNode.start(journal, NODE_A)) {
            assertEquals(before, node.topology());
        }

        // Without the events the snapshot covers, only the snapshot can bring the state back.
        deleteEventsUpTo(journal, snapshotAt);
        try (DashboardNode node = DashboardNode.start(journal, NODE_A)) {
            assertEquals(before, node.topology());
            Topology more = node.accepted(r -> new Dashboard.CreateGroup(9999, r));
            assertEquals(before.revision() + 1, more.revision());
        }
    }

    @Test
    void aNodeRestartedOnAnotherAddressIsRenamedInItsGroup() throws Exception {
        JournalSettings journal = freshJournal();
        long epoch;
        try (DashboardNode node = DashboardNode.start(journal, NODE_A)) {
            epoch = node.topology().group(1).orElseThrow().epoch();
            node.accepted(r -> new Dashboard.CreateGroup(2, r));
            node.accepted(r -> new Dashboard.AddServer(2, "127.0.0.1:7003", r));
        }
        try (DashboardNode node = DashboardNode.start(journal, NODE_B)) {
            Topology renamedTopology = node.accepted(r -> new Dashboard.RenameServer(NODE_A, NODE_B, r));
            Group renamed = renamedTopology.group(1).orElseThrow();
            assertEquals(List.of(NODE_B), renamed.servers());
            assertEquals(epoch + 1, renamed.epoch(), "a new address is a new master: stale routes can tell");
            assertEquals(SlotHash.SLOTS, renamedTopology.slotCount(1));
            // A name another group holds is refused; a name in no group needs no change.
            Dashboard.Result clash = node.change(r -> new Dashboard.RenameServer(NODE_B, "127.0.0.1:7003", r));
            assertEquals(409, ((Dashboard.Refused) clash).status());
            assertEquals(renamedTopology, node.accepted(r -> new Dashboard.RenameServer("127.0.0.1:7999", "127.0.0.1:7998", r)));
        }
        try (DashboardNode node = DashboardNode.start(journal, "127.0.0.1:7004")) {
            assertEquals(List.of(NODE_B), node.topology().group(1).orElseThrow().servers());
        }
    }

    private long latestSnapshot(JournalSettings journal) throws Exception {
        try (Connection c = DriverManager.getConnection(journal.url(), journal.user(), journal.password());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT MAX(" + column("sequence_number") + ") FROM " + table("snapshot")
                     + " WHERE " + column("persistence_id") + " = '" + Dashboard.PERSISTENCE_ID.id() + "'")) {
            r.next();
            return r.getLong(1);
        }
    }

    private void deleteEventsUpTo(JournalSettings journal, long sequenceNumber) throws Exception {
        try (Connection c = DriverManager.getConnection(journal.url(), journal.user(), journal.password());
             Statement s = c.createStatement()) {
            int deleted = s.executeUpdate("DELETE FROM " + table("event_journal") + " WHERE " + column("sequence_number")
                    + " <= " + sequenceNumber);
            assertEquals(sequenceNumber, deleted);
        }
    }

    /** Column names are spelled as table names are. */
    private String column(String name) {
        return table(name);
    }
}
