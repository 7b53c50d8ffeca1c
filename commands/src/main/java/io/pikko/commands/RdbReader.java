package io.pikko.commands;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the value of a DUMP payload (its footer already checked) in every encoding Redis 7.0 can
 * load for strings, lists, sets, hashes and sorted sets, old ones included. Everything is checked
 * as Redis's deep sanitization checks it, since Pikko turns the value into separate records and
 * must not store half of a broken one. Streams and module values, which Pikko does not have, are
 * refused as Redis refuses a module value whose module is not loaded: as bad data.
 */
final class RdbReader {
    private static final int TYPE_STRING = 0;
    private static final int TYPE_LIST = 1;
    private static final int TYPE_SET = 2;
    private static final int TYPE_ZSET = 3;
    private static final int TYPE_HASH = 4;
    private static final int TYPE_ZSET_2 = 5;
    private static final int TYPE_HASH_ZIPMAP = 9;
    private static final int TYPE_LIST_ZIPLIST = 10;
    private static final int TYPE_SET_INTSET = 11;
    private static final int TYPE_ZSET_ZIPLIST = 12;
    private static final int TYPE_HASH_ZIPLIST = 13;
    private static final int TYPE_LIST_QUICKLIST = 14;
    private static final int TYPE_HASH_LISTPACK = 16;
    private static final int TYPE_ZSET_LISTPACK = 17;
    private static final int TYPE_LIST_QUICKLIST_2 = 18;
    private static final int NODE_PLAIN = 1;
    private static final int NODE_PACKED = 2;
    /** The most an LZF stream can expand: a 3-byte back reference yields 264 bytes. */
    private static final int LZF_MAX_RATIO = 88;
    static final int OPCODE_FUNCTION2 = 245;
    private static final int OPCODE_FUNCTION = 246;

    /** Thrown at the first sign of a malformed payload; RESTORE answers "Bad data format". */
    private static final class Malformed extends RuntimeException {
        Malformed() {
            super(null, null, false, false);
        }
    }

    private final byte[] in;
    private int pos;

    private RdbReader(byte[] in) {
        this.in = in;
    }

    /**
     * The value at the start of {@code payload}, or null when it is malformed or of a type Pikko
     * lacks. As in Redis, the reader is not stopped at the footer, and bytes after the value are ignored.
     */
    static RdbValue read(byte[] payload) {
        try {
            return new RdbReader(payload).value();
        } catch (Malformed e) {
            return null;
        }
    }

    /** The libraries' code in FUNCTION RESTORE's payload, or why not, in Redis's words. */
    record FunctionCodes(List<byte[]> codes, String error) {}

    /**
     * Reads the libraries before the footer (the last 10 bytes) of a FUNCTION DUMP payload: each
     * one an RDB_OPCODE_FUNCTION2 and its code, or the older RDB_OPCODE_FUNCTION of Redis 7.0's
     * release candidates (name, engine, description, code), turned into code with a shebang line
     * as Redis turns it.
     */
    static FunctionCodes functionCodes(byte[] payload) {
        RdbReader reader = new RdbReader(payload);
        List<byte[]> codes = new ArrayList<>();
        while (payload.length - reader.pos > 10) {
            int type = reader.u8();
            if (type != OPCODE_FUNCTION && type != OPCODE_FUNCTION2) {
                return new FunctionCodes(null, "given type is not a function");
            }
            try {
                if (type == OPCODE_FUNCTION2) {
                    codes.add(reader.string());
                } else {
                    String name = new String(reader.string(), StandardCharsets.UTF_8);
                    String engine = new String(reader.string(), StandardCharsets.UTF_8);
                    if (reader.length() != 0) {
                        reader.string();
                    }
                    byte[] body = reader.string();
                    byte[] shebang = ("#!" + engine + " name=" + name + "\n").getBytes(StandardCharsets.UTF_8);
                    byte[] code = Arrays.copyOf(shebang, shebang.length + body.length);
                    System.arraycopy(body, 0, code, shebang.length, body.length);
                    codes.add(code);
                }
            } catch (Malformed e) {
                return new FunctionCodes(null, type == OPCODE_FUNCTION2 ? "Failed loading library payload"
                        : "failed loading the given functions payload");
            }
        }
        return new FunctionCodes(codes, null);
    }

