package io.pikko.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pikko.testing.ProjectConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journals and snapshots written by the dashboard before {@link SlotMove} (with Codis's five
 * states, PREPARED journaled just before MIGRATING) recover. The bytes below are what that
 * dashboard wrote, captured from it.
 */
class LegacyJournalTest {
    private static final String NODE_A = "127.0.0.1:7001";
    private static final String NODE_B = "127.0.0.1:7002";
    /** Pekko's Jackson CBOR serializer, as the rows name it. */
    private static final int JACKSON_CBOR = 33;

    private static final String PLANNED_0_TO_1_TO_GROUP_2 =
            "bf6540747970656f616374696f6e732d706c616e6e65646466726f6d0062746f016567726f757002ff";
    private static final String SLOT_0_PREPARING =
            "bf6540747970656f616374696f6e2d616476616e63656464736c6f740062746f69505245504152494e47ff";
    private static final String SLOT_0_PREPARED =
            "bf6540747970656f616374696f6e2d616476616e63656464736c6f740062746f685052455041524544ff";
    private static final String SLOT_0_MIGRATING =
            "bf6540747970656f616374696f6e2d616476616e63656464736c6f740062746f694d4947524154494e47ff";
    private static final String SLOT_0_MIGRATED_TO_GROUP_2 =
            "bf6540747970656d736c6f742d6d6967726174656464736c6f74006567726f757002ff";
    private static final String SLOT_1_BACK_TO_PENDING =
            "bf6540747970656f616374696f6e2d616476616e63656464736c6f740162746f6750454e44494e47ff";
    /** A snapshot's actions: slot 3 migrating (index 7), slot 4 pending (index 8), default settings, next index 9. */
    private static final String ACTIONS_SNAPSHOT = "bf67616374696f6e7382bf64736c6f740365696e6465780766736f7572636501667461726765"
            + "7402657374617465694d4947524154494e47ffbf64736c6f740465696e6465780866736f757263650166746172676574026573746174"
            + "656750454e44494e47ff6873657474696e6773bf6864697361626c6564f468706172616c6c656c016d6d61784b6579735065725365"
            + "63006e6d6178427974657350657253656300ff696e657874496e64657809ff";

    private static ActorSystem<Void> system;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "pikko", ProjectConfig.load());
    }

    @AfterAll
    static void stop() {
        system.terminate();
    }

    @Test
    void theOldStepsOfAMoveReplay() throws Exception {
        assertEquals(SLOT_0_PREPARING, hex(new DashboardEvent.ActionAdvanced(0, SlotMove.State.PREPARING)),
                "a started move is journaled as it always was");
        assertEquals(SLOT_0_MIGRATING, hex(new DashboardEvent.ActionAdvanced(0, SlotMove.State.MIGRATING)));

        JournalSettings journal = JournalSettings.embedded(dataDir);
        DashboardJournal.createSchema(journal);
        List<Row> rows = new ArrayList<>();
        for (DashboardEvent unchanged : List.of(new DashboardEvent.GroupCreated(1), new DashboardEvent.ServerAdded(1, NODE_A),
                new DashboardEvent.SlotsAssigned(0, 1023, 1), new DashboardEvent.GroupCreated(2),
                new DashboardEvent.ServerAdded(2, NODE_B),
                // Paused, so that the recovered dashboard leaves the pending move as the journal has it.
                new DashboardEvent.ActionSettingsChanged(new ActionSettings(true, 1, 0, 0)))) {
            rows.add(new Row(unchanged.getClass().getName(), bytes(unchanged)));
        }
        rows.add(Row.old("ActionsPlanned", PLANNED_0_TO_1_TO_GROUP_2));
        rows.add(Row.old("ActionAdvanced", SLOT_0_PREPARING));
        rows.add(Row.old("ActionAdvanced", SLOT_0_PREPARED));
        rows.add(Row.old("ActionAdvanced", SLOT_0_MIGRATING));
        rows.add(Row.old("SlotMigrated", SLOT_0_MIGRATED_TO_GROUP_2));
        rows.add(new Row(DashboardEvent.ActionAdvanced.class.getName(),
                bytes(new DashboardEvent.ActionAdvanced(1, SlotMove.State.PREPARING))));
        rows.add(Row.old("ActionAdvanced", SLOT_1_BACK_TO_PENDING));
        write(journal, rows);

        try (DashboardNode node = DashboardNode.start(journal, NODE_A)) {
            Topology topology = node.topology();
            assertEquals(2, topology.groupOf(0), "prepared, migrating, migrated: the slot is the target's");
            assertEquals(1, topology.groupOf(1));
            assertEquals(1023, topology.slotCount(1));
            Dashboard.ActionsView view = (Dashboard.ActionsView) node.change(Dashboard.GetActions::new);
            assertEquals(List.of(new SlotMove(1, 2, 1, 2, SlotMove.State.PENDING, 0)), view.actions(),
                    "an old failure is pending with no retry time: it may start at once");
        }
    }

    @Test
    void anOldSnapshotOfActionsReadsWithNoRetryTime() {
        Serialization serialization = SerializationExtension.get(system.classicSystem());
        Object back = serialization.deserialize(HexFormat.of().parseHex(ACTIONS_SNAPSHOT), JACKSON_CBOR,
                SlotActions.class.getName()).get();
        assertEquals(new SlotActions(List.of(new SlotMove(3, 7, 1, 2, SlotMove.State.MIGRATING, 0),
                SlotMove.pending(4, 8, 1, 2)), ActionSettings.defaults(), 9), back);
    }

    private record Row(String manifest, byte[] payload) {
        static Row old(String event, String hex) {
            return new Row(DashboardEvent.class.getName() + "$" + event, HexFormat.of().parseHex(hex));
        }
    }

    private static void write(JournalSettings journal, List<Row> rows) throws Exception {
        try (Connection c = DriverManager.getConnection(journal.url(), journal.user(), journal.password());
             PreparedStatement insert = c.prepareStatement("INSERT INTO \"event_journal\" (\"deleted\", \"persistence_id\","
                     + " \"sequence_number\", \"writer\", \"write_timestamp\", \"adapter_manifest\", \"event_payload\","
                     + " \"event_ser_id\", \"event_ser_manifest\") VALUES (FALSE, ?, ?, 'old-dashboard', 0, '', ?, ?, ?)")) {
            for (int i = 0; i < rows.size(); i++) {
                insert.setString(1, Dashboard.PERSISTENCE_ID.id());
                insert.setLong(2, i + 1);
                insert.setBytes(3, rows.get(i).payload());
                insert.setInt(4, JACKSON_CBOR);
                insert.setString(5, rows.get(i).manifest());
                insert.executeUpdate();
            }
        }
    }

    private static byte[] bytes(Object event) {
        return SerializationExtension.get(system.classicSystem()).serialize(event).get();
    }

    private static String hex(Object event) {
        return HexFormat.of().formatHex(bytes(event));
    }
}
