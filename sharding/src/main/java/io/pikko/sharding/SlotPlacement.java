package io.pikko.sharding;

import java.util.concurrent.CompletionStage;

/**
 * Where slots must live, as the dashboard records it. Asked afresh each time the shard coordinator
 * places or rebalances slots: a slot placed from a stale map would take writes on a node that does
 * not keep its data.
 */
@FunctionalInterface
public interface SlotPlacement {
    CompletionStage<SlotMasters> masters();
}