    private RdbValue value() {
        int type = u8();
        return switch (type) {
            case TYPE_STRING -> new RdbValue.Str(string());
            case TYPE_LIST -> new RdbValue.ListValue(strings(nonZeroLength()));
            case TYPE_SET -> new RdbValue.SetValue(distinct(strings(nonZeroLength())));
            case TYPE_ZSET, TYPE_ZSET_2 -> plainZset(type == TYPE_ZSET_2);
            case TYPE_HASH -> hash(strings(nonZeroLength() * 2));
            case TYPE_HASH_ZIPMAP -> hash(check(RdbZiplist.decodeZipmap(string())));
            case TYPE_LIST_ZIPLIST -> new RdbValue.ListValue(nonEmpty(check(RdbZiplist.decode(string()))));
            case TYPE_SET_INTSET -> intset(check(RdbIntset.decode(string())));
            case TYPE_ZSET_ZIPLIST -> packedZset(check(RdbZiplist.decode(string())));
            case TYPE_HASH_ZIPLIST -> hash(check(RdbZiplist.decode(string())));
            case TYPE_LIST_QUICKLIST, TYPE_LIST_QUICKLIST_2 -> quicklist(type == TYPE_LIST_QUICKLIST_2);
            case TYPE_HASH_LISTPACK -> hash(check(RdbListpack.decode(string())));
            case TYPE_ZSET_LISTPACK -> packedZset(check(RdbListpack.decode(string())));
            default -> throw new Malformed();
        };
    }

    private RdbValue quicklist(boolean version2) {
        long nodes = nonZeroLength();
        List<byte[]> elements = new ArrayList<>();
        for (long n = 0; n < nodes; n++) {
            long container = version2 ? length() : NODE_PACKED;
            if (container != NODE_PLAIN && container != NODE_PACKED) {
                throw new Malformed();
            }
            byte[] data = string();
            if (data.length == 0) {
                throw new Malformed();
            }
            if (container == NODE_PLAIN) {
                elements.add(data);
            } else {
                elements.addAll(check(version2 ? RdbListpack.decode(data) : RdbZiplist.decode(data)));
            }
        }
        return new RdbValue.ListValue(nonEmpty(elements));
    }

    private RdbValue intset(long[] values) {
        List<byte[]> members = new ArrayList<>(values.length);
        for (long v : values) {
            members.add(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
        }
        return new RdbValue.SetValue(members);
    }

    private RdbValue hash(List<byte[]> fieldsAndValues) {
        if (fieldsAndValues.isEmpty() || fieldsAndValues.size() % 2 != 0) {
            throw new Malformed();
        }
        distinct(everyOther(fieldsAndValues));
        return new RdbValue.HashValue(fieldsAndValues);
    }

    private RdbValue plainZset(boolean binaryScores) {
        long count = nonZeroLength();
        List<byte[]> members = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            members.add(string());
            scores.add(score(binaryScores ? Double.longBitsToDouble(RdbListpack.littleEndian(bytes(8), 0, 8)) : textDouble()));
        }
        return new RdbValue.ZSetValue(distinct(members), scores);
    }

    /** Members and scores alternating, a score as Redis's zzlGetScore reads it. */
    private RdbValue packedZset(List<byte[]> entries) {
        if (entries.isEmpty() || entries.size() % 2 != 0) {
            throw new Malformed();
        }
        List<Double> scores = new ArrayList<>(entries.size() / 2);
        for (int i = 1; i < entries.size(); i += 2) {
            byte[] text = entries.get(i);
            // zzlStrtod: at most 127 characters, up to a NUL, whatever number starts them (else 0).
            int length = Math.min(cStringLength(text), 127);
            scores.add(score(RdbStrtod.parse(text, length).value()));
        }
        return new RdbValue.ZSetValue(distinct(everyOther(entries)), scores);
    }

    private static double score(double score) {
        if (Double.isNaN(score)) {
            throw new Malformed();
        }
        return score;
    }

