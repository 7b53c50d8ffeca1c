package io.pikko.commands;

import static io.pikko.commands.RdbListpack.littleEndian;
import static io.pikko.commands.RdbListpack.u32;
import static io.pikko.commands.RdbListpack.writeLittleEndian;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Redis's intset, the encoding of small sets of integers:
 * {@code width in bytes (4, LE: 2, 4 or 8) | count (4, LE) | the values, ascending, each of that width}.
 */
final class RdbIntset {
    private static final int HEADER = 8;

    private RdbIntset() {}

    /** The values, or null when the bytes are not a valid, non-empty, strictly ascending intset. */
    static long[] decode(byte[] is) {
        if (is.length < HEADER) {
            return null;
        }
        long width = u32(is, 0);
        long count = u32(is, 4);
        if ((width != 2 && width != 4 && width != 8) || count == 0 || HEADER + count * width != is.length) {
            return null;
        }
        long[] values = new long[(int) count];
        for (int i = 0; i < count; i++) {
            long raw = littleEndian(is, HEADER + i * (int) width, (int) width);
            values[i] = width == 2 ? (short) raw : width == 4 ? (int) raw : raw;
            if (i > 0 && values[i] <= values[i - 1]) {
                return null;
            }
        }
        return values;
    }

    /** The intset of distinct values, in the narrowest width that holds them all. */
    static byte[] encode(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int width = 2;
        for (long v : sorted) {
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                width = 8;
            } else if ((v < Short.MIN_VALUE || v > Short.MAX_VALUE) && width < 4) {
                width = 4;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER + sorted.length * width);
        writeLittleEndian(out, width, 4);
        writeLittleEndian(out, sorted.length, 4);
        for (long v : sorted) {
            writeLittleEndian(out, v, width);
        }
        return out.toByteArray();
    }
}
