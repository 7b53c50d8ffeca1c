package io.pikko.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded journal's H2 file, used by real processes: one killed with SIGKILL loses no
 * committed row, and a second process is refused while the first has the file open.
 */
class H2JournalFileTest {
    /** H2's "Database may be already in use". */
    private static final int DATABASE_ALREADY_OPEN = 90020;

    @TempDir
    Path dataDir;

    @Test
    void aKilledProcessLosesNoCommittedRow() throws Exception {
        JournalSettings journal = JournalSettings.embedded(dataDir);
        Process writer = probe("write", journal);
        long lastCommitted = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (lastCommitted < 500 && (line = out.readLine()) != null) {
                lastCommitted = Long.parseLong(line.strip());
            }
            writer.destroyForcibly();
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(500, lastCommitted, "the writer got going");
        try (Connection c = DriverManager.getConnection(journal.url(), journal.user(), journal.password());
             ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*), MAX(id) FROM probe")) {
            r.next();
            assertTrue(r.getLong(2) >= lastCommitted, "committed up to " + lastCommitted + ", found up to " + r.getLong(2));
            assertEquals(r.getLong(2), r.getLong(1), "no gap");
        }
    }

    @Test
    void aSecondProcessCannotOpenTheFileTheFirstHasOpen() throws Exception {
        JournalSettings journal = JournalSettings.embedded(dataDir);
        try (Connection first = DriverManager.getConnection(journal.url(), journal.user(), journal.password())) {
            assertTrue(first.isValid(5));
            String answer = answer(probe("open", journal));
            assertTrue(answer.startsWith("REFUSED " + DATABASE_ALREADY_OPEN + " "), answer);
        }
        assertEquals("OPENED", answer(probe("open", journal)), "once the first closed it");
    }

    private static Process probe(String mode, JournalSettings journal) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), H2Probe.class.getName(), mode, journal.url())
                .redirectErrorStream(true)
                .start();
    }

    private static String answer(Process probe) throws Exception {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(probe.waitFor(30, TimeUnit.SECONDS));
            return line;
        }
    }
}
