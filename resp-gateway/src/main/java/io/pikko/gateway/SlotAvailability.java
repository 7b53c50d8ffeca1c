package io.pikko.gateway;

/** What the gateway knows of where slots are, from this node's view of the slot map. */
public interface SlotAvailability {
    /**
     * The slot's group master is an up, reachable cluster member. A request for a slot without one
     * fails at once instead of waiting out its timeout.
     */
    boolean isServed(int slot);

    /** The slot changed owner a moment ago, so its hand-off may have dropped a request. */
    boolean movedRecently(int slot);

    /**
     * This standalone node replicates another ({@code SLAVEOF}): its slots' replicas answer the
     * requests, not entities, which do not run.
     */
    default boolean isReplica() {
        return false;
    }
}
