package io.pikko.dashboard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The dashboard on PostgreSQL, a production cluster's shared journal, when
 * {@code PIKKO_TEST_POSTGRES_URL} names a server (user and password: {@code PIKKO_TEST_POSTGRES_USER},
 * {@code PIKKO_TEST_POSTGRES_PASSWORD}, both "pikko" by default); skipped when it is unset, failing
 * when the server cannot be reached. Each journal is a schema of its own, dropped at the end.
 */
class PostgresDashboardRecoveryTest extends DashboardRecoveryContract {
    private static final String URL = System.getenv("PIKKO_TEST_POSTGRES_URL");
    private static final String USER = Objects.requireNonNullElse(System.getenv("PIKKO_TEST_POSTGRES_USER"), "pikko");
    private static final String PASSWORD = Objects.requireNonNullElse(System.getenv("PIKKO_TEST_POSTGRES_PASSWORD"), "pikko");
    private static final List<String> schemas = new ArrayList<>();

    @BeforeAll
    static void needsAServer() {
        assumeTrue(URL != null && !URL.isEmpty(), "PIKKO_TEST_POSTGRES_URL is not set");
    }

    @AfterAll
    static void dropSchemas() throws Exception {
        if (schemas.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            for (String schema : schemas) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Override
    JournalSettings freshJournal() throws Exception {
        String schema = "pikko_dashboard_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        schemas.add(schema);
        return new JournalSettings(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, USER, PASSWORD);
    }

    @Override
    String table(String name) {
        return name;
    }
}
