package io.pikko.commands;

/**
 * LZF decompression, for the strings Redis compresses in its payloads. The stream is a sequence
 * of runs: a control byte below 32 starts a literal run of that many plus one bytes; any other
 * control byte is a back reference whose top 3 bits are the length minus 2 (7 means "add the
 * next byte") and whose low 5 bits, with the following byte, are the distance minus 1.
 */
final class RdbLzf {
    private RdbLzf() {}

    /** The decompressed bytes, or null when the input is corrupt or does not give exactly {@code length} bytes. */
    static byte[] decompress(byte[] in, int length) {
        byte[] out = new byte[length];
        int ip = 0;
        int end = in.length;
        int op = 0;
        while (ip < end) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < 32) {
                int run = ctrl + 1;
                if (op + run > length || ip + run > end) {
                    return null;
                }
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
            } else {
                int run = ctrl >>> 5;
                if (ip >= end) {
                    return null;
                }
                if (run == 7) {
                    run += in[ip++] & 0xff;
                    if (ip >= end) {
                        return null;
                    }
                }
                int ref = op - ((ctrl & 0x1f) << 8) - 1 - (in[ip++] & 0xff);
                run += 2;
                if (op + run > length || ref < 0) {
                    return null;
                }
                // Byte by byte: the reference may overlap the bytes being written.
                for (int i = 0; i < run; i++) {
                    out[op++] = out[ref++];
                }
            }
        }
        return op == length ? out : null;
    }
}
