package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Bitmap commands over string values, as Redis 7.0's bitops.c: the same argument checks in the
 * same order (so the same input gets the same error), ranges in bytes or bits, and strings that
 * grow with zero bytes when a bit past their end is written.
 */
final class BitmapCommands {
    static final Reply BAD_OFFSET = Reply.error("ERR bit offset is not an integer or out of range");
    private static final Reply BAD_BIT = Reply.error("ERR bit is not an integer or out of range");
    private static final Reply BAD_BITPOS_BIT = Reply.error("ERR The bit argument must be 1 or 0.");
    private static final Reply NOT_SINGLE_KEY = Reply.error("ERR BITOP NOT must be called with a single source key.");
    private static final byte[] EMPTY = new byte[0];

    private BitmapCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
        handlers.put("setbit", BitmapCommands::setbit);
        handlers.put("getbit", BitmapCommands::getbit);
        handlers.put("bitcount", BitmapCommands::bitcount);
        handlers.put("bitpos", BitmapCommands::bitpos);
        handlers.put("bitop", BitmapCommands::bitop);
        handlers.put("bitfield", (ctx, args) -> BitfieldCommand.run(ctx, args, false));
        handlers.put("bitfield_ro", (ctx, args) -> BitfieldCommand.run(ctx, args, true));
    }

    /**
     * Redis's getBitOffsetFromArgument: a non-negative bit offset whose byte lies within the
     * largest string (512 MB). With {@code bits > 0}, "#n" means n times {@code bits} (BITFIELD).
     * Empty for an invalid offset.
     */
    static OptionalLong bitOffset(byte[] arg, int bits) {
        boolean hash = bits > 0 && arg.length > 0 && arg[0] == '#';
        OptionalLong parsed = Args.parseLong(hash ? Arrays.copyOfRange(arg, 1, arg.length) : arg);
        if (parsed.isEmpty()) {
            return parsed;
        }
        // Redis multiplies without an overflow check; Java's wrapping multiplication matches it.
        long offset = hash ? parsed.getAsLong() * bits : parsed.getAsLong();
        if (offset < 0 || (offset >> 3) >= StringCommands.MAX_STRING) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(offset);
    }

    /** Writes a bitmap's new value, keeping the key's TTL. */
    static void store(SlotContext ctx, byte[] key, KeyMeta old, byte[] value) {
        ctx.batch().put(ctx.db(), key, KeyMeta.string(value, old == null ? 0 : old.expireAt()));
    }

    private static Reply setbit(SlotContext ctx, List<byte[]> args) {
        OptionalLong offset = bitOffset(args.get(2), 0);
        if (offset.isEmpty()) {
            return BAD_OFFSET;
        }
        OptionalLong on = Args.parseLong(args.get(3));
        if (on.isEmpty() || (on.getAsLong() & ~1L) != 0) {
            return BAD_BIT;
        }
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta != null && meta.type() != KeyType.STRING) {
            return Errors.WRONGTYPE;
        }
        byte[] old = meta == null ? EMPTY : meta.payload();
        long bitOffset = offset.getAsLong();
        int needed = (int) (bitOffset >>> 3) + 1;
        int previous = BitStrings.bit(old, bitOffset);
        if (meta == null || old.length < needed || previous != on.getAsLong()) {
            byte[] value = Arrays.copyOf(old, Math.max(old.length, needed));
            BitStrings.setBit(value, bitOffset, (int) on.getAsLong());
            store(ctx, key, meta, value);
        }
        return Reply.integer(previous);
    }

    private static Reply getbit(SlotContext ctx, List<byte[]> args) {
        OptionalLong offset = bitOffset(args.get(2), 0);
        if (offset.isEmpty()) {
            return BAD_OFFSET;
        }
        KeyMeta meta = ctx.batch().get(ctx.db(), args.get(1));
        if (meta == null) {
            return Reply.ZERO;
        }
        if (meta.type() != KeyType.STRING) {
            return Errors.WRONGTYPE;
        }
        return Reply.integer(BitStrings.bit(meta.payload(), offset.getAsLong()));
    }

    /**
     * A range of a string clamped as Redis clamps BITCOUNT and BITPOS ranges, in bytes
     * [start, end], with masks for the bits of the first and last byte that fall outside a range
     * given in bits (0 when the whole byte is inside).
     */
    private record ByteRange(long start, long end, int firstOutside, int lastOutside) {
        static ByteRange clamp(long start, long end, long length, boolean inBits) {
            long total = inBits ? length << 3 : length;
            if (start < 0) {
                start = total + start;
            }
            if (end < 0) {
                end = total + end;
            }
            start = Math.max(start, 0);
            end = Math.max(end, 0);
            if (end >= total) {
                end = total - 1;
            }
            if (inBits && start <= end) {
                int first = ~((1 << (8 - (int) (start & 7))) - 1) & 0xff;
                int last = (1 << (7 - (int) (end & 7))) - 1;
                return new ByteRange(start >> 3, end >> 3, first, last);
            }
            return new ByteRange(start, end, 0, 0);
        }
    }

    /** BYTE or BIT as the unit of a range; null for anything else (a syntax error). */
    private static Boolean inBits(byte[] arg) {
        return switch (Args.option(arg)) {
            case "BIT" -> true;
            case "BYTE" -> false;
            default -> null;
        };
    }

    private static Reply bitcount(SlotContext ctx, List<byte[]> args) {
        KeyMeta meta = ctx.batch().get(ctx.db(), args.get(1));
        if (meta == null) {
            return Reply.ZERO;
        }
        if (meta.type() != KeyType.STRING) {
            return Errors.WRONGTYPE;
        }
        byte[] value = meta.payload();
        ByteRange range;
        if (args.size() == 4 || args.size() == 5) {
            OptionalLong start = Args.parseLong(args.get(2));
            OptionalLong end = start.isEmpty() ? start : Args.parseLong(args.get(3));
            if (end.isEmpty()) {
                return Errors.NOT_INTEGER;
            }
            if (start.getAsLong() < 0 && end.getAsLong() < 0 && start.getAsLong() > end.getAsLong()) {
                return Reply.ZERO;
            }
            Boolean bits = args.size() == 5 ? inBits(args.get(4)) : Boolean.FALSE;
            if (bits == null) {
                return Errors.SYNTAX;
            }
            range = ByteRange.clamp(start.getAsLong(), end.getAsLong(), value.length, bits);
        } else if (args.size() == 2) {
            range = new ByteRange(0, value.length - 1L, 0, 0);
        } else {
            return Errors.SYNTAX;
        }
        if (range.start() > range.end()) {
            return Reply.ZERO;
        }
        int start = (int) range.start();
        int end = (int) range.end();
        long count = BitStrings.popcount(value, start, end - start + 1);
        // Bits of the edge bytes that lie outside a range given in bits are taken off again.
        count -= Integer.bitCount(value[start] & range.firstOutside());
        count -= Integer.bitCount(value[end] & range.lastOutside());
        return Reply.integer(count);
    }

    private static Reply bitpos(SlotContext ctx, List<byte[]> args) {
        OptionalLong bitArg = Args.parseLong(args.get(2));
        if (bitArg.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        if (bitArg.getAsLong() != 0 && bitArg.getAsLong() != 1) {
            return BAD_BITPOS_BIT;
        }
        int bit = (int) bitArg.getAsLong();
        KeyMeta meta = ctx.batch().get(ctx.db(), args.get(1));
        if (meta == null) {
            // A missing key is an endless run of zeros.
            return Reply.integer(bit == 1 ? -1 : 0);
        }
        if (meta.type() != KeyType.STRING) {
            return Errors.WRONGTYPE;
        }
        byte[] value = meta.payload();
        boolean endGiven = false;
        ByteRange range;
        if (args.size() >= 4 && args.size() <= 6) {
            OptionalLong start = Args.parseLong(args.get(3));
            if (start.isEmpty()) {
                return Errors.NOT_INTEGER;
            }
            Boolean bits = args.size() == 6 ? inBits(args.get(5)) : Boolean.FALSE;
            if (bits == null) {
                return Errors.SYNTAX;
            }
            long end = value.length - 1L;
            if (args.size() >= 5) {
                OptionalLong endArg = Args.parseLong(args.get(4));
                if (endArg.isEmpty()) {
                    return Errors.NOT_INTEGER;
                }
                end = endArg.getAsLong();
                endGiven = true;
            }
            range = ByteRange.clamp(start.getAsLong(), end, value.length, bits);
        } else if (args.size() == 3) {
            range = new ByteRange(0, value.length - 1L, 0, 0);
        } else {
            return Errors.SYNTAX;
        }
        if (range.start() > range.end()) {
            return Reply.integer(-1);
        }
        return Reply.integer(firstBitInRange(value, range, bit, endGiven));
    }

    /**
     * BITPOS over a clamped range, as Redis computes it: the partial first and last bytes of a
     * range in bits are searched on their own, with the bits outside the range forced to the
     * value not looked for.
     */
    private static long firstBitInRange(byte[] value, ByteRange range, int bit, boolean endGiven) {
        long start = range.start();
        long bytes = range.end() - range.start() + 1;
        long pos;
        search:
        {
            if (range.firstOutside() != 0) {
                int outside = range.firstOutside() | (bytes == 1 ? range.lastOutside() : 0);
                pos = firstBitOfByte(value[(int) start], outside, bit);
                if (bytes == 1 || (pos != -1 && pos != 8)) {
                    break search;
                }
                start++;
                bytes--;
            }
            long whole = bytes - (range.lastOutside() != 0 ? 1 : 0);
            if (whole > 0) {
                pos = BitStrings.firstBit(value, (int) start, (int) whole, bit);
                if (bytes == whole || (pos != -1 && pos != whole << 3)) {
                    break search;
                }
                start += whole;
                bytes -= whole;
            }
            pos = firstBitOfByte(value[(int) range.end()], range.lastOutside(), bit);
        }
        // With an explicit end the range is not zero-padded: no clear bit inside it means -1.
        if (endGiven && bit == 0 && pos == bytes << 3) {
            return -1;
        }
        return pos == -1 ? -1 : pos + (start << 3);
    }

    private static long firstBitOfByte(byte b, int outside, int bit) {
        byte masked = (byte) (bit == 1 ? b & ~outside : b | outside);
        return BitStrings.firstBit(new byte[] {masked}, 0, 1, bit);
    }

    private static Reply bitop(SlotContext ctx, List<byte[]> args) {
        String op = Args.option(args.get(1));
        if (!op.equals("AND") && !op.equals("OR") && !op.equals("XOR") && !op.equals("NOT")) {
            return Errors.SYNTAX;
        }
        if (op.equals("NOT") && args.size() != 4) {
            return NOT_SINGLE_KEY;
        }
        int sources = args.size() - 3;
        byte[][] values = new byte[sources][];
        int maxLength = 0;
        for (int i = 0; i < sources; i++) {
            KeyMeta meta = ctx.batch().get(ctx.db(), args.get(3 + i));
            if (meta != null && meta.type() != KeyType.STRING) {
                return Errors.WRONGTYPE;
            }
            values[i] = meta == null ? EMPTY : meta.payload();
            maxLength = Math.max(maxLength, values[i].length);
        }
        byte[] target = args.get(2);
        if (maxLength == 0) {
            ctx.batch().delete(ctx.db(), target);
            return Reply.ZERO;
        }
        byte[] result = new byte[maxLength];
        for (int j = 0; j < maxLength; j++) {
            int output = byteAt(values[0], j);
            for (int i = 1; i < sources; i++) {
                int b = byteAt(values[i], j);
                output = switch (op) {
                    case "AND" -> output & b;
                    case "OR" -> output | b;
                    default -> output ^ b;
                };
            }
            result[j] = (byte) (op.equals("NOT") ? ~output : output);
        }
        ctx.batch().put(ctx.db(), target, KeyMeta.string(result, 0));
        return Reply.integer(maxLength);
    }

    private static int byteAt(byte[] value, int index) {
        return index < value.length ? value[index] & 0xff : 0;
    }
}
