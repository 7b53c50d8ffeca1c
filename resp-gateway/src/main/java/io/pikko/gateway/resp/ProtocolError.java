package io.pikko.gateway.resp;

/**
 * The client sent a frame Redis would refuse. The connection handler replies {@code -<message>} and
 * closes the connection, as Redis does; the decoder ignores everything the client sends afterwards.
 *
 * @param message the Redis 7.0 error text, such as "ERR Protocol error: invalid multibulk length".
 *                Like Redis it may quote one byte of the client's input, carried as the char of the
 *                same value (ISO-8859-1).
 */
public record ProtocolError(String message) {}
