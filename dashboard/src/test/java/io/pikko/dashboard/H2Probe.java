package io.pikko.dashboard;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Runs in a JVM of its own for {@link H2JournalFileTest}: {@code write URL} commits rows 1, 2, 3...
 * one transaction each, printing each number once it is committed, until killed; {@code open URL}
 * prints {@code OPENED}, or {@code REFUSED <error code> <message>} when H2 will not open the file.
 */
public final class H2Probe {
    private H2Probe() {}

    public static void main(String[] args) throws Exception {
        String url = args[1];
        JournalSettings embedded = new JournalSettings(url, "pikko", "");
        if (args[0].equals("write")) {
            write(embedded);
        } else {
            try (Connection opened = DriverManager.getConnection(embedded.url(), embedded.user(), embedded.password())) {
                System.out.println(opened.isValid(5) ? "OPENED" : "INVALID");
            } catch (SQLException e) {
                System.out.println("REFUSED " + e.getErrorCode() + " " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    private static void write(JournalSettings journal) throws SQLException {
        try (Connection c = DriverManager.getConnection(journal.url(), journal.user(), journal.password())) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS probe (id BIGINT PRIMARY KEY)");
            PreparedStatement insert = c.prepareStatement("INSERT INTO probe VALUES (?)");
            for (long id = 1; ; id++) {
                insert.setLong(1, id);
                insert.executeUpdate();
                System.out.println(id);
                System.out.flush();
            }
        }
    }
}
