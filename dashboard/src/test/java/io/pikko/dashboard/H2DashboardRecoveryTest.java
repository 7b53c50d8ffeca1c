package io.pikko.dashboard;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard on the embedded H2 file a node on its own uses. */
class H2DashboardRecoveryTest extends DashboardRecoveryContract {
    @TempDir
    Path dataDirs;
    private final AtomicInteger nodes = new AtomicInteger();

    @Override
    JournalSettings freshJournal() {
        return JournalSettings.embedded(dataDirs.resolve("node-" + nodes.incrementAndGet()));
    }

    @Override
    String table(String name) {
        return '"' + name + '"';
    }
}
