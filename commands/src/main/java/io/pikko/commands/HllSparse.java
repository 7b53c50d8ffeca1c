package io.pikko.commands;

import java.util.Arrays;

/**
 * Redis's sparse HyperLogLog encoding: after the 16-byte header, a run-length code of opcodes,
 * ZERO {@code 00xxxxxx} (1 to 64 zero registers), XZERO {@code 01xxxxxx xxxxxxxx} (1 to 16384 zero
 * registers) and VAL {@code 1vvvvvxx} (1 to 4 registers holding 1 to 32). Updates edit the code in
 * place the way Redis's hllSparseSet does, splitting one opcode and merging equal neighbours in a
 * small window, so that the bytes stay identical to Redis's.
 */
final class HllSparse {
    /** The largest register value VAL can hold; a larger one needs the dense encoding. */
    static final int MAX_VALUE = 32;
    private static final int MAX_ZERO = 64;
    private static final int MAX_VAL_RUN = 4;

    /** What {@link #raise} did: {@code bytes} is the new value when {@code UPDATED}. */
    enum Outcome { UNCHANGED, UPDATED, PROMOTE, CORRUPT }

    record Update(Outcome outcome, byte[] bytes) {
        static final Update UNCHANGED = new Update(Outcome.UNCHANGED, null);
        static final Update PROMOTE = new Update(Outcome.PROMOTE, null);
        static final Update CORRUPT = new Update(Outcome.CORRUPT, null);
    }

    private HllSparse() {}

    /** The code of an empty HyperLogLog: 16384 zero registers as one XZERO. */
    static byte[] emptyCode() {
        byte[] code = new byte[2];
        xzero(code, 0, HllValue.REGISTERS);
        return code;
    }

    private static boolean isZero(int op) {
        return (op & 0xc0) == 0;
    }

    private static boolean isXzero(int op) {
        return (op & 0xc0) == 0x40;
    }

    private static boolean isVal(int op) {
        return (op & 0x80) != 0;
    }

    private static int valValue(int op) {
        return ((op >> 2) & 0x1f) + 1;
    }

    private static int valRun(int op) {
        return (op & 0x3) + 1;
    }

    private static byte val(int value, int run) {
        return (byte) (((value - 1) << 2) | (run - 1) | 0x80);
    }

    private static void xzero(byte[] code, int at, int run) {
        code[at] = (byte) (((run - 1) >> 8) | 0x40);
        code[at + 1] = (byte) ((run - 1) & 0xff);
    }

    /** A byte of the value; past the end reads zero, as the C string's terminator does. */
    private static int at(byte[] hll, int index) {
        return index < hll.length ? hll[index] & 0xff : 0;
    }

    /** Registers covered by the opcode at {@code p}. */
    private static int span(byte[] hll, int p) {
        int op = at(hll, p);
        if (isZero(op)) {
            return (op & 0x3f) + 1;
        }
        if (isVal(op)) {
            return valRun(op);
        }
        return (((op & 0x3f) << 8) | at(hll, p + 1)) + 1;
    }

    private static int length(byte[] hll, int p) {
        return isXzero(at(hll, p)) ? 2 : 1;
    }

    /** PFDEBUG DECODE's text: each opcode as z:run (ZERO), Z:run (XZERO) or v:value,run (VAL). */
    static String describe(byte[] hll) {
        StringBuilder out = new StringBuilder();
        for (int p = HllValue.HEADER; p < hll.length; p += length(hll, p)) {
            int op = at(hll, p);
            if (out.length() > 0) {
                out.append(' ');
            }
            if (isVal(op)) {
                out.append("v:").append(valValue(op)).append(',').append(valRun(op));
            } else {
                out.append(isZero(op) ? "z:" : "Z:").append(span(hll, p));
            }
        }
        return out.toString();
    }

    /** The 16384 registers, or null when the code does not cover exactly 16384 registers. */
    static int[] registers(byte[] hll) {
        int[] registers = new int[HllValue.REGISTERS];
        int index = 0;
        for (int p = HllValue.HEADER; p < hll.length; p += length(hll, p)) {
            int span = span(hll, p);
            int op = at(hll, p);
            if (isVal(op)) {
                if (index + span > HllValue.REGISTERS) {
                    return null;
                }
                Arrays.fill(registers, index, index + span, valValue(op));
            }
            index += span;
        }
        return index == HllValue.REGISTERS ? registers : null;
    }

