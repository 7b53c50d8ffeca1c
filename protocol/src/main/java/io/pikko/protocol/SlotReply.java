package io.pikko.protocol;

/** The answer of a slot entity to request {@code requestId} of the connection that asked. */
public record SlotReply(long requestId, Reply reply) implements CborSerializable {}
