package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * BITFIELD and BITFIELD_RO: GET, SET and INCRBY of signed and unsigned integers of 1 to 64 bits
 * (u64 excepted, as in Redis) at any bit offset, with WRAP, SAT or FAIL on overflow. Every
 * subcommand is parsed before any runs, so a bad argument anywhere changes nothing.
 */
final class BitfieldCommand {
    private static final Reply BAD_TYPE = Reply.error(
            "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.");
    private static final Reply BAD_OVERFLOW = Reply.error("ERR Invalid OVERFLOW type specified");
    private static final Reply READ_ONLY = Reply.error("ERR BITFIELD_RO only supports the GET subcommand");

    private enum Overflow { WRAP, SAT, FAIL }

    private enum Opcode { GET, SET, INCRBY }

    /** One parsed subcommand; {@code value} is SET's value or INCRBY's increment. */
    private record Op(Opcode opcode, boolean signed, int bits, long offset, long value, Overflow overflow) {}

    private BitfieldCommand() {}

    static Reply run(SlotContext ctx, List<byte[]> args, boolean readOnlyCommand) {
        List<Op> ops = new ArrayList<>();
        Overflow overflow = Overflow.WRAP;
        boolean readOnly = true;
        long highestWrite = 0;
        for (int j = 2; j < args.size(); j++) {
            int remaining = args.size() - j - 1;
            String name = Args.option(args.get(j));
            Opcode opcode;
            if (name.equals("GET") && remaining >= 2) {
                opcode = Opcode.GET;
            } else if (name.equals("SET") && remaining >= 3) {
                opcode = Opcode.SET;
            } else if (name.equals("INCRBY") && remaining >= 3) {
                opcode = Opcode.INCRBY;
            } else if (name.equals("OVERFLOW") && remaining >= 1) {
                switch (Args.option(args.get(++j))) {
                    case "WRAP" -> overflow = Overflow.WRAP;
                    case "SAT" -> overflow = Overflow.SAT;
                    case "FAIL" -> overflow = Overflow.FAIL;
                    default -> {
                        return BAD_OVERFLOW;
                    }
                }
                continue;
            } else {
                return Errors.SYNTAX;
            }
            byte[] type = args.get(j + 1);
            int bits = typeBits(type);
            if (bits < 0) {
                return BAD_TYPE;
            }
            OptionalLong offset = BitmapCommands.bitOffset(args.get(j + 2), bits);
            if (offset.isEmpty()) {
                return BitmapCommands.BAD_OFFSET;
            }
            long value = 0;
            if (opcode != Opcode.GET) {
                readOnly = false;
                highestWrite = Math.max(highestWrite, offset.getAsLong() + bits - 1);
                OptionalLong parsed = Args.parseLong(args.get(j + 3));
                if (parsed.isEmpty()) {
                    return Errors.NOT_INTEGER;
                }
                value = parsed.getAsLong();
            }
            ops.add(new Op(opcode, type[0] == 'i', bits, offset.getAsLong(), value, overflow));
            j += opcode == Opcode.GET ? 2 : 3;
        }
        if (!readOnly && readOnlyCommand) {
            return READ_ONLY;
        }
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta != null && meta.type() != KeyType.STRING) {
            return Errors.WRONGTYPE;
        }
        byte[] old = meta == null ? new byte[0] : meta.payload();
        // A write first grows the string with zeros up to the farthest bit any subcommand writes.
        byte[] value = readOnly ? old : Arrays.copyOf(old, Math.max(old.length, (int) (highestWrite >>> 3) + 1));
        List<Reply> replies = new ArrayList<>(ops.size());
        for (Op op : ops) {
            replies.add(execute(op, value));
        }
        if (!readOnly && (meta == null || !Arrays.equals(old, value))) {
            BitmapCommands.store(ctx, key, meta, value);
        }
        return Reply.array(replies);
    }

    /** The width of a type such as "i16" or "u8", or -1 when it is not valid. */
    private static int typeBits(byte[] type) {
        if (type.length == 0 || (type[0] != 'i' && type[0] != 'u')) {
            return -1;
        }
        OptionalLong bits = Args.parseLong(Arrays.copyOfRange(type, 1, type.length));
        long max = type[0] == 'i' ? 64 : 63;
        if (bits.isEmpty() || bits.getAsLong() < 1 || bits.getAsLong() > max) {
            return -1;
        }
        return (int) bits.getAsLong();
    }

    private static Reply execute(Op op, byte[] value) {
        long old = op.signed() ? BitStrings.signedField(value, op.offset(), op.bits())
                : BitStrings.field(value, op.offset(), op.bits());
        if (op.opcode() == Opcode.GET) {
            return Reply.integer(old);
        }
        boolean increment = op.opcode() == Opcode.INCRBY;
        long base = increment ? old : op.value();
        long delta = increment ? op.value() : 0;
        BitfieldOverflow.Result result = op.signed()
                ? BitfieldOverflow.signed(base, delta, op.bits(), op.overflow() == Overflow.SAT)
                : BitfieldOverflow.unsigned(base, delta, op.bits(), op.overflow() == Overflow.SAT);
        if (result.overflowed() && op.overflow() == Overflow.FAIL) {
            return Reply.NIL;
        }
        BitStrings.setField(value, op.offset(), op.bits(), result.value());
        return Reply.integer(increment ? result.value() : old);
    }
}
