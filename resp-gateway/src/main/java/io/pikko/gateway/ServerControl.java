package io.pikko.gateway;

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

    /** Stops the node cleanly, as SHUTDOWN asks; returns at once. */
    void shutdown();
}
