package io.pikko.multijvm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard's journal in PostgreSQL, as a production cluster keeps it. Runs when
 * PIKKO_TEST_POSTGRES_URL names a database (.ci/run sets it once scripts/test-deps.sh has started
 * PostgreSQL), with PIKKO_TEST_POSTGRES_USER and PIKKO_TEST_POSTGRES_PASSWORD (both "pikko" if unset).
 * Set and unreachable is a failure.
 */
@EnabledIfEnvironmentVariable(named = "PIKKO_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "PIKKO_TEST_POSTGRES_URL is not set: no PostgreSQL to test the journal on "
                + "(.ci/run sets it when scripts/test-deps.sh got PostgreSQL going)")
class PostgresJournalTest {
    @RegisterExtension
    static final PikkoCluster cluster = PikkoCluster.withJournal(3, PostgresJournal.at(
            System.getenv("PIKKO_TEST_POSTGRES_URL"),
            Objects.requireNonNullElse(System.getenv("PIKKO_TEST_POSTGRES_USER"), "pikko"),
            Objects.requireNonNullElse(System.getenv("PIKKO_TEST_POSTGRES_PASSWORD"), "pikko")));

    @Test
    void theTopologyIsJournaledInPostgresAndSurvivesTheDashboardsNode() throws Exception {
        DashboardFailover.killTheDashboardsNodeAndCheck(cluster);
        assertTrue(dashboardJournalRows() > 0, "the dashboard's events are in PostgreSQL");
    }

    /** Rows of the dashboard's persistence id in any table of the cluster's schema that has such a column. */
    private static long dashboardJournalRows() throws Exception {
        JournalDatabase journal = cluster.journal();
        try (Connection c = DriverManager.getConnection(journal.url(), journal.user(), journal.password());
             Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND column_name = 'persistence_id'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            long rows = 0;
            for (String table : tables) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM \"" + table + "\" WHERE persistence_id = 'pikko-dashboard'")) {
                    r.next();
                    rows += r.getLong(1);
                }
            }
            return rows;
        }
    }
}
