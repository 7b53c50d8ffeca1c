package io.pikko.commands;

/**
 * Redis's dense HyperLogLog encoding: after the 16-byte header, 16384 registers of 6 bits packed
 * from the least significant bit of each byte upwards, a register spilling into the next byte.
 */
final class HllDense {
    private static final int MAX = 63;

    private HllDense() {}

    static int get(byte[] hll, int register) {
        int at = HllValue.HEADER + register * 6 / 8;
        int shift = register * 6 & 7;
        int b0 = hll[at] & 0xff;
        int b1 = at + 1 < hll.length ? hll[at + 1] & 0xff : 0;
        return ((b0 >> shift) | (b1 << (8 - shift))) & MAX;
    }

    static void put(byte[] hll, int register, int value) {
        int at = HllValue.HEADER + register * 6 / 8;
        int shift = register * 6 & 7;
        hll[at] = (byte) ((hll[at] & ~(MAX << shift)) | (value << shift));
        if (at + 1 < hll.length) {
            hll[at + 1] = (byte) ((hll[at + 1] & ~(MAX >> (8 - shift))) | (value >> (8 - shift)));
        }
    }

    /** Raises a register to {@code count}; false when it already held as much. */
    static boolean raise(byte[] hll, int register, int count) {
        if (count <= get(hll, register)) {
            return false;
        }
        put(hll, register, count);
        return true;
    }

    static int[] registers(byte[] hll) {
        int[] registers = new int[HllValue.REGISTERS];
        for (int i = 0; i < registers.length; i++) {
            registers[i] = get(hll, i);
        }
        return registers;
    }
}
