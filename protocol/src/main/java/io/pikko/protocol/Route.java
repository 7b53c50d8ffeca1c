package io.pikko.protocol;

/** Where a command runs. The gateway routes by this; COMMAND reports it through key positions. */
public enum Route {
    /** On the client's connection in the gateway; touches no key. */
    CONNECTION,
    /** On the entity of the one slot all its keys hash to; keys in different slots get CROSSSLOT. */
    SLOT,
    /** Split by slot, each part on its slot's entity, replies merged (MGET, MSET, DEL, ...). */
    SPLIT,
    /** Sent to every slot's entity and the replies merged (DBSIZE, KEYS, FLUSHDB, ...). */
    ALL_SLOTS
}
