package io.pikko.admin;

import io.pikko.actors.replication.FollowerStatus;
import io.pikko.actors.replication.ReplicationBoard;
import java.util.List;

/**
 * {@code GET /api/node/replication}: this node's side of replication. {@code following}: the
 * slots it holds as a replica, each with its master, state, position and lag; {@code replicas}:
 * the replicas reading the slots it serves, with their lag in records summed over those slots.
 * {@code offset} counts the binlog records this node wrote since it started.
 */
record NodeReplication(String node, String role, long offset, long lagRecords, long lagMillis,
                       List<FollowerStatus> following, List<ReplicationBoard.ReplicaSummary> replicas) {
    static NodeReplication of(String node, ReplicationBoard board) {
        List<FollowerStatus> following = board.following();
        return new NodeReplication(node, following.isEmpty() ? "master" : "replica", board.offset(),
                following.stream().mapToLong(s -> Math.max(0, s.lagRecords())).sum(),
                following.stream().mapToLong(FollowerStatus::lagMillis).max().orElse(0),
                following, board.replicas());
    }
}
