package io.pikko.commands;

import static io.pikko.commands.RdbListpack.littleEndian;
import static io.pikko.commands.RdbListpack.slice;
import static io.pikko.commands.RdbListpack.u16;
import static io.pikko.commands.RdbListpack.u32;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact encodings of payloads from Redis before 7.0, which RESTORE still accepts: the
 * ziplist (lists, hashes and sorted sets up to Redis 6.2) and the zipmap (hashes up to Redis 2.4).
 */
final class RdbZiplist {
    private static final int HEADER = 10;
    private static final int END = 0xff;

    private RdbZiplist() {}

    /**
     * A ziplist's entries, integers as their decimal text, or null when it is malformed:
     * {@code total bytes (4) | offset of the last entry (4) | count (2; 65535 = unknown) | entries | 0xFF},
     * each entry {@code length of the previous entry (1 or 5) | encoding | data}.
     */
    static List<byte[]> decode(byte[] zl) {
        if (zl.length < HEADER + 1 || u32(zl, 0) != zl.length || (zl[zl.length - 1] & 0xff) != END) {
            return null;
        }
        List<byte[]> entries = new ArrayList<>();
        int end = zl.length - 1;
        int p = HEADER;
        int previousSize = 0;
        int last = HEADER;
        while (p < end) {
            int first = zl[p] & 0xff;
            int prevlenSize = first < 254 ? 1 : 5;
            if (first == END || p + prevlenSize >= end) {
                return null;
            }
            long prevlen = first < 254 ? first : u32(zl, p + 1);
            int e = p + prevlenSize;
            long[] header = encodingAndLength(zl, e, end);
            if (header == null || prevlen != previousSize) {
                return null;
            }
            long entryEnd = e + header[0] + header[1];
            if (entryEnd > end) {
                return null;
            }
            entries.add(value(zl, e, (int) header[0], (int) header[1]));
            last = p;
            previousSize = (int) (entryEnd - p);
            p = (int) entryEnd;
        }
        int declared = u16(zl, 8);
        boolean countOk = declared == 65535 || declared == entries.size();
        return countOk && u32(zl, 4) == last ? entries : null;
    }

    /** {header size, data size} of the encoding at {@code e}, or null when it is not a valid encoding. */
    private static long[] encodingAndLength(byte[] zl, int e, int end) {
        int b = zl[e] & 0xff;
        switch (b >> 6) {
            case 0:
                return new long[] {1, b & 0x3f};
            case 1:
                return e + 1 < end ? new long[] {2, (b & 0x3f) << 8 | (zl[e + 1] & 0xff)} : null;
            case 2:
                if (e + 4 >= end) {
                    return null;
                }
                long length = (zl[e + 1] & 0xffL) << 24 | (zl[e + 2] & 0xff) << 16 | (zl[e + 3] & 0xff) << 8 | (zl[e + 4] & 0xff);
                return new long[] {5, length};
            default:
                int size = switch (b) {
                    case 0xc0 -> 2;
                    case 0xd0 -> 4;
                    case 0xe0 -> 8;
                    case 0xf0 -> 3;
                    case 0xfe -> 1;
                    default -> b >= 0xf1 && b <= 0xfd ? 0 : -1;
                };
                return size < 0 ? null : new long[] {1, size};
        }
    }

    private static byte[] value(byte[] zl, int e, int headerSize, int dataSize) {
        int b = zl[e] & 0xff;
        if (b >> 6 != 3) {
            return slice(zl, e + headerSize, dataSize);
        }
        long v = switch (b) {
            case 0xc0 -> (short) littleEndian(zl, e + 1, 2);
            case 0xd0 -> (int) littleEndian(zl, e + 1, 4);
            case 0xe0 -> littleEndian(zl, e + 1, 8);
            case 0xf0 -> littleEndian(zl, e + 1, 3) << 40 >> 40;
            case 0xfe -> zl[e + 1];
            default -> (b & 0x0f) - 1;
        };
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A zipmap's fields and values, alternating, or null when it is malformed or empty:
     * {@code count (1; 254 = unknown) | (length, field, length, free, value, free bytes)... | 0xFF},
     * where a length below 254 is one byte and otherwise 254 followed by 4 bytes.
     */
    static List<byte[]> decodeZipmap(byte[] zm) {
        if (zm.length < 2) {
            return null;
        }
        List<byte[]> pairs = new ArrayList<>();
        int end = zm.length - 1;
        long p = 1;
        while (p <= end && (zm[(int) p] & 0xff) != END) {
            long[] field = zipmapLength(zm, p, end);
            if (field == null || p + field[0] + field[1] > end) {
                return null;
            }
            byte[] name = slice(zm, (int) (p + field[0]), (int) field[1]);
            p += field[0] + field[1];
            long[] value = zipmapLength(zm, p, end);
            if (value == null || p + value[0] >= end) {
                return null;
            }
            p += value[0];
            int free = zm[(int) p] & 0xff;
            if (p + 1 + value[1] + free > end) {
                return null;
            }
            pairs.add(name);
            pairs.add(slice(zm, (int) p + 1, (int) value[1]));
            p += 1 + value[1] + free;
        }
        int declared = zm[0] & 0xff;
        boolean ok = p == end && !pairs.isEmpty() && (declared == 254 || declared == pairs.size() / 2);
        return ok ? pairs : null;
    }

    /** {size of the length, length} at {@code p}, or null when it runs past the end. */
    private static long[] zipmapLength(byte[] zm, long p, int end) {
        int first = zm[(int) p] & 0xff;
        if (first < 254) {
            return new long[] {1, first};
        }
        return p + 4 <= end ? new long[] {5, u32(zm, (int) p + 1)} : null;
    }
}
