package io.pikko.storage;

/** An entry of the expire index whose time has come: the key may be due for deletion. */
public record DueExpiration(long expireAt, int db, int slot, byte[] key) {}
