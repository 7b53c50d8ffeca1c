package io.pikko.multijvm;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A PostgreSQL database the cluster's journal goes to, in a schema of its own made for this cluster
 * and dropped after it: a cluster never recovers the topology of an earlier test run.
 */
final class PostgresJournal implements JournalDatabase {
    private final String baseUrl;
    private final String user;
    private final String password;
    private final String schema;

    private PostgresJournal(String baseUrl, String user, String password, String schema) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    /** Fails when the database cannot be reached: a configured PostgreSQL that is down is a failure, not a skip. */
    static JournalDatabase.Source at(String url, String user, String password) {
        return (workDir, distribution) -> {
            String schema = "pikko_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL at " + url + " (user " + user + ") is not usable: " + e.getMessage(), e);
            }
            return new PostgresJournal(url, user, password, schema);
        };
    }

    @Override
    public String url() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(baseUrl, user, password); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop the test schema " + schema + ": " + e.getMessage());
        }
    }
}
