package io.pikko.gateway;

/** A Codis migration step failed; {@code getMessage()} is the error the client is answered. */
final class CodisMigrationFailure extends Exception {
    CodisMigrationFailure(String reply) {
        super(reply);
    }
}
