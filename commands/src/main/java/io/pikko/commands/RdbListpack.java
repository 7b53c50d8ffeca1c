package io.pikko.commands;

import io.pikko.protocol.Args;


import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Redis's listpack: {@code total bytes (4, LE) | count (2, LE; 65535 = unknown) | entries | 0xFF}.
 * Each entry is its encoding and data followed by its own length, written backwards in 7-bit
 * groups. Small integers get compact encodings (7-bit, 13-bit, 16, 24, 32 and 64-bit), strings a
 * 6-bit, 12-bit or 32-bit length. Used by DUMP and RESTORE for small hashes, small sorted sets and
 * the nodes of lists.
 */
final class RdbListpack {
    private static final int HEADER = 6;
    private static final int EOF = 0xff;
    private static final int UNKNOWN_COUNT = 65535;

    private RdbListpack() {}

    /**
     * The entries of a listpack, integers as their decimal text, or null when the bytes are not a
     * well-formed listpack (checked in full, as Redis's deep sanitization does).
     */
    static List<byte[]> decode(byte[] lp) {
        if (lp.length < HEADER + 1 || u32(lp, 0) != lp.length || (lp[lp.length - 1] & 0xff) != EOF) {
            return null;
        }
        int declared = u16(lp, 4);
        List<byte[]> entries = new ArrayList<>();
        int p = HEADER;
        int end = lp.length - 1;
        while (p < end) {
            long size = entrySize(lp, p, end);
            if (size < 0) {
                return null;
            }
            int backlen = backlenSize(size);
            if (p + size + backlen > end || decodeBacklen(lp, (int) (p + size + backlen - 1), p) != size) {
                return null;
            }
            entries.add(value(lp, p));
            p += (int) size + backlen;
        }
        return declared == UNKNOWN_COUNT || declared == entries.size() ? entries : null;
    }

    /** The size of the entry at {@code p} without its backlen, or -1 when its header is invalid. */
    private static long entrySize(byte[] lp, int p, int end) {
        int b = lp[p] & 0xff;
        if (b < 0x80) {
            return 1;
        } else if (b < 0xc0) {
            return 1 + (b & 0x3f);
        } else if (b < 0xe0) {
            return 2;
        } else if (b < 0xf0) {
            return p + 1 < end ? 2 + ((b & 0x0f) << 8 | (lp[p + 1] & 0xff)) : -1;
        }
        return switch (b) {
            case 0xf0 -> p + 4 < end ? 5 + u32(lp, p + 1) : -1;
            case 0xf1 -> 3;
            case 0xf2 -> 4;
            case 0xf3 -> 5;
            case 0xf4 -> 9;
            default -> -1;
        };
    }

    private static byte[] value(byte[] lp, int p) {
        int b = lp[p] & 0xff;
        if (b >= 0x80 && b < 0xc0) {
            return slice(lp, p + 1, b & 0x3f);
        } else if (b >= 0xe0 && b < 0xf0) {
            return slice(lp, p + 2, (b & 0x0f) << 8 | (lp[p + 1] & 0xff));
        } else if (b == 0xf0) {
            return slice(lp, p + 5, (int) u32(lp, p + 1));
        }
        long v;
        if (b < 0x80) {
            v = b;
        } else if (b < 0xe0) {
            v = ((b & 0x1f) << 8 | (lp[p + 1] & 0xff)) << 19 >> 19;
        } else {
            v = switch (b) {
                case 0xf1 -> (short) littleEndian(lp, p + 1, 2);
                case 0xf2 -> littleEndian(lp, p + 1, 3) << 40 >> 40;
                case 0xf3 -> (int) littleEndian(lp, p + 1, 4);
                default -> littleEndian(lp, p + 1, 8);
            };
        }
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads an entry's length written backwards from {@code last}; -1 when it runs past {@code floor}. */
    private static long decodeBacklen(byte[] lp, int last, int floor) {
        long value = 0;
        int shift = 0;
        for (int q = last; q >= floor; q--) {
            value |= (long) (lp[q] & 0x7f) << shift;
            if ((lp[q] & 0x80) == 0) {
                return value;
            }
            shift += 7;
            if (shift > 28) {
                return -1;
            }
        }
        return -1;
    }

    private static int backlenSize(long size) {
        return size <= 127 ? 1 : size < 16383 ? 2 : size < 2097151 ? 3 : size < 268435455 ? 4 : 5;
    }

    /** Builds a listpack entry by entry, choosing each entry's encoding as Redis's lpAppend does. */
    static final class Builder {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int count;

        /** A string that is a canonical 64-bit integer is stored as that integer. */
        Builder append(byte[] element) {
            OptionalLong integer = element.length <= 20 ? Args.parseLong(element) : OptionalLong.empty();
            int start = body.size();
            if (integer.isPresent()) {
                writeInteger(integer.getAsLong());
            } else {
                writeStringHeader(element.length);
                body.writeBytes(element);
            }
            writeBacklen(body.size() - start);
            count++;
            return this;
        }

        Builder appendInteger(long v) {
            int start = body.size();
            writeInteger(v);
            writeBacklen(body.size() - start);
            count++;
            return this;
        }

        int count() {
            return count;
        }

        /** The size the listpack has once finished. */
        int bytes() {
            return HEADER + body.size() + 1;
        }

        byte[] finish() {
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes());
            writeLittleEndian(out, bytes(), 4);
            writeLittleEndian(out, Math.min(count, UNKNOWN_COUNT), 2);
            out.writeBytes(body.toByteArray());
            out.write(EOF);
            return out.toByteArray();
        }

        private void writeInteger(long v) {
            if (v >= 0 && v <= 127) {
                body.write((int) v);
            } else if (v >= -4096 && v <= 4095) {
                body.write(0xc0 | (int) (v >> 8 & 0x1f));
                body.write((int) v & 0xff);
            } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                body.write(0xf1);
                writeLittleEndian(body, v, 2);
            } else if (v >= -(1 << 23) && v < (1 << 23)) {
                body.write(0xf2);
                writeLittleEndian(body, v, 3);
            } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                body.write(0xf3);
                writeLittleEndian(body, v, 4);
            } else {
                body.write(0xf4);
                writeLittleEndian(body, v, 8);
            }
        }

        private void writeStringHeader(int length) {
            if (length < 64) {
                body.write(0x80 | length);
            } else if (length < 4096) {
                body.write(0xe0 | length >> 8);
                body.write(length & 0xff);
            } else {
                body.write(0xf0);
                writeLittleEndian(body, length, 4);
            }
        }

        /** The entry's size in 7-bit groups, most significant first, all but the first flagged with 0x80. */
        private void writeBacklen(long size) {
            int groups = backlenSize(size);
            for (int g = groups - 1; g >= 0; g--) {
                int bits = (int) (size >>> (7 * g)) & 0x7f;
                body.write(g == groups - 1 ? bits : bits | 0x80);
            }
        }
    }

    static long u32(byte[] b, int at) {
        return littleEndian(b, at, 4) & 0xffffffffL;
    }

    static int u16(byte[] b, int at) {
        return (int) littleEndian(b, at, 2) & 0xffff;
    }

    static long littleEndian(byte[] b, int at, int width) {
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xff);
        }
        return v;
    }

    static void writeLittleEndian(ByteArrayOutputStream out, long v, int width) {
        for (int i = 0; i < width; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    static byte[] slice(byte[] b, int at, int length) {
        byte[] out = new byte[length];
        System.arraycopy(b, at, out, 0, length);
        return out;
    }
}
