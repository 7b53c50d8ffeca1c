package io.pikko.commands;

import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import java.util.List;
import java.util.OptionalLong;

/** HSCAN and SSCAN, with Redis 7.0's arguments, replies and errors; the walk is {@link MemberScan}'s. */
final class HashSetScan {
    private static final Reply INVALID_CURSOR = Reply.error("ERR invalid cursor");

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
            return MemberScan.page(0, List.of());
        }
        if (meta.type() != type) {
            return Errors.WRONGTYPE;
        }
        MemberScan.Options options = MemberScan.options(args);
        if (options.error() != null) {
            return options.error();
        }
        boolean withValues = type == KeyType.HASH;
        return MemberScan.walk(ctx, key, meta, cursor.getAsLong(), options, (items, member, value) -> {
            items.add(Reply.bulk(member));
            if (withValues) {
                items.add(Reply.bulk(value));
            }
        });
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
