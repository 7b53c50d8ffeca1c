package io.pikko.gateway;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** What the gateway may ask of the node it runs in, without knowing how the node is built. */
public interface ServerControl {
    /** The WAL fsync policy name: no, everysec or always. */
    String fsyncPolicy();

    /** Sets the fsync policy; false when the name is not one of the three. */
    boolean setFsyncPolicy(String name);

    /** Bytes the store takes on disk and in memtables. */
    long storeSizeBytes();

    /** Turns the node's active expiry off or on (DEBUG SET-ACTIVE-EXPIRE); reads still expire keys. */
    void setActiveExpire(boolean active);

    /**
     * Makes this node a replica of the standalone node {@code master} (a RESP address), or a
     * master again when empty; completes once in effect, with why not when it cannot be.
     */
    CompletionStage<Optional<String>> replicaOf(Optional<String> master);

    /** Stops the node cleanly, as SHUTDOWN asks; returns at once. */
    void shutdown();
}
