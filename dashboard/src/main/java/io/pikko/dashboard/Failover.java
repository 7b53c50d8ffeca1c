package io.pikko.dashboard;

import io.pikko.protocol.CborSerializable;

/**
 * A group's master was replaced: {@code from} by {@code to}, at {@code atMillis}, by the sentinel
 * or by an operator ({@code manual}). {@code lostRecordsAtLeast}: binlog records the old master
 * had (as of its last probe) that the promoted replica lacked; in async mode those writes are
 * gone, and writes made after that probe may be too.
 */
public record Failover(String from, String to, long atMillis, long lostRecordsAtLeast, boolean manual)
        implements CborSerializable {}
