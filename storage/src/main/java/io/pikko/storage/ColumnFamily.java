package io.pikko.storage;

/** The column families of a node's RocksDB, as named on disk. */
public enum ColumnFamily {
    /** One record per key: type, version, expiry, size; strings inline. */
    META("meta"),
    /** Members of collections: field values, list elements, set members. */
    DATA("data"),
    /** Sorted-set members ordered by score. */
    ZSCORE("zscore"),
    /** Replayable write records per slot, for replication and migration catch-up. */
    BINLOG("binlog"),
    /** Index of keys with a TTL, ordered by expiry time, for the active expiry sweeper. */
    EXPIRE("expire");

    private final String diskName;

    ColumnFamily(String diskName) {
        this.diskName = diskName;
    }

    public String diskName() {
        return diskName;
    }
}
