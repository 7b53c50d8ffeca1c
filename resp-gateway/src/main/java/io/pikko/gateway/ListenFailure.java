package io.pikko.gateway;

/** A RESP listener could not bind its address: the port is taken, or the address is not this machine's. */
public final class ListenFailure extends Exception {
    private final boolean tls;
    private final String host;
    private final int port;

    ListenFailure(boolean tls, String host, int port, Throwable cause) {
        super((tls ? "TLS " : "") + "RESP listener on " + host + ":" + port + ": " + cause.getMessage(), cause);
        this.tls = tls;
        this.host = host;
        this.port = port;
    }

    /** The TLS listener failed, not the plain one. */
    public boolean tls() {
        return tls;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}
