package io.pikko.dashboard;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the dashboard journals its events and snapshots ({@code pikko.journal.*}): a JDBC URL, H2
 * or PostgreSQL, and its credentials.
 */
public record JournalSettings(String url, String user, String password) {

    public JournalSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /**
     * A node on its own: an H2 file in its data directory. {@code WRITE_DELAY=0} writes each
     * commit to the file before the commit returns (H2 otherwise keeps commits in memory for up
     * to half a second, which a {@code kill -9} would lose). H2 locks the open file, so a second
     * process on the same data directory is refused instead of sharing it. The file stays open
     * until the journal closes its connections, not until the JVM's shutdown hooks run, so that
     * events persisted during a graceful shutdown still land.
     */
    public static JournalSettings embedded(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("dashboard").resolve("journal");
        return new JournalSettings("jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "pikko", "");
    }

    /** The settings as configured: an empty {@code url} means the embedded file in {@code dataDir}. */
    public static JournalSettings of(String url, String user, String password, Path dataDir) {
        return url.isEmpty() ? embedded(dataDir) : new JournalSettings(url, user, password);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "JournalSettings[url=" + url + ", user=" + user + "]";
    }
}
