package io.pikko.commands;

import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import io.pikko.protocol.SlotHash;
import java.util.Arrays;

/**
 * A BY or GET pattern of SORT, resolved per element as Redis's lookupKeyByPattern does: "#" is
 * the element itself; otherwise the first '*' is replaced by the element to name a string key, or,
 * with "->field" after it, a field of a hash key. A pattern without '*' names nothing. A named key
 * must live in the sorted key's slot, since only that slot's data is here.
 */
final class SortPattern {

    /** A pattern named a key of another slot. */
    static final class CrossSlot extends RuntimeException {
        CrossSlot() {
            super(null, null, false, false);
        }
    }

    private final byte[] prefix;
    private final byte[] suffix;
    private final byte[] field;
    private final boolean self;
    private final boolean constant;

    SortPattern(byte[] pattern) {
        self = pattern.length == 1 && pattern[0] == '#';
        int star = indexOf(pattern, (byte) '*', 0);
        constant = star < 0;
        int arrow = constant ? -1 : indexOfArrow(pattern, star + 1);
        boolean hasField = arrow >= 0 && arrow + 2 < pattern.length;
        int keyEnd = hasField ? arrow : pattern.length;
        prefix = constant ? null : Arrays.copyOfRange(pattern, 0, star);
        suffix = constant ? null : Arrays.copyOfRange(pattern, star + 1, keyEnd);
        field = hasField ? Arrays.copyOfRange(pattern, arrow + 2, pattern.length) : null;
    }

    /** Whether the pattern has no '*' (BY such a pattern means: do not sort). */
    static boolean isConstant(byte[] pattern) {
        return indexOf(pattern, (byte) '*', 0) < 0;
    }

    /** The value the pattern gives for {@code element}, or null when the key or field is missing or of another type. */
    byte[] lookup(SlotContext ctx, byte[] element) {
        if (self) {
            return element;
        }
        if (constant) {
            return null;
        }
        byte[] key = new byte[prefix.length + element.length + suffix.length];
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        System.arraycopy(element, 0, key, prefix.length, element.length);
        System.arraycopy(suffix, 0, key, prefix.length + element.length, suffix.length);
        if (SlotHash.slotOf(key) != ctx.batch().slot()) {
            throw new CrossSlot();
        }
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta == null) {
            return null;
        }
        if (field != null) {
            return meta.type() == KeyType.HASH ? ctx.batch().getMember(ctx.db(), key, meta, field) : null;
        }
        return meta.type() == KeyType.STRING ? meta.payload() : null;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfArrow(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '-' && bytes[i + 1] == '>') {
                return i;
            }
        }
        return -1;
    }
}
