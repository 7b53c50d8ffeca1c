package io.pikko.commands;

/**
 * Bit-level reads and writes on a string value, numbering bits as Redis does: bit 0 is the most
 * significant bit of the first byte. Reads past the end see zero bits, as Redis pads with zeros.
 */
final class BitStrings {
    private BitStrings() {}

    static int bit(byte[] value, long offset) {
        long index = offset >>> 3;
        if (index >= value.length) {
            return 0;
        }
        return (value[(int) index] >> (7 - (int) (offset & 7))) & 1;
    }

    /** Sets one bit; the caller has made the array long enough. */
    static void setBit(byte[] value, long offset, int bit) {
        int index = (int) (offset >>> 3);
        int mask = 1 << (7 - (int) (offset & 7));
        value[index] = (byte) (bit == 0 ? value[index] & ~mask : value[index] | mask);
    }

    /** Set bits in {@code count} bytes from {@code from}. */
    static long popcount(byte[] value, int from, int count) {
        long bits = 0;
        for (int i = from; i < from + count; i++) {
            bits += Integer.bitCount(value[i] & 0xff);
        }
        return bits;
    }

    /**
     * Redis's redisBitpos over {@code count} bytes from {@code from}: the position of the first bit
     * equal to {@code bit}, counted from {@code from}; when there is none, -1 when looking for a one
     * and {@code count * 8} when looking for a zero (the string is taken as zero-padded).
     */
    static long firstBit(byte[] value, int from, int count, int bit) {
        int skip = bit == 1 ? 0 : 0xff;
        for (int i = 0; i < count; i++) {
            int b = value[from + i] & 0xff;
            if (b != skip) {
                int match = bit == 1 ? b : ~b & 0xff;
                return i * 8L + Integer.numberOfLeadingZeros(match) - 24;
            }
        }
        return bit == 1 ? -1 : count * 8L;
    }

    /** An unsigned field of {@code bits} (1 to 64) bits at a bit offset, big-endian, zero-padded. */
    static long field(byte[] value, long offset, int bits) {
        long result = 0;
        for (int i = 0; i < bits; i++) {
            result = (result << 1) | bit(value, offset + i);
        }
        return result;
    }

    /** The same field as a two's-complement signed integer. */
    static long signedField(byte[] value, long offset, int bits) {
        long raw = field(value, offset, bits);
        return bits < 64 && (raw & (1L << (bits - 1))) != 0 ? raw | (-1L << bits) : raw;
    }

    /** Writes the low {@code bits} bits of {@code field}; the caller has made the array long enough. */
    static void setField(byte[] value, long offset, int bits, long field) {
        for (int i = 0; i < bits; i++) {
            setBit(value, offset + i, (int) ((field >>> (bits - 1 - i)) & 1));
        }
    }
}
