package io.pikko.multijvm;

import io.pikko.protocol.SlotHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Keys chosen by the slot they hash to, so a test knows which group holds them. */
final class SlotKeys {
    private SlotKeys() {}

    static int slotOf(String key) {
        return SlotHash.slotOf(key.getBytes(StandardCharsets.UTF_8));
    }

    /** One key for each slot {@code from..to}, in slot order. */
    static List<String> onePerSlot(String prefix, int from, int to) {
        String[] keys = new String[to - from + 1];
        int found = 0;
        for (int i = 0; found < keys.length; i++) {
            String key = prefix + i;
            int slot = slotOf(key);
            if (slot >= from && slot <= to && keys[slot - from] == null) {
                keys[slot - from] = key;
                found++;
            }
        }
        return List.of(keys);
    }

    /** {@code count} distinct keys starting with {@code prefix} whose slots lie in {@code from..to}. */
    static List<String> inSlots(String prefix, int from, int to, int count) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; keys.size() < count; i++) {
            String key = prefix + i;
            int slot = slotOf(key);
            if (slot >= from && slot <= to) {
                keys.add(key);
            }
        }
        return keys;
    }
}
