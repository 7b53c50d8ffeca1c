package io.pikko.dashboard;

import io.pikko.protocol.CborSerializable;

/**
 * What a group's server held at the sentinel's last probes: {@code applied}, the sum of its
 * positions in the logs of the group's slots (what it serves, for the master; what it applied, for
 * a replica), and {@code lag}, how many of those records a replica lacked against its master's.
 */
public record ServerPosition(long applied, long lag) implements CborSerializable {}
