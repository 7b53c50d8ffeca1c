package io.pikko.gateway;

import io.pikko.protocol.Args;
import io.pikko.protocol.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * REPLICAOF / SLAVEOF host port: this standalone node becomes a replica of the Pikko node whose
 * RESP address that is (a full sync of every slot, then its binlog as it grows), refuses writes
 * and answers reads from its copy; {@code NO ONE} makes it a master again, keeping its data. The
 * choice survives a restart, as Redis's does after CONFIG REWRITE. A node of a Pikko cluster is
 * refused: its groups say who replicates whom.
 */
final class ReplicaOfCommand {
    private ReplicaOfCommand() {}

    static void run(Call call) {
        String host = new String(call.arg(1), StandardCharsets.UTF_8);
        String port = new String(call.arg(2), StandardCharsets.UTF_8);
        Optional<String> master;
        if (host.toLowerCase(Locale.ROOT).equals("no") && port.toLowerCase(Locale.ROOT).equals("one")) {
            master = Optional.empty();
        } else {
            OptionalLong number = Args.parseLong(call.arg(2));
            if (number.isEmpty() || number.getAsLong() < 0 || number.getAsLong() > 65535) {
                call.reply(Reply.error("ERR Invalid master port"));
                return;
            }
            master = Optional.of(host + ":" + number.getAsLong());
            if (call.gateway().replication().upstream().equals(master)) {
                call.reply(new Reply.Simple("OK Already connected to specified master"));
                return;
            }
        }
        call.gateway().control().replicaOf(master).whenComplete((problem, failure) -> call.connection().onEventLoop(() ->
                call.reply(failure != null ? Reply.error("ERR " + failure.getMessage())
                        : problem.map(Reply::error).orElse(Reply.OK))));
    }
}
