package io.pikko.gateway;

import io.pikko.protocol.Reply;
import io.pikko.actors.SlotEntity;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotReply;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;

/** Sends work to a slot's entity through the shard region, wherever in the cluster it lives. */
public final class SlotRouter {
    private final ActorRef<ShardingEnvelope<SlotEntity.Command>> region;
    private final SlotAvailability availability;

    public SlotRouter(ActorRef<ShardingEnvelope<SlotEntity.Command>> region, SlotAvailability availability) {
        this.region = region;
        this.availability = availability;
    }

    /** Sends a request; one for a slot nobody serves now is answered at once with CLUSTERDOWN. */
    public void send(int slot, SlotOp op, long requestId, ActorRef<SlotReply> replyTo) {
        if (!availability.isServed(slot)) {
            replyTo.tell(new SlotReply(requestId, Reply.error("CLUSTERDOWN slot " + slot + " is not served")));
            return;
        }
        tell(slot, new SlotEntity.Request(op, requestId, replyTo));
    }

    public boolean movedRecently(int slot) {
        return availability.movedRecently(slot);
    }

    /** Any message of the entity's protocol, such as cancelling a blocked request. */
    public void tell(int slot, SlotEntity.Command command) {
        region.tell(SlotEntity.envelope(slot, command));
    }
}
