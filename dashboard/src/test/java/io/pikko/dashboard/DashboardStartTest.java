package io.pikko.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pikko.protocol.SlotHash;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests that reach a starting dashboard wait for its zero-setup layout instead of racing it. */
class DashboardStartTest {
    @TempDir
    Path dataDir;

    @Test
    void aChangeSentAtStartComesAfterTheLayout() throws Exception {
        try (DashboardNode node = DashboardNode.start(JournalSettings.embedded(dataDir), "127.0.0.1:7001")) {
            Topology topology = node.accepted(r -> new Dashboard.CreateGroup(2, r));
            assertEquals(List.of("127.0.0.1:7001"), topology.group(1).orElseThrow().servers());
            assertEquals(SlotHash.SLOTS, topology.slotCount(1));
            assertEquals(4, topology.revision());
        }
    }
}
