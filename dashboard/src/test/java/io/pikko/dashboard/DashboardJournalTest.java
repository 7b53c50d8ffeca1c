package io.pikko.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's settings: which database, which plugin settings, and its tables. */
class DashboardJournalTest {
    @TempDir
    Path dataDir;

    @Test
    void theEmbeddedJournalIsAnH2FileInTheDataDirectory() {
        JournalSettings embedded = JournalSettings.of("", "ignored", "ignored", Path.of("data"));
        assertEquals("jdbc:h2:file:" + Path.of("data").toAbsolutePath().resolve("dashboard/journal")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", embedded.url());
        assertEquals(Optional.empty(), DashboardJournal.problem(embedded));
    }

    @Test
    void theProfileFollowsTheUrl() {
        assertEquals("slick.jdbc.H2Profile$", profile("jdbc:h2:tcp://127.0.0.1:9092/pikko-dashboard"));
        assertEquals("slick.jdbc.PostgresProfile$", profile("jdbc:postgresql://db:5432/pikko"));
    }

    @Test
    void anUnsupportedUrlIsAProblemNamingTheSetting() {
        JournalSettings mysql = new JournalSettings("jdbc:mysql://db/pikko", "u", "p");
        String problem = DashboardJournal.problem(mysql).orElseThrow();
        assertTrue(problem.startsWith("pikko.journal.url: "), problem);
        assertTrue(problem.contains("jdbc:mysql://db/pikko"), problem);
        assertEquals(problem, assertThrows(IllegalArgumentException.class, () -> DashboardJournal.config(mysql)).getMessage());
    }

    @Test
    void theJournalAndSnapshotStoreShareOneSmallPool() {
        Config config = DashboardJournal.config(new JournalSettings("jdbc:postgresql://db:5432/pikko", "pikko", "s3cr;et\"x"));
        assertEquals("jdbc-journal", config.getString("pekko.persistence.journal.plugin"));
        assertEquals("jdbc-snapshot-store", config.getString("pekko.persistence.snapshot-store.plugin"));
        String shared = config.getString("jdbc-journal.use-shared-db");
        assertEquals(shared, config.getString("jdbc-snapshot-store.use-shared-db"));
        Config db = config.getConfig("pekko-persistence-jdbc.shared-databases." + shared + ".db");
        assertEquals("jdbc:postgresql://db:5432/pikko", db.getString("url"));
        assertEquals("s3cr;et\"x", db.getString("password"));
        assertEquals(2, db.getInt("numThreads"));
        assertEquals(2, db.getInt("maxConnections"));
    }

    @Test
    void settingsNeverShowThePassword() {
        assertFalse(new JournalSettings("jdbc:h2:mem:x", "pikko", "hunter2").toString().contains("hunter2"));
    }

    @Test
    void theTablesAreCreatedOnceAndCreatingThemAgainChangesNothing() throws Exception {
        JournalSettings journal = JournalSettings.embedded(dataDir);
        DashboardJournal.createSchema(journal);
        try (Connection c = DriverManager.getConnection(journal.url(), journal.user(), journal.password())) {
            c.createStatement().execute("INSERT INTO \"snapshot\" VALUES ('p', 1, 0, 33, 'm', X'00FF', NULL, NULL, NULL)");
        }
        DashboardJournal.createSchema(journal);
        try (Connection c = DriverManager.getConnection(journal.url(), journal.user(), journal.password())) {
            assertEquals(Set.of("event_journal", "event_tag", "snapshot"), tables(c));
            ResultSet rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM \"snapshot\"");
            rows.next();
            assertEquals(1, rows.getInt(1));
        }
        assertTrue(Files.isRegularFile(dataDir.resolve("dashboard/journal.mv.db")));
    }

    @Test
    void anUnreachableDatabaseIsAnError() {
        JournalSettings nowhere = new JournalSettings("jdbc:postgresql://127.0.0.1:1/pikko?connectTimeout=2", "pikko", "pikko");
        assertThrows(SQLException.class, () -> DashboardJournal.createSchema(nowhere));
    }

    private static String profile(String url) {
        Config config = DashboardJournal.config(new JournalSettings(url, "u", "p"));
        return config.getString("pekko-persistence-jdbc.shared-databases." + config.getString("jdbc-journal.use-shared-db") + ".profile");
    }

    private static Set<String> tables(Connection c) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (ResultSet r = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
            while (r.next()) {
                names.add(r.getString("TABLE_NAME"));
            }
        }
        return names;
    }
}
