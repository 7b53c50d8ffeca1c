package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.protocol.GlobPattern;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.MemberCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The walk HSCAN, SSCAN and ZSCAN share over one collection's members, in the order they are
 * stored. The cursor is a token of the slot's {@link io.pikko.commands.ScanCursors} naming the member
 * to resume at, so members removed or added between calls never make the walk skip one present
 * throughout, as Redis promises.
 */
final class MemberScan {
    private static final long DEFAULT_COUNT = 10;

    /** The parsed options, or the error to answer. */
    record Options(long count, GlobPattern pattern, Reply error) {}

    /** What a member adds to the page: the member, and for hashes and sorted sets its value. */
    @FunctionalInterface
    interface Emit {
        void add(List<Reply> items, byte[] member, byte[] value);
    }

    private MemberScan() {}

    /** {@code args}: name key cursor [MATCH pattern] [COUNT count]. */
    static Options options(List<byte[]> args) {
        long count = DEFAULT_COUNT;
        GlobPattern pattern = null;
        for (int i = 3; i < args.size(); i += 2) {
            String option = Args.option(args.get(i));
            boolean hasValue = i + 1 < args.size();
            if (option.equals("COUNT") && hasValue) {
                OptionalLong n = Args.parseLong(args.get(i + 1));
                if (n.isEmpty()) {
                    return new Options(0, null, Errors.NOT_INTEGER);
                }
                if (n.getAsLong() < 1) {
                    return new Options(0, null, Errors.SYNTAX);
                }
                count = n.getAsLong();
            } else if (option.equals("MATCH") && hasValue) {
                GlobPattern glob = GlobPattern.of(args.get(i + 1));
                pattern = glob.matchesAll() ? null : glob;
            } else {
                return new Options(0, null, Errors.SYNTAX);
            }
        }
        return new Options(count, pattern, null);
    }

    /** One page: walks {@code count} members (matching or not, as Redis counts work) from the cursor. */
    static Reply walk(SlotContext ctx, byte[] key, KeyMeta meta, long cursor, Options options, Emit emit) {
        byte[] resumeAt = cursor == 0 ? null : ctx.scanCursors().resume(cursor);
        List<Reply> items = new ArrayList<>();
        try (MemberCursor members = ctx.batch().members(ctx.db(), key, meta)) {
            if (resumeAt == null) {
                members.seekFirst();
            } else {
                members.seek(resumeAt);
            }
            for (long n = 0; n < options.count() && members.valid(); n++, members.next()) {
                byte[] member = members.suffix();
                if (options.pattern() == null || options.pattern().matches(member)) {
                    emit.add(items, member, members.value());
                }
            }
            long next = members.valid() ? ctx.scanCursors().remember(members.suffix()) : 0;
            return page(next, items);
        }
    }

    static Reply page(long next, List<Reply> items) {
        return Reply.array(List.of(Reply.bulk(Long.toUnsignedString(next)), Reply.array(items)));
    }
}
