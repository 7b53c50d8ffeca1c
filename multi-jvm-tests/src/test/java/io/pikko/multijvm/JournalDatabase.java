package io.pikko.multijvm;

import java.nio.file.Path;

/** The database server the cluster's nodes share for the dashboard's journal, as node settings. */
interface JournalDatabase extends AutoCloseable {
    String url();

    String user();

    String password();

    /** Stops the server or drops what the cluster stored, so the next cluster starts from nothing. */
    @Override
    void close();

    /** Makes a fresh journal database for one cluster; {@code workDir} is the cluster's temp directory. */
    @FunctionalInterface
    interface Source {
        JournalDatabase open(Path workDir, NodeDistribution distribution) throws Exception;
    }
}
