package io.pikko.gateway;

import io.pikko.actors.LocalSlots;
import io.pikko.actors.ReplySink;
import io.pikko.actors.SlotEntity;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotOp;
import io.pikko.protocol.SlotReply;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;

/**
 * Sends work to a slot's entity: straight to it when it runs on this node, else through the shard
 * region, wherever in the cluster it lives. Requests that reached a local entity after it stopped
 * come back here as dead letters ({@link LostRequests}) and go again through the region, which
 * holds them while the slot changes hands. On a node that replicates a standalone master, the
 * slots' local replicas take everything instead (see {@link SlotAvailability#isReplica()}).
 */
public final class SlotRouter {
    private static final Reply NOT_FOLLOWING = Reply.error("LOADING this replica is not following its master yet");

    private final ActorRef<ShardingEnvelope<SlotEntity.Command>> region;
    private final SlotAvailability availability;
    private final LocalSlots local;
    private final SlotLoad load;

    /** @param load counts the client work sent to each slot */
    public SlotRouter(ActorRef<ShardingEnvelope<SlotEntity.Command>> region, SlotAvailability availability,
                      LocalSlots local, SlotLoad load) {
        this.region = region;
        this.availability = availability;
        this.local = local;
        this.load = load;
    }

    /** A router that always takes the region's way. */
    public SlotRouter(ActorRef<ShardingEnvelope<SlotEntity.Command>> region, SlotAvailability availability) {
        this(region, availability, new LocalSlots(), new SlotLoad());
    }

    /** Sends a request; one for a slot nobody serves now is answered at once with CLUSTERDOWN. */
    public void send(int slot, SlotOp op, long requestId, ActorRef<SlotReply> replyTo) {
        if (!availability.isServed(slot)) {
            replyTo.tell(new SlotReply(requestId, clusterDown(slot)));
            return;
        }
        tell(slot, new SlotEntity.Request(op, requestId, replyTo));
    }

    /**
     * Sends one connection's requests for {@code slot}, in order, as one message. A local entity
     * answers them all at once to {@code sink}; a remote one answers each to its {@code replyTo}.
     */
    public void send(int slot, List<SlotEntity.Request> requests, ReplySink sink) {
        if (!availability.isServed(slot)) {
            for (SlotEntity.Request request : requests) {
                request.replyTo().tell(new SlotReply(request.requestId(), clusterDown(slot)));
            }
            return;
        }
        load.sent(slot, requests);
        if (availability.isReplica()) {
            ActorRef<SlotEntity.Command> replica = local.replica(slot);
            if (replica != null) {
                replica.tell(new SlotEntity.LocalRequests(slot, requests, sink));
            } else {
                requests.forEach(request -> request.replyTo().tell(new SlotReply(request.requestId(), NOT_FOLLOWING)));
            }
            return;
        }
        ActorRef<SlotEntity.Command> entity = local.entity(slot);
        if (entity != null) {
            entity.tell(new SlotEntity.LocalRequests(slot, requests, sink));
        } else if (requests.size() == 1) {
            tell(slot, requests.get(0));
        } else {
            tell(slot, new SlotEntity.Requests(requests));
        }
    }

    /** Requests that found their local entity stopped: through the region, answered each to its replyTo. */
    void resend(SlotEntity.LocalRequests lost) {
        tell(lost.slot(), new SlotEntity.Requests(lost.requests()));
    }

    public boolean movedRecently(int slot) {
        return availability.movedRecently(slot);
    }

    /** Any message of the entity's protocol, such as cancelling a blocked request. */
    public void tell(int slot, SlotEntity.Command command) {
        if (!availability.isReplica()) {
            region.tell(SlotEntity.envelope(slot, command));
        } else if (local.replica(slot) != null) {
            local.replica(slot).tell(command);
        } else if (command instanceof SlotEntity.Request request) {
            request.replyTo().tell(new SlotReply(request.requestId(), NOT_FOLLOWING));
        } else if (command instanceof SlotEntity.Requests lost) {
            lost.requests().forEach(request -> request.replyTo().tell(new SlotReply(request.requestId(), NOT_FOLLOWING)));
        }
    }

    private static Reply clusterDown(int slot) {
        return Reply.error("CLUSTERDOWN slot " + slot + " is not served");
    }
}
