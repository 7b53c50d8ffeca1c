package io.pikko.dashboard;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's journal and snapshot store: pekko-persistence-jdbc on H2 (a node on its own, or
 * the H2 server of a local cluster) or PostgreSQL (a production cluster), sharing one small
 * connection pool. A node checks its settings with {@link #problem}, creates the tables with
 * {@link #createSchema} and starts its actor system with {@link #config} among its settings.
 */
public final class DashboardJournal {

    /** The journal databases Pikko knows: each its URL prefix, Slick profile, driver and tables. */
    private enum Database {
        H2("jdbc:h2:", "slick.jdbc.H2Profile$", "org.h2.Driver", "pikko/journal/h2.sql"),
        POSTGRES("jdbc:postgresql:", "slick.jdbc.PostgresProfile$", "org.postgresql.Driver", "pikko/journal/postgres.sql");

        final String urlPrefix;
        final String profile;
        final String driver;
        final String schema;

        Database(String urlPrefix, String profile, String driver, String schema) {
            this.urlPrefix = urlPrefix;
            this.profile = profile;
            this.driver = driver;
            this.schema = schema;
        }

        static Optional<Database> of(String url) {
            return Arrays.stream(values()).filter(d -> url.startsWith(d.urlPrefix)).findFirst();
        }
    }

    /** The shared database's name; the plugin's reference config gives it the pool defaults we adjust. */
    private static final String SHARED_DB = "slick";

    private DashboardJournal() {}

    /** Why these settings name no journal Pikko can use, naming the setting; empty when they do. */
    public static Optional<String> problem(JournalSettings settings) {
        if (Database.of(settings.url()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("pikko.journal.url: must be empty (embedded H2), a jdbc:h2: or a jdbc:postgresql: URL, got '"
                + settings.url() + "'");
    }

    /**
     * The Pekko settings that make the JDBC journal and snapshot store the persistence plugins,
     * connected to the given database. Two connections are plenty: the dashboard writes one
     * command's events at a time, and a node has few cores.
     *
     * @throws IllegalArgumentException when {@link #problem} names one
     */
    public static Config config(JournalSettings settings) {
        Database database = database(settings);
        String db = "pekko-persistence-jdbc.shared-databases." + SHARED_DB;
        return ConfigFactory.parseMap(Map.ofEntries(
                Map.entry("pekko.persistence.journal.plugin", "jdbc-journal"),
                Map.entry("pekko.persistence.snapshot-store.plugin", "jdbc-snapshot-store"),
                Map.entry("jdbc-journal.use-shared-db", SHARED_DB),
                Map.entry("jdbc-snapshot-store.use-shared-db", SHARED_DB),
                Map.entry("jdbc-read-journal.use-shared-db", SHARED_DB),
                Map.entry(db + ".profile", database.profile),
                Map.entry(db + ".db.url", settings.url()),
                Map.entry(db + ".db.user", settings.user()),
                Map.entry(db + ".db.password", settings.password()),
                Map.entry(db + ".db.driver", database.driver),
                Map.entry(db + ".db.numThreads", 2),
                Map.entry(db + ".db.maxConnections", 2),
                Map.entry(db + ".db.minConnections", 1),
                // An unreachable database fails the write in seconds, so the dashboard restarts and
                // retries instead of hanging for the pool's default three minutes.
                Map.entry(db + ".db.connectionTimeout", "5s")),
                "pikko.journal (DashboardJournal)");
    }

    /**
     * Creates the journal's tables when they are missing. Safe to run on every start, and from
     * several nodes at once.
     *
     * @throws SQLException when the database cannot be reached or refuses; the message says which
     * @throws IllegalArgumentException when {@link #problem} names one
     */
    public static void createSchema(JournalSettings settings) throws SQLException {
        List<String> statements = statements(database(settings).schema);
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static Database database(JournalSettings settings) {
        return Database.of(settings.url()).orElseThrow(() -> new IllegalArgumentException(problem(settings).orElseThrow()));
    }

    /** A schema script's statements: comment lines dropped, split at semicolons that end a line. */
    private static List<String> statements(String resource) {
        try (InputStream in = DashboardJournal.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String code = script.lines().filter(line -> !line.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n");
            return Arrays.stream(code.split(";\\s*\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
