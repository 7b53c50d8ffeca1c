package io.pikko.sharding;

import io.pikko.actors.SlotEntity;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;

/** One shard per slot: the shard id is the entity id is the slot number. */
final class SlotShardExtractor extends ShardingMessageExtractor<ShardingEnvelope<SlotEntity.Command>, SlotEntity.Command> {
    @Override
    public String entityId(ShardingEnvelope<SlotEntity.Command> envelope) {
        return envelope.entityId();
    }

    @Override
    public String shardId(String entityId) {
        return entityId;
    }

    @Override
    public SlotEntity.Command unwrapMessage(ShardingEnvelope<SlotEntity.Command> envelope) {
        return envelope.message();
    }
}
