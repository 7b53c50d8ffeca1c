package io.pikko.multijvm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code kill -9} of the node running the dashboard singleton, with the journal on the H2 server. */
class KillDashboardNodeTest {
    @RegisterExtension
    static final PikkoCluster cluster = PikkoCluster.of(3);

    @Test
    void theTopologyIsIntactOnTheNewSingletonAndTheApiAnswers() throws Exception {
        DashboardFailover.killTheDashboardsNodeAndCheck(cluster);
    }
}
