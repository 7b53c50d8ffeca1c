package io.pikko.actors.replication;

import io.pikko.protocol.CborSerializable;

/**
 * Where one slot's replica on this node stands, following {@code master}: {@code state} is "full-sync" while it copies a
 * snapshot, "streaming" once it reads the log, "connecting" until its master first answers;
 * {@code appliedSeq} its position, {@code masterSeq} the master's newest record when it last
 * heard, the lag in records between them and in milliseconds (how old the oldest record it lacks
 * was when last seen; 0 when caught up).
 */
public record FollowerStatus(int slot, String master, String state, long appliedSeq, long masterSeq, long lagRecords, long lagMillis,
                             long fullSyncs, long recordsApplied, long lastContactMillis) implements CborSerializable {}
