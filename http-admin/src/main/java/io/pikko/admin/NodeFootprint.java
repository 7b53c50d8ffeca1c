package io.pikko.admin;

/**
 * A node's memory and disk as the dashboard's overview shows them: the JVM heap, RocksDB's memory
 * outside it (memtables and the block cache), its SST files, and everything in the data directory
 * (SST files, WAL, journal, logs).
 */
public record NodeFootprint(long heapUsedBytes, long heapMaxBytes, long memtableBytes, long blockCacheBytes,
                            long sstBytes, long dataDirBytes) {}
