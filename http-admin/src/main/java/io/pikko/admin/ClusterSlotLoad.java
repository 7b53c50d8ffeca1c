package io.pikko.admin;

import io.pikko.admin.ApiViews.MemberView;
import io.pikko.admin.ApiViews.NodeSlotOps;
import io.pikko.admin.ApiViews.SlotLoadView;
import io.pikko.protocol.SlotHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Which slots carry the load: every slot's keys, and the commands per second sent to it, summed
 * over the nodes (each counts what its own clients send, so the sum is the cluster's).
 */
final class ClusterSlotLoad {
    private final ClusterNodes nodes;
    private final PeerFigures peers;
    private final SlotKeyCounts slotKeys;
    private final Supplier<NodeSlotOps> self;

    ClusterSlotLoad(ClusterNodes nodes, PeerFigures peers, SlotKeyCounts slotKeys, Supplier<NodeSlotOps> self) {
        this.nodes = nodes;
        this.peers = peers;
        this.slotKeys = slotKeys;
        this.self = self;
    }

    CompletableFuture<SlotLoadView> now() {
        List<MemberView> members = nodes.members();
        List<CompletableFuture<Optional<NodeSlotOps>>> perNode = members.stream()
                .map(member -> peers.of(member, "/api/node/slots", NodeSlotOps.class, self)).toList();
        CompletableFuture<Map<Integer, Long>> keys = slotKeys.perSlot();
        return CompletableFuture.allOf(perNode.toArray(new CompletableFuture<?>[0])).thenCombine(keys, (done, perSlot) -> {
            double[] opsPerSec = new double[SlotHash.SLOTS];
            int counted = 0;
            for (CompletableFuture<Optional<NodeSlotOps>> node : perNode) {
                Optional<NodeSlotOps> ops = node.join();
                if (ops.isPresent() && ops.get().opsPerSec().length == SlotHash.SLOTS) {
                    counted++;
                    for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
                        opsPerSec[slot] += ops.get().opsPerSec()[slot];
                    }
                }
            }
            List<Long> keysPerSlot = new ArrayList<>(SlotHash.SLOTS);
            for (int slot = 0; slot < SlotHash.SLOTS; slot++) {
                keysPerSlot.add(perSlot.get(slot));
            }
            return new SlotLoadView(keysPerSlot, opsPerSec, members.size(), counted);
        });
    }
}
