package io.pikko.node;

/**
 * The node cannot start, for a reason an operator can act on: one line that names the cause and
 * the setting behind it (port 9221 (pikko.port) is in use). Whatever the node had opened is closed
 * by the time this is thrown.
 */
public final class CannotStart extends RuntimeException {
    public CannotStart(String reason) {
        super(reason);
    }

    public CannotStart(String reason, Throwable cause) {
        super(reason, cause);
    }
}