    /** A double of the first RDB format: a length byte (253 NaN, 254 +inf, 255 -inf) then text sscanf reads. */
    private double textDouble() {
        int length = u8();
        switch (length) {
            case 253:
                return Double.NaN;
            case 254:
                return Double.POSITIVE_INFINITY;
            case 255:
                return Double.NEGATIVE_INFINITY;
            default:
                byte[] text = bytes(length);
                RdbStrtod.Result parsed = RdbStrtod.parse(text, cStringLength(text));
                if (parsed.consumed() == 0) {
                    throw new Malformed();
                }
                return parsed.value();
        }
    }

    private List<byte[]> strings(long count) {
        List<byte[]> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            out.add(string());
        }
        return out;
    }

    /** A string: raw with its length, an 8, 16 or 32-bit integer, or LZF-compressed. */
    private byte[] string() {
        int first = u8();
        if (first >> 6 != 3) {
            return bytes(lengthAfter(first));
        }
        return switch (first & 0x3f) {
            case 0 -> decimal((byte) u8());
            case 1 -> decimal((short) RdbListpack.littleEndian(bytes(2), 0, 2));
            case 2 -> decimal((int) RdbListpack.littleEndian(bytes(4), 0, 4));
            case 3 -> lzf();
            default -> throw new Malformed();
        };
    }

    private byte[] lzf() {
        long compressed = length();
        long length = length();
        byte[] data = bytes(compressed);
        if (length == 0) {
            // Redis's decompressor "fails" with 0 bytes written, which equals the length asked for.
            return new byte[0];
        }
        if (length > compressed * LZF_MAX_RATIO || length > Integer.MAX_VALUE - 8) {
            throw new Malformed();
        }
        byte[] out = RdbLzf.decompress(data, (int) length);
        if (out == null) {
            throw new Malformed();
        }
        return out;
    }

    private static byte[] decimal(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    /** A length (a count or a string's size). An integer-encoding marker reads as its 6 bits, as in Redis. */
    private long length() {
        int first = u8();
        return first >> 6 == 3 ? first & 0x3f : lengthAfter(first);
    }

    private long nonZeroLength() {
        long length = length();
        if (length == 0) {
            throw new Malformed();
        }
        return length;
    }

    /** 6 bits, 14 bits, or 0x80 / 0x81 followed by 32 / 64 bits, big endian. */
    private long lengthAfter(int first) {
        return switch (first >> 6) {
            case 0 -> first & 0x3f;
            case 1 -> (first & 0x3f) << 8 | u8();
            default -> switch (first) {
                case 0x80 -> ByteBuffer.wrap(bytes(4)).getInt() & 0xffffffffL;
                case 0x81 -> {
                    long v = ByteBuffer.wrap(bytes(8)).getLong();
                    if (v < 0) {
                        throw new Malformed();
                    }
                    yield v;
                }
                default -> throw new Malformed();
            };
        };
    }

    private int u8() {
        if (pos >= in.length) {
            throw new Malformed();
        }
        return in[pos++] & 0xff;
    }

    private byte[] bytes(long n) {
        if (n > in.length - pos) {
            throw new Malformed();
        }
        byte[] out = RdbListpack.slice(in, pos, (int) n);
        pos += (int) n;
        return out;
    }

    private static <T> T check(T decoded) {
        if (decoded == null) {
            throw new Malformed();
        }
        return decoded;
    }

    private static List<byte[]> nonEmpty(List<byte[]> elements) {
        if (elements.isEmpty()) {
            throw new Malformed();
        }
        return elements;
    }

    private static List<byte[]> everyOther(List<byte[]> items) {
        List<byte[]> out = new ArrayList<>(items.size() / 2);
        for (int i = 0; i < items.size(); i += 2) {
            out.add(items.get(i));
        }
        return out;
    }

    /** The members, after checking no two are equal (Redis refuses such payloads). */
    private static List<byte[]> distinct(List<byte[]> members) {
        Set<ByteBuffer> seen = new HashSet<>();
        for (byte[] member : members) {
            if (!seen.add(ByteBuffer.wrap(member))) {
                throw new Malformed();
            }
        }
        return members;
    }

    private static int cStringLength(byte[] text) {
        for (int i = 0; i < text.length; i++) {
            if (text[i] == 0) {
                return i;
            }
        }
        return text.length;
    }
}
