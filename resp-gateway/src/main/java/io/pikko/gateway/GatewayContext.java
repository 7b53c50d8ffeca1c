package io.pikko.gateway;

import io.pikko.actors.pubsub.PubSubHub;
import io.pikko.actors.replication.ReplicationBoard;
import java.util.function.IntSupplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What every connection of a node shares. {@code boundPort} is the port actually listened on,
 * which differs from the configured one when that is 0. {@code scripts} are the scripts EVAL and
 * SCRIPT LOAD gave this node, for EVALSHA; {@code functions} the cluster's function libraries,
 * for FUNCTION and FCALL; {@code codis} the Codis migrations it runs; {@code replication} where
 * its slots' replicas and its own followers stand.
 */
record GatewayContext(
        GatewaySettings settings, RuntimeConfig config, ClientRegistry clients, ServerStats stats,
        SlotRouter router, ActorSystem<?> system, ActorRef<PubSubHub.Command> pubsub, ServerControl control,
        IntSupplier boundPort, ScriptCache scripts, Functions functions, CodisMigrations codis,
        ReplicationBoard replication) {}
