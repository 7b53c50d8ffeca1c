package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import io.pikko.storage.MemberCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The commands over several sets: intersection, union and difference, replied or stored. A missing
 * key counts as an empty set; any key of another type fails the command. Results come in byte order.
 */
final class SetAlgebra {
    private static final Reply BAD_NUMKEYS = Reply.error("ERR numkeys should be greater than 0");
    private static final Reply TOO_MANY_KEYS = Reply.error("ERR Number of keys can't be greater than number of args");
    private static final Reply NEGATIVE_LIMIT = Reply.error("ERR LIMIT can't be negative");

    private enum Operation { INTER, UNION, DIFF }

    /** The operand sets, each key with its metadata (null when missing). */
    private record Operands(List<byte[]> keys, KeyMeta[] metas) {}

    private SetAlgebra() {}

    static Reply sinter(SlotContext ctx, List<byte[]> args) {
        return reply(ctx, args, Operation.INTER);
    }

    static Reply sunion(SlotContext ctx, List<byte[]> args) {
        return reply(ctx, args, Operation.UNION);
    }

    static Reply sdiff(SlotContext ctx, List<byte[]> args) {
        return reply(ctx, args, Operation.DIFF);
    }

    static Reply sinterstore(SlotContext ctx, List<byte[]> args) {
        return store(ctx, args, Operation.INTER);
    }

    static Reply sunionstore(SlotContext ctx, List<byte[]> args) {
        return store(ctx, args, Operation.UNION);
    }

    static Reply sdiffstore(SlotContext ctx, List<byte[]> args) {
        return store(ctx, args, Operation.DIFF);
    }

    /** SINTERCARD numkeys key [key ...] [LIMIT limit]: the intersection's size, counting up to limit (0: all). */
    static Reply sintercard(SlotContext ctx, List<byte[]> args) {
        OptionalLong numKeys = Args.parseLong(args.get(1));
        if (numKeys.isEmpty() || numKeys.getAsLong() < 1) {
            return BAD_NUMKEYS;
        }
        if (numKeys.getAsLong() > args.size() - 2) {
            return TOO_MANY_KEYS;
        }
        int firstOption = 2 + (int) numKeys.getAsLong();
        long limit = 0;
        for (int i = firstOption; i < args.size(); i++) {
            if (Args.is(args.get(i), "LIMIT") && i + 1 < args.size()) {
                OptionalLong parsed = Args.parseLong(args.get(++i));
                if (parsed.isEmpty() || parsed.getAsLong() < 0) {
                    return NEGATIVE_LIMIT;
                }
                limit = parsed.getAsLong();
            } else {
                return Errors.SYNTAX;
            }
        }
        Operands operands = load(ctx, args.subList(2, firstOption));
        if (operands == null) {
            return Errors.WRONGTYPE;
        }
        return Reply.integer(intersection(ctx, operands, limit).size());
    }

    private static Reply reply(SlotContext ctx, List<byte[]> args, Operation operation) {
        Operands operands = load(ctx, args.subList(1, args.size()));
        if (operands == null) {
            return Errors.WRONGTYPE;
        }
        return new Reply.SetReply(compute(ctx, operands, operation).stream().map(Reply::bulk).toList());
    }

    /** Writes the result in place of whatever the destination held (TTL included); none deletes it. */
    private static Reply store(SlotContext ctx, List<byte[]> args, Operation operation) {
        Operands operands = load(ctx, args.subList(2, args.size()));
        if (operands == null) {
            return Errors.WRONGTYPE;
        }
        List<byte[]> result = compute(ctx, operands, operation);
        byte[] dst = args.get(1);
        ctx.batch().delete(ctx.db(), dst);
        if (!result.isEmpty()) {
            KeyMeta meta = ctx.batch().newCollection(KeyType.SET, 0);
            for (byte[] member : result) {
                ctx.batch().putMember(ctx.db(), dst, meta, member, SetCommands.NO_VALUE);
            }
            ctx.batch().put(ctx.db(), dst, meta.withSize(result.size()));
        }
        return Reply.integer(result.size());
    }

    /** Every key's set, or null when one holds another type. */
    private static Operands load(SlotContext ctx, List<byte[]> keys) {
        KeyMeta[] metas = new KeyMeta[keys.size()];
        for (int i = 0; i < metas.length; i++) {
            metas[i] = ctx.batch().get(ctx.db(), keys.get(i));
            if (SetCommands.wrongType(metas[i])) {
                return null;
            }
        }
        return new Operands(keys, metas);
    }

    private static List<byte[]> compute(SlotContext ctx, Operands operands, Operation operation) {
        return switch (operation) {
            case INTER -> intersection(ctx, operands, 0);
            case UNION -> union(ctx, operands);
            case DIFF -> difference(ctx, operands);
        };
    }

    /**
     * The members of the smallest set that all others hold, stopping at {@code limit} of them
     * (0: no limit).
     */
    private static List<byte[]> intersection(SlotContext ctx, Operands operands, long limit) {
        List<Integer> bySize = new ArrayList<>();
        for (int i = 0; i < operands.metas().length; i++) {
            if (operands.metas()[i] == null) {
                return List.of();
            }
            bySize.add(i);
        }
        bySize.sort(Comparator.comparingLong(i -> operands.metas()[i].size()));
        List<Integer> others = bySize.subList(1, bySize.size());
        List<byte[]> result = new ArrayList<>();
        try (MemberCursor cursor = members(ctx, operands, bySize.get(0))) {
            for (; cursor.valid() && (limit == 0 || result.size() < limit); cursor.next()) {
                byte[] member = cursor.suffix();
                if (inAll(ctx, operands, others, member)) {
                    result.add(member);
                }
            }
        }
        return result;
    }

    private static boolean inAll(SlotContext ctx, Operands operands, List<Integer> sets, byte[] member) {
        for (int i : sets) {
            if (!SetCommands.contains(ctx, operands.keys().get(i), operands.metas()[i], member)) {
                return false;
            }
        }
        return true;
    }

    private static List<byte[]> union(SlotContext ctx, Operands operands) {
        TreeSet<byte[]> result = new TreeSet<>(Arrays::compareUnsigned);
        for (int i = 0; i < operands.metas().length; i++) {
            if (operands.metas()[i] != null) {
                result.addAll(SetCommands.members(ctx, operands.keys().get(i), operands.metas()[i]));
            }
        }
        return new ArrayList<>(result);
    }

    /** The members of the first set that no other holds. */
    private static List<byte[]> difference(SlotContext ctx, Operands operands) {
        if (operands.metas()[0] == null) {
            return List.of();
        }
        List<byte[]> result = new ArrayList<>();
        try (MemberCursor cursor = members(ctx, operands, 0)) {
            for (; cursor.valid(); cursor.next()) {
                byte[] member = cursor.suffix();
                if (!inAny(ctx, operands, member)) {
                    result.add(member);
                }
            }
        }
        return result;
    }

    private static boolean inAny(SlotContext ctx, Operands operands, byte[] member) {
        for (int i = 1; i < operands.metas().length; i++) {
            if (SetCommands.contains(ctx, operands.keys().get(i), operands.metas()[i], member)) {
                return true;
            }
        }
        return false;
    }

    private static MemberCursor members(SlotContext ctx, Operands operands, int i) {
        return ctx.batch().members(ctx.db(), operands.keys().get(i), operands.metas()[i]).seekFirst();
    }
}
