package io.pikko.actors.command;

import io.pikko.actors.Errors;
import io.pikko.actors.Reply;
import io.pikko.storage.GlobPattern;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import io.pikko.storage.MemberCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * HSCAN and SSCAN, with Redis 7.0's arguments, replies and errors.
 *
 * <p>The cursor is the number of members already walked in the order they are stored (byte order),
 * and resuming skips that many records. So a full scan returns every member present throughout,
 * as Redis promises, as long as no member before the cursor is removed between calls; if some are,
 * as many members may be passed over (and after additions some may come twice). Resuming costs a
 * walk over the skipped records.
 */
final class HashSetScan {
    private static final Reply INVALID_CURSOR = Reply.error("ERR invalid cursor");
    private static final long DEFAULT_COUNT = 10;

    private HashSetScan() {}

    /** {@code args}: SCAN-name key cursor [MATCH pattern] [COUNT count]; values follow fields of a hash. */
    static Reply scan(SlotContext ctx, List<byte[]> args, KeyType type) {
        OptionalLong cursor = parseCursor(args.get(2));
        if (cursor.isEmpty()) {
            return INVALID_CURSOR;
        }
        byte[] key = args.get(1);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta == null) {
            // As in Redis, the options of a scan over a missing key are not even read.
            return page(0, List.of());
        }
        if (meta.type() != type) {
            return Errors.WRONGTYPE;
        }
        long count = DEFAULT_COUNT;
        GlobPattern pattern = null;
        for (int i = 3; i < args.size(); i += 2) {
            String option = Args.option(args.get(i));
            boolean hasValue = i + 1 < args.size();
            if (option.equals("COUNT") && hasValue) {
                OptionalLong n = Args.parseLong(args.get(i + 1));
                if (n.isEmpty()) {
                    return Errors.NOT_INTEGER;
                }
                if (n.getAsLong() < 1) {
                    return Errors.SYNTAX;
                }
                count = n.getAsLong();
            } else if (option.equals("MATCH") && hasValue) {
                GlobPattern glob = GlobPattern.of(args.get(i + 1));
                pattern = glob.matchesAll() ? null : glob;
            } else {
                return Errors.SYNTAX;
            }
        }
        long start = cursor.getAsLong();
        if (Long.compareUnsigned(start, meta.size()) >= 0) {
            return page(0, List.of());
        }
        boolean withValues = type == KeyType.HASH;
        List<Reply> items = new ArrayList<>();
        try (MemberCursor members = ctx.batch().members(ctx.db(), key, meta).seekFirst()) {
            for (long skipped = 0; skipped < start && members.valid(); skipped++) {
                members.next();
            }
            long walked = start;
            // COUNT is the work done, as in Redis: members that fail MATCH count too.
            for (long n = 0; n < count && members.valid(); n++, members.next()) {
                walked++;
                byte[] member = members.suffix();
                if (pattern == null || pattern.matches(member)) {
                    items.add(Reply.bulk(member));
                    if (withValues) {
                        items.add(Reply.bulk(members.value()));
                    }
                }
            }
            return page(members.valid() ? walked : 0, items);
        }
    }

    private static Reply page(long next, List<Reply> items) {
        return Reply.array(List.of(Reply.bulk(Long.toUnsignedString(next)), Reply.array(items)));
    }

    /**
     * A cursor as Redis reads it with strtoul: an optional sign and decimal digits, up to 2^64 - 1,
     * a negative value wrapping around as in C; the empty string is 0. No leading space.
     */
    static OptionalLong parseCursor(byte[] text) {
        int i = 0;
        boolean negative = false;
        if (text.length > 0 && (text[0] == '+' || text[0] == '-')) {
            negative = text[0] == '-';
            i = 1;
        }
        if (i == text.length) {
            // strtoul reads nothing: fine for "", which it stops at the end of, not for a lone sign.
            return text.length == 0 ? OptionalLong.of(0) : OptionalLong.empty();
        }
        long value = 0;
        for (; i < text.length; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return OptionalLong.empty();
            }
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                return OptionalLong.empty();
            }
            value = value * 10 + digit;
        }
        return OptionalLong.of(negative ? -value : value);
    }
}
