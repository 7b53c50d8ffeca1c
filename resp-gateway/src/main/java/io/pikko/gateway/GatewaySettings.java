package io.pikko.gateway;

import java.time.Duration;

/** The gateway's fixed settings, read at start. Settings CONFIG SET may change live in {@link RuntimeConfig}. */
public record GatewaySettings(
        String host, int port, int databases, Duration requestTimeout, int ioThreads, String configFile) {}
