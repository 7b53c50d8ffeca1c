package io.pikko.commands;



import io.pikko.protocol.Errors;
import io.pikko.protocol.KeyspaceEventType;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import io.pikko.storage.MemberCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Set commands, with Redis 7.0's options, replies and error texts. Each member is a record
 * {@code member -> empty value} of the data family; the metadata counts the members. The commands
 * over several sets are in {@link SetAlgebra}.
 */
final class SetCommands {
    /** The value of a member's record: a set member has none. */
    static final byte[] NO_VALUE = {};


    private SetCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
        handlers.put("sadd", SetCommands::sadd);
        handlers.put("srem", (ctx, args) -> CollectionMembers.removeCommand(ctx, args, KeyType.SET));
        handlers.put("scard", (ctx, args) -> CollectionMembers.countCommand(ctx, args, KeyType.SET));
        handlers.put("sismember", SetCommands::sismember);
        handlers.put("smismember", SetCommands::smismember);
        handlers.put("smembers", SetCommands::smembers);
        handlers.put("srandmember", SetCommands::srandmember);
        handlers.put("spop", SetCommands::spop);
        handlers.put("smove", SetCommands::smove);
        handlers.put("sscan", (ctx, args) -> HashSetScan.scan(ctx, args, KeyType.SET));
        handlers.put("sinter", SetAlgebra::sinter);
        handlers.put("sintercard", SetAlgebra::sintercard);
        handlers.put("sunion", SetAlgebra::sunion);
        handlers.put("sdiff", SetAlgebra::sdiff);
        handlers.put("sinterstore", SetAlgebra::sinterstore);
        handlers.put("sunionstore", SetAlgebra::sunionstore);
        handlers.put("sdiffstore", SetAlgebra::sdiffstore);
    }

    static boolean wrongType(KeyMeta meta) {
        return meta != null && meta.type() != KeyType.SET;
    }

    static boolean contains(SlotContext ctx, byte[] key, KeyMeta meta, byte[] member) {
        return meta != null && ctx.batch().getMember(ctx.db(), key, meta, member) != null;
    }

    /** Removes {@code removed} members' worth from the count, deleting the key when none is left. */

    private static Reply sadd(SlotContext ctx, List<byte[]> args) {
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (wrongType(meta)) {
            return Errors.WRONGTYPE;
        }
        if (meta == null) {
            meta = ctx.batch().newCollection(KeyType.SET, 0);
        }
        long added = 0;
        for (int i = 2; i < args.size(); i++) {
            if (!contains(ctx, key, meta, args.get(i))) {
                ctx.batch().putMember(ctx.db(), key, meta, args.get(i), NO_VALUE);
                added++;
            }
        }
        if (added > 0) {
            ctx.batch().put(ctx.db(), key, meta.withSize(meta.size() + added));
            ctx.notify(KeyspaceEventType.SET, "sadd", key);
        }
        return Reply.integer(added);
    }

    private static Reply sismember(SlotContext ctx, List<byte[]> args) {
        KeyMeta meta = ctx.batch().get(ctx.db(), args.get(1));
        if (wrongType(meta)) {
            return Errors.WRONGTYPE;
        }
        return Reply.integer(contains(ctx, args.get(1), meta, args.get(2)) ? 1 : 0);
    }

    private static Reply smismember(SlotContext ctx, List<byte[]> args) {
        KeyMeta meta = ctx.batch().get(ctx.db(), args.get(1));
        if (wrongType(meta)) {
            return Errors.WRONGTYPE;
        }
        List<Reply> answers = new ArrayList<>(args.size() - 2);
        for (int i = 2; i < args.size(); i++) {
            answers.add(Reply.integer(contains(ctx, args.get(1), meta, args.get(i)) ? 1 : 0));
        }
        return Reply.array(answers);
    }

    private static Reply smembers(SlotContext ctx, List<byte[]> args) {
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (wrongType(meta)) {
            return Errors.WRONGTYPE;
        }
        return new Reply.SetReply(meta == null ? List.of() : members(ctx, key, meta).stream().map(Reply::bulk).toList());
    }

    /** All members of a set, in byte order. */
    static List<byte[]> members(SlotContext ctx, byte[] key, KeyMeta meta) {
        List<byte[]> members = new ArrayList<>();
        try (MemberCursor cursor = ctx.batch().members(ctx.db(), key, meta).seekFirst()) {
            for (; cursor.valid(); cursor.next()) {
                members.add(cursor.suffix());
            }
        }
        return members;
    }

    /** SRANDMEMBER key [count]: a positive count asks for distinct members, a negative one allows repeats. */
    private static Reply srandmember(SlotContext ctx, List<byte[]> args) {
        if (args.size() > 3) {
            return Errors.SYNTAX;
        }
        byte[] key = args.get(1);
        if (args.size() == 2) {
            KeyMeta meta = ctx.batch().get(ctx.db(), key);
            if (wrongType(meta)) {
                return Errors.WRONGTYPE;
            }
            return meta == null ? Reply.NIL : Reply.bulk(HashSetSample.one(ctx, key, meta).member());
        }
        HashSetSample.Count count = HashSetSample.parseCount(args.get(2));
        if (count.error() != null) {
            return count.error();
        }
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (wrongType(meta)) {
            return Errors.WRONGTYPE;
        }
        long n = count.value();
        if (meta == null || n == 0) {
            return Reply.EMPTY_ARRAY;
        }
        List<HashSetSample.Entry> picked = n > 0
                ? HashSetSample.distinct(ctx, key, meta, n)
                : HashSetSample.withRepetition(ctx, key, meta, -n);
        if (picked == null) {
            return HashSetSample.TOO_MANY;
        }
        return Reply.array(picked.stream().map(entry -> Reply.bulk(entry.member())).toList());
    }

    /** SPOP key [count]: without a count one member or nil, with one a set of distinct members. */
    private static Reply spop(SlotContext ctx, List<byte[]> args) {
        if (args.size() > 3) {
            return Errors.SYNTAX;
        }
        byte[] key = args.get(1);
        OptionalLong parsed = CollectionMembers.popCount(args);
        if (parsed.isEmpty()) {
            return CollectionMembers.NOT_POSITIVE;
        }
        long count = parsed.getAsLong();
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        Reply empty = args.size() == 3 ? new Reply.SetReply(List.of()) : Reply.NIL;
        if (meta == null) {
            return empty;
        }
        if (wrongType(meta)) {
            return Errors.WRONGTYPE;
        }
        if (count == 0) {
            return empty;
        }
        List<HashSetSample.Entry> picked = HashSetSample.distinct(ctx, key, meta, count);
        for (HashSetSample.Entry entry : picked) {
            ctx.batch().deleteMember(ctx.db(), key, meta, entry.member());
        }
        CollectionMembers.shrink(ctx, key, meta, picked.size());
        if (args.size() == 2) {
            return Reply.bulk(picked.get(0).member());
        }
        return new Reply.SetReply(picked.stream().map(entry -> Reply.bulk(entry.member())).toList());
    }

    private static Reply smove(SlotContext ctx, List<byte[]> args) {
        byte[] src = args.get(1);
        byte[] dst = args.get(2);
        byte[] member = args.get(3);
        KeyMeta from = ctx.batch().get(ctx.db(), src);
        KeyMeta to = ctx.batch().get(ctx.db(), dst);
        if (from == null) {
            return Reply.ZERO;
        }
        if (wrongType(from) || wrongType(to)) {
            return Errors.WRONGTYPE;
        }
        if (Arrays.equals(src, dst)) {
            return Reply.integer(contains(ctx, src, from, member) ? 1 : 0);
        }
        if (!contains(ctx, src, from, member)) {
            return Reply.ZERO;
        }
        ctx.batch().deleteMember(ctx.db(), src, from, member);
        CollectionMembers.shrink(ctx, src, from, 1);
        if (to == null) {
            to = ctx.batch().newCollection(KeyType.SET, 0);
        }
        if (!contains(ctx, dst, to, member)) {
            ctx.batch().putMember(ctx.db(), dst, to, member, NO_VALUE);
            ctx.batch().put(ctx.db(), dst, to.withSize(to.size() + 1));
        }
        return Reply.ONE;
    }
}
