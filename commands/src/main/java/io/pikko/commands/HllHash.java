package io.pikko.commands;

/**
 * The hash Redis's HyperLogLog uses: MurmurHash64A (MurmurHash2, 64-bit, little-endian reads)
 * with Redis's seed, split into a register index and the length of the 0...01 run that follows.
 */
final class HllHash {
    private static final long SEED = 0xadc83b19L;
    private static final long M = 0xc6a4a7935bd1e995L;
    private static final int R = 47;

    private HllHash() {}

    static long murmur64a(byte[] data) {
        int len = data.length;
        long h = SEED ^ (len * M);
        int whole = len - (len & 7);
        for (int i = 0; i < whole; i += 8) {
            long k = littleEndian(data, i, 8);
            k *= M;
            k ^= k >>> R;
            k *= M;
            h ^= k;
            h *= M;
        }
        if ((len & 7) != 0) {
            h ^= littleEndian(data, whole, len & 7);
            h *= M;
        }
        h ^= h >>> R;
        h *= M;
        h ^= h >>> R;
        return h;
    }

    private static long littleEndian(byte[] data, int from, int count) {
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = (value << 8) | (data[from + i] & 0xff);
        }
        return value;
    }

    /** The register an element's hash selects: its low 14 bits. */
    static int register(long hash) {
        return (int) (hash & (HllValue.REGISTERS - 1));
    }

    /**
     * The length of the run of zeros, plus the final one, in the hash's remaining 50 bits read from
     * the least significant end: 1 to 51 (a 51st bit is forced so that the run ends).
     */
    static int runLength(long hash) {
        long rest = (hash >>> 14) | (1L << 50);
        return Long.numberOfTrailingZeros(rest) + 1;
    }
}
