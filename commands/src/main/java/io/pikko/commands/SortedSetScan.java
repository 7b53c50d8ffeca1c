package io.pikko.commands;

import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.protocol.GlobPattern;
import io.pikko.storage.KeyMeta;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * ZSCAN. A set of up to 128 members comes whole in one reply, in score order and with cursor 0
 * whatever the cursor given, as Redis answers for its compact encoding; a larger one is walked by
 * {@link MemberScan} in member byte order.
 */
final class SortedSetScan {
    /** Redis's zset-max-listpack-entries: up to this size Redis scans a sorted set in one call. */
    private static final long COMPACT_SIZE = 128;
    private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);

    private SortedSetScan() {}

    static Reply zscan(SlotContext ctx, List<byte[]> args) {
        OptionalLong cursor = HashSetScan.parseCursor(args.get(2));
        if (cursor.isEmpty()) {
            return Reply.error("ERR invalid cursor");
        }
        byte[] key = args.get(1);
        KeyMeta meta = SortedSetCommands.lookup(ctx, key);
        if (meta == SortedSetCommands.WRONG_TYPE) {
            return Errors.WRONGTYPE;
        }
        if (meta == null) {
            return MemberScan.page(0, List.of());
        }
        MemberScan.Options options = MemberScan.options(args);
        if (options.error() != null) {
            return options.error();
        }
        if (meta.size() <= COMPACT_SIZE) {
            List<Reply> items = new ArrayList<>();
            for (ZSetEntry entry : new ZSetReader(ctx, key, meta).all()) {
                add(items, options.pattern(), entry.member(), entry.score(), true);
            }
            return MemberScan.page(0, items);
        }
        return MemberScan.walk(ctx, key, meta, cursor.getAsLong(), options,
                (items, member, value) -> add(items, null, member, ByteBuffer.wrap(value).getDouble(), false));
    }

    private static void add(List<Reply> items, GlobPattern pattern, byte[] member, double score, boolean compact) {
        if (pattern == null || pattern.matches(member)) {
            items.add(new Reply.Bulk(member));
            items.add(new Reply.Bulk(scoreText(score, compact).getBytes(StandardCharsets.US_ASCII)));
        }
    }


    /**
     * A score as ZSCAN prints it, a string rather than a double: Redis's compact encoding keeps a
     * whole score up to 2^62 as an integer, its skiplist prints with d2string (integers below 2^52,
     * else "%.17g", so 0.1 is "0.10000000000000001" and 1e20 is "1e+20").
     */
    private static String scoreText(double score, boolean compact) {
        if (Double.isInfinite(score)) {
            return score > 0 ? "inf" : "-inf";
        }
        double integerLimit = compact ? Long.MAX_VALUE / 2 : 1L << 52;
        if (score == Math.rint(score) && Math.abs(score) <= integerLimit) {
            return Long.toString((long) score);
        }
        BigDecimal rounded = new BigDecimal(score).round(SEVENTEEN_DIGITS);
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < 17) {
            return rounded.stripTrailingZeros().toPlainString();
        }
        String digits = rounded.unscaledValue().abs().toString().replaceFirst("0+$", "");
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = score < 0 ? "-" : "";
        return String.format("%s%se%s%02d", sign, mantissa, exponent < 0 ? "-" : "+", Math.abs(exponent));
    }
}
