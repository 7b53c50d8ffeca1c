package io.pikko.actors.replication;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.pikko.protocol.CborSerializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * Each node's answer to the dashboard's sentinel, which renews the node's write lease: a probe gets the node's name and, per slot, the
 * newest binlog position it holds, as the master of the slot or as its replica, so the sentinel
 * knows who is alive and which replica has the most data.
 */
public final class ReplicationAgent {
    private ReplicationAgent() {}

    /** Every node's agent registers under this one key; a probe's answer says whose it is. */
    public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "pikko-replication-agent");

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    @JsonSubTypes({@JsonSubTypes.Type(value = Probe.class, name = "probe")})
    public sealed interface Command extends CborSerializable {}

    /**
     * The sentinel's probe, sent at {@code sentAtMillis} (the dashboard's wall clock), which lends
     * this node's masters the right to take writes until {@code leaseMillis} after it was sent.
     */
    public record Probe(long sentAtMillis, long leaseMillis, ActorRef<Probed> replyTo) implements Command {}

    /**
     * {@code node}'s RESP address; {@code served}: per slot it serves, the newest sequence of the
     * slot's log (as of its replicas' last reads); {@code followed}: per slot it follows, the
     * sequence it has applied.
     */
    public record Probed(String node, Map<Integer, Long> served, Map<Integer, Long> followed) implements CborSerializable {}

    public static Behavior<Command> create(String node, ReplicationBoard board) {
        return Behaviors.setup(context -> {
            context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
            return Behaviors.receive(Command.class)
                    .onMessage(Probe.class, probe -> {
                        board.leased(probe.sentAtMillis(), probe.leaseMillis());
                        Map<Integer, Long> served = new HashMap<>();
                        board.feeding().forEach(f -> served.put(f.slot(), f.lastSeq()));
                        Map<Integer, Long> followed = new HashMap<>();
                        board.following().forEach(s -> followed.put(s.slot(), s.appliedSeq()));
                        probe.replyTo().tell(new Probed(node, served, followed));
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
