package io.pikko.gateway;

/**
 * Whether a slot has a live owner now: its group's master is an up, reachable cluster member. A
 * request for a slot without one fails at once instead of waiting out its timeout.
 */
@FunctionalInterface
public interface SlotAvailability {
    SlotAvailability ALWAYS = slot -> true;

    boolean isServed(int slot);
}