    /**
     * Raises register {@code index} to {@code count} if it holds less. PROMOTE means the sparse
     * code cannot take the change (a value over 32, or growth past hll-sparse-max-bytes, see {@link EncodingLimits}) and the
     * caller must switch to the dense encoding.
     */
    static Update raise(byte[] hll, int index, int count) {
        if (count > MAX_VALUE) {
            return Update.PROMOTE;
        }
        // Find the opcode covering the register, and the one before it.
        int end = hll.length;
        int p = HllValue.HEADER;
        int first = 0;
        int prev = -1;
        int span = 0;
        while (p < end) {
            span = span(hll, p);
            if (index <= first + span - 1) {
                break;
            }
            prev = p;
            p += length(hll, p);
            first += span;
        }
        if (span == 0 || p >= end) {
            return Update.CORRUPT;
        }
        int op = at(hll, p);
        if (isVal(op) && valValue(op) >= count) {
            return Update.UNCHANGED;
        }
        byte[] out;
        if ((isVal(op) || isZero(op)) && span == 1) {
            // A single register: its opcode becomes the new VAL.
            out = hll.clone();
            out[p] = val(count, 1);
        } else {
            byte[] seq = split(op, first, first + span - 1, index, count);
            int oldLength = isXzero(op) ? 2 : 1;
            int delta = seq.length - oldLength;
            if (delta > 0 && end + delta > EncodingLimits.current().hllSparseMaxBytes()) {
                return Update.PROMOTE;
            }
            out = new byte[end + delta];
            System.arraycopy(hll, 0, out, 0, p);
            // Only a truncated final XZERO (a corrupt value) leaves less room than the new opcodes;
            // Redis then keeps just the part that fits.
            System.arraycopy(seq, 0, out, p, Math.min(seq.length, out.length - p));
            int tail = end - (p + oldLength);
            if (tail > 0) {
                System.arraycopy(hll, p + oldLength, out, p + seq.length, tail);
            }
        }
        int length = mergeNeighbours(out, out.length, prev >= 0 ? prev : HllValue.HEADER);
        byte[] result = Arrays.copyOf(out, length);
        HllValue.invalidateCache(result);
        return new Update(Outcome.UPDATED, result);
    }

    /**
     * The opcodes that replace one covering registers [first, last] once register {@code index}
     * is set to {@code count}: the part before it, the new VAL, the part after it.
     */
    private static byte[] split(int op, int first, int last, int index, int count) {
        byte[] seq = new byte[5];
        int n = 0;
        if (isVal(op)) {
            int current = valValue(op);
            if (index != first) {
                seq[n++] = val(current, index - first);
            }
            seq[n++] = val(count, 1);
            if (index != last) {
                seq[n++] = val(current, last - index);
            }
        } else {
            if (index != first) {
                n = zeros(seq, n, index - first);
            }
            seq[n++] = val(count, 1);
            if (index != last) {
                n = zeros(seq, n, last - index);
            }
        }
        return Arrays.copyOf(seq, n);
    }

    private static int zeros(byte[] seq, int n, int run) {
        if (run > MAX_ZERO) {
            xzero(seq, n, run);
            return n + 2;
        }
        seq[n] = (byte) (run - 1);
        return n + 1;
    }

    /**
     * Joins adjacent VALs of equal value whose runs fit one VAL, scanning at most five opcodes from
     * {@code from}, as Redis does after each update. Returns the new length of the code.
     */
    private static int mergeNeighbours(byte[] code, int length, int from) {
        int p = from;
        int scan = 5;
        while (p < length && scan-- > 0) {
            int op = code[p] & 0xff;
            if (isXzero(op)) {
                p += 2;
                continue;
            }
            if (isZero(op)) {
                p++;
                continue;
            }
            if (p + 1 < length && isVal(code[p + 1] & 0xff)) {
                int next = code[p + 1] & 0xff;
                int run = valRun(op) + valRun(next);
                if (valValue(op) == valValue(next) && run <= MAX_VAL_RUN) {
                    code[p + 1] = val(valValue(op), run);
                    System.arraycopy(code, p + 1, code, p, length - p - 1);
                    length--;
                    // Stay here: the merged VAL may merge with the next one too.
                    continue;
                }
            }
            p++;
        }
        return length;
    }
}
