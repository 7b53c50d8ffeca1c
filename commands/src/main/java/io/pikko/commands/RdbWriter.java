package io.pikko.commands;

import io.pikko.protocol.Args;


import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * Writes a DUMP payload: the value in RDB format, then the RDB version (2 bytes, little endian)
 * and the CRC-64 of all that precedes it (8 bytes, little endian), as Redis 7.0's DUMP does.
 */
final class RdbWriter {
    /** The RDB version of Redis 7.0; RESTORE refuses payloads of a newer one. */
    static final int VERSION = 10;

    static final int TYPE_STRING = 0;
    static final int TYPE_LIST = 1;
    static final int TYPE_SET = 2;
    static final int TYPE_ZSET = 3;
    static final int TYPE_HASH = 4;
    static final int TYPE_ZSET_2 = 5;
    static final int TYPE_SET_INTSET = 11;
    static final int TYPE_HASH_LISTPACK = 16;
    static final int TYPE_ZSET_LISTPACK = 17;
    static final int TYPE_LIST_QUICKLIST_2 = 18;
    static final int NODE_PACKED = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    RdbWriter type(int type) {
        out.write(type);
        return this;
    }

    /** A length in 6 bits, 14 bits, or a marker and 32 or 64 bits, big endian. */
    RdbWriter length(long n) {
        if (n < 1 << 6) {
            out.write((int) n);
        } else if (n < 1 << 14) {
            out.write(0x40 | (int) (n >> 8));
            out.write((int) n & 0xff);
        } else if (n <= 0xffffffffL) {
            out.write(0x80);
            bigEndian(n, 4);
        } else {
            out.write(0x81);
            bigEndian(n, 8);
        }
        return this;
    }

    /**
     * A string; one that is a canonical integer of 32 bits is written as that integer, as Redis's
     * rdbSaveRawString does. (Redis would also LZF-compress strings over 20 bytes; Pikko writes
     * them as they are, which every Redis reads all the same.)
     */
    RdbWriter string(byte[] s) {
        OptionalLong integer = s.length <= 11 ? Args.parseLong(s) : OptionalLong.empty();
        if (integer.isPresent() && integer.getAsLong() == (int) integer.getAsLong()) {
            long v = integer.getAsLong();
            int width = v == (byte) v ? 1 : v == (short) v ? 2 : 4;
            out.write(0xc0 | (width == 1 ? 0 : width == 2 ? 1 : 2));
            RdbListpack.writeLittleEndian(out, v, width);
        } else {
            length(s.length);
            out.writeBytes(s);
        }
        return this;
    }

    /** A sorted-set score of RDB 8 and later: the IEEE 754 double, little endian. */
    RdbWriter binaryDouble(double d) {
        RdbListpack.writeLittleEndian(out, Double.doubleToRawLongBits(d), 8);
        return this;
    }

    /** A sorted-set score of the first RDB format: a length byte (253 NaN, 254 +inf, 255 -inf), then text strtod reads. */
    RdbWriter textDouble(double d) {
        if (Double.isNaN(d)) {
            out.write(253);
        } else if (Double.isInfinite(d)) {
            out.write(d > 0 ? 254 : 255);
        } else {
            byte[] text = Double.toString(d).getBytes(StandardCharsets.US_ASCII);
            out.write(text.length);
            out.writeBytes(text);
        }
        return this;
    }

    /** The payload with its footer. */
    byte[] finish() {
        return finish(VERSION);
    }

    /** The payload with a footer naming RDB {@code version}. */
    byte[] finish(int version) {
        RdbListpack.writeLittleEndian(out, version, 2);
        byte[] body = out.toByteArray();
        RdbListpack.writeLittleEndian(out, RdbCrc64.of(body, 0, body.length), 8);
        return out.toByteArray();
    }

    private void bigEndian(long v, int width) {
        for (int i = width - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
