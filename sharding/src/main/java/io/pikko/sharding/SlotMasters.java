package io.pikko.sharding;

import io.pikko.protocol.SlotHash;
import java.util.Optional;

/** For every slot, the RESP address of the node that must hold it, or none when no node should. */
public final class SlotMasters {
    private final String[] masters;

    public SlotMasters(String[] masters) {
        if (masters.length != SlotHash.SLOTS) {
            throw new IllegalArgumentException("one master per slot: " + SlotHash.SLOTS);
        }
        this.masters = masters.clone();
    }

    public Optional<String> of(int slot) {
        return Optional.ofNullable(masters[slot]);
    }
}
