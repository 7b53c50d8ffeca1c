package io.pikko.protocol;

/**
 * Where a slot reports what its writes did to keys, as Redis's notifyKeyspaceEvent: the node wires
 * it to pub/sub, which publishes those events {@code notify-keyspace-events} enables. A seam like
 * {@link NodeClock}, so the slot knows nothing of pub/sub.
 */
public interface KeyspaceEvents {
    /** Reports nothing. */
    KeyspaceEvents NONE = (type, event, db, key) -> {};

    /** {@code event} (Redis's name: "set", "del", "expired", ...) happened to {@code key} in database {@code db}. */
    void notify(KeyspaceEventType type, String event, int db, byte[] key);
}
