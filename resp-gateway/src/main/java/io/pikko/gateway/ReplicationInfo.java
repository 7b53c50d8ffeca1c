package io.pikko.gateway;

import io.pikko.actors.replication.FollowerStatus;
import io.pikko.actors.replication.ReplicationBoard;
import io.pikko.protocol.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * INFO's replication section from this node's {@link ReplicationBoard}, in Redis's fields. A node
 * that follows slots is a replica ("slave") of its group's master; otherwise it is a master, with
 * a line per replica reading its slots. Offsets count binlog records since this node started,
 * not bytes; each replica line adds its lag in records and the slots it reads.
 */
final class ReplicationInfo {
    /** A replica that has not read for longer than this is not "online". */
    private static final long LINK_DOWN_MILLIS = 5_000;

    private ReplicationInfo() {}

    static List<String> lines(ReplicationBoard board, String replicationId, String backlogSize) {
        long now = System.currentTimeMillis();
        List<FollowerStatus> following = board.following();
        List<String> lines = new ArrayList<>();
        if (following.isEmpty() && board.upstream().isEmpty()) {
            lines.add("role:master");
            List<ReplicationBoard.ReplicaSummary> replicas = board.replicas();
            lines.add("connected_slaves:" + replicas.size());
            for (int i = 0; i < replicas.size(); i++) {
                ReplicationBoard.ReplicaSummary replica = replicas.get(i);
                boolean online = now - replica.lastReadMillis() < LINK_DOWN_MILLIS;
                lines.add("slave" + i + ":ip=" + host(replica.replica()) + ",port=" + port(replica.replica())
                        + ",state=" + (online ? "online" : "wait_bgsave")
                        + ",offset=" + Math.max(0, board.offset() - replica.lagRecords())
                        + ",lag=" + Math.max(0, (now - replica.lastReadMillis()) / 1000)
                        + ",lag_records=" + replica.lagRecords() + ",slots=" + replica.slots());
            }
        } else {
            String master = master(board, following);
            long lastContact = following.stream().mapToLong(FollowerStatus::lastContactMillis).min().orElse(0);
            boolean syncing = following.isEmpty() || following.stream().anyMatch(s -> !s.state().equals("streaming"));
            boolean up = !syncing && lastContact > 0 && now - lastContact < LINK_DOWN_MILLIS;
            lines.add("role:slave");
            lines.add("master_host:" + host(master));
            lines.add("master_port:" + port(master));
            lines.add("master_link_status:" + (up ? "up" : "down"));
            lines.add("master_last_io_seconds_ago:" + (lastContact == 0 ? -1 : (now - lastContact) / 1000));
            lines.add("master_sync_in_progress:" + (following.stream().anyMatch(s -> s.state().equals("full-sync")) ? 1 : 0));
            lines.add("slave_read_repl_offset:" + board.offset());
            lines.add("slave_repl_offset:" + board.offset());
            lines.add("slave_priority:100");
            lines.add("slave_read_only:1");
            lines.add("replica_announced:1");
            lines.add("connected_slaves:0");
            lines.add("replicated_slots:" + following.size());
            lines.add("repl_lag_records:" + following.stream().mapToLong(s -> Math.max(0, s.lagRecords())).sum());
            lines.add("repl_lag_ms:" + following.stream().mapToLong(FollowerStatus::lagMillis).max().orElse(0));
        }
        lines.add("master_failover_state:no-failover");
        lines.add("master_replid:" + replicationId);
        lines.add("master_replid2:0000000000000000000000000000000000000000");
        lines.add("master_repl_offset:" + board.offset());
        lines.add("second_repl_offset:-1");
        lines.add("repl_backlog_active:" + (board.replicas().isEmpty() ? 0 : 1));
        lines.add("repl_backlog_size:" + backlogSize);
        lines.add("repl_backlog_first_byte_offset:0");
        lines.add("repl_backlog_histlen:0");
        return lines;
    }

    /**
     * ROLE as Redis answers it: a master with its offset and, per replica, its address and
     * offset; a replica (of the master of the slots it follows) with its link state and offset.
     */
    static Reply role(ReplicationBoard board) {
        List<FollowerStatus> following = board.following();
        if (following.isEmpty() && board.upstream().isEmpty()) {
            List<Reply> replicas = new ArrayList<>();
            for (ReplicationBoard.ReplicaSummary replica : board.replicas()) {
                replicas.add(Reply.array(List.of(Reply.bulk(host(replica.replica())), Reply.bulk(port(replica.replica())),
                        Reply.bulk(Long.toString(Math.max(0, board.offset() - replica.lagRecords()))))));
            }
            return Reply.array(List.of(Reply.bulk("master"), new Reply.Int(board.offset()), Reply.array(replicas)));
        }
        String master = master(board, following);
        String state = following.isEmpty() ? "connect"
                : following.stream().anyMatch(s -> !s.state().equals("streaming")) ? "sync" : "connected";
        return Reply.array(List.of(Reply.bulk("slave"), Reply.bulk(host(master)), new Reply.Int(Long.parseLong(port(master))),
                Reply.bulk(state), new Reply.Int(board.offset())));
    }

    /** The node this one replicates: the standalone master of SLAVEOF, else the master of the slots it follows. */
    private static String master(ReplicationBoard board, List<FollowerStatus> following) {
        return board.upstream().orElseGet(() -> following.get(0).master());
    }

    private static String host(String node) {
        int colon = node.lastIndexOf(':');
        return colon < 0 ? node : node.substring(0, colon);
    }

    private static String port(String node) {
        int colon = node.lastIndexOf(':');
        return colon < 0 ? "0" : node.substring(colon + 1);
    }
}
