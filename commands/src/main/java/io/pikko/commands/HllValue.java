package io.pikko.commands;

import java.util.Arrays;

/**
 * A HyperLogLog as Redis stores it, in a plain string: "HYLL", an encoding byte (0 dense, 1
 * sparse), three zero bytes, the cached cardinality as 8 little-endian bytes (the top bit set
 * when stale), then the registers in the sparse or dense encoding. Keeping Redis's exact bytes
 * lets GET, DUMP and RESTORE carry a HyperLogLog between Pikko and Redis.
 */
final class HllValue {
    static final int HEADER = 16;
    static final int REGISTERS = 16384;
    static final int DENSE_SIZE = HEADER + REGISTERS * 6 / 8;
    private static final byte DENSE = 0;
    private static final byte SPARSE = 1;
    private static final int CACHE = 8;
    private static final int STALE_BYTE = 15;

    private byte[] bytes;

    private HllValue(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Redis's isHLLObjectOrReply: the header is right and a dense value has its exact size. */
    static boolean isHll(byte[] value) {
        return value.length >= HEADER
                && value[0] == 'H' && value[1] == 'Y' && value[2] == 'L' && value[3] == 'L'
                && (value[4] == DENSE || value[4] == SPARSE)
                && (value[4] != DENSE || value.length == DENSE_SIZE);
    }

    /** A copy of a value that passed {@link #isHll}, to update. */
    static HllValue of(byte[] value) {
        return new HllValue(value.clone());
    }

    /** A new, empty HyperLogLog: sparse, with a valid cached cardinality of 0. */
    static HllValue empty() {
        byte[] code = HllSparse.emptyCode();
        byte[] value = new byte[HEADER + code.length];
        value[0] = 'H';
        value[1] = 'Y';
        value[2] = 'L';
        value[3] = 'L';
        value[4] = SPARSE;
        System.arraycopy(code, 0, value, HEADER, code.length);
        return new HllValue(value);
    }

    byte[] bytes() {
        return bytes;
    }

    boolean isDense() {
        return bytes[4] == DENSE;
    }

    /** Counts an element: 1 when a register rose, 0 when none did, -1 when the value is corrupt. */
    int add(byte[] element) {
        long hash = HllHash.murmur64a(element);
        return raise(HllHash.register(hash), HllHash.runLength(hash));
    }

    /** Raises a register to {@code count}: 1 when it rose, 0 when it held as much, -1 when corrupt. */
    int raise(int register, int count) {
        if (isDense()) {
            return HllDense.raise(bytes, register, count) ? 1 : 0;
        }
        HllSparse.Update update = HllSparse.raise(bytes, register, count);
        switch (update.outcome()) {
            case UNCHANGED -> {
                return 0;
            }
            case UPDATED -> {
                bytes = update.bytes();
                return 1;
            }
            case CORRUPT -> {
                return -1;
            }
            default -> {
                if (!toDense()) {
                    return -1;
                }
                HllDense.raise(bytes, register, count);
                return 1;
            }
        }
    }

    /** Switches to the dense encoding, keeping the header; false when the sparse code is corrupt. */
    boolean toDense() {
        if (isDense()) {
            return true;
        }
        int[] registers = HllSparse.registers(bytes);
        if (registers == null) {
            return false;
        }
        byte[] dense = Arrays.copyOf(bytes, DENSE_SIZE);
        Arrays.fill(dense, HEADER, DENSE_SIZE, (byte) 0);
        dense[4] = DENSE;
        for (int i = 0; i < REGISTERS; i++) {
            if (registers[i] != 0) {
                HllDense.put(dense, i, registers[i]);
            }
        }
        bytes = dense;
        return true;
    }

    /** The register values, or null when a sparse code is corrupt. */
    int[] registers() {
        return isDense() ? HllDense.registers(bytes) : HllSparse.registers(bytes);
    }

    boolean cacheValid() {
        return (bytes[STALE_BYTE] & 0x80) == 0;
    }

    long cachedCardinality() {
        long card = 0;
        for (int i = CACHE + 7; i >= CACHE; i--) {
            card = (card << 8) | (bytes[i] & 0xff);
        }
        return card;
    }

    void cache(long cardinality) {
        for (int i = 0; i < 8; i++) {
            bytes[CACHE + i] = (byte) (cardinality >>> (8 * i));
        }
    }

    void invalidateCache() {
        invalidateCache(bytes);
    }

    static void invalidateCache(byte[] value) {
        value[STALE_BYTE] |= (byte) 0x80;
    }
}
