package io.pikko.gateway;

import io.netty.handler.ssl.SslContext;

/** A second RESP listener whose connections speak TLS (Redis's tls-port), with the server's certificate and key. */
public record TlsListener(int port, SslContext context) {}
