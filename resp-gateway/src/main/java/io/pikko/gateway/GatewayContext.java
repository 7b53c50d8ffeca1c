package io.pikko.gateway;

import org.apache.pekko.actor.typed.ActorSystem;

/** What every connection of a node shares. */
record GatewayContext(
        GatewaySettings settings, RuntimeConfig config, ClientRegistry clients, ServerStats stats,
        SlotRouter router, ActorSystem<?> system, ServerControl control) {}
