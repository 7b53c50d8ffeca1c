package io.pikko.protocol;

/** Marks messages that may cross nodes; bound to Jackson CBOR in the serialization config. */
public interface CborSerializable {}
