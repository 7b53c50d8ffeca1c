package io.pikko.actors.replication;

/**
 * A replica's copy of a slot, summed up: its state and position, and the keys and digest of its
 * data as SLOTSDIGEST computes them on the master, so the two can be compared.
 */
public record ReplicaDigest(int slot, String state, long appliedSeq, long keys, String digest) {}
