package io.pikko.actors.command;

import io.pikko.actors.Errors;
import io.pikko.actors.Reply;
import io.pikko.storage.KeyCodec;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * SORT and SORT_RO over lists, sets and sorted sets, following Redis 7.0's sortCommandGeneric
 * step by step: options, the LIMIT window, "BY pattern-without-*" (no sorting), numeric weights
 * read with strtod, ALPHA, GET patterns and STORE. BY and GET may name keys only in the sorted
 * key's slot (use a hash tag); any other answers CROSSSLOT. Elements with equal weights keep
 * their order (Redis's qsort from glibc is a stable merge sort); ALPHA compares bytes, as
 * strcoll does in the C locale.
 */
final class SortCommand {
    private static final Reply NOT_DOUBLE = Reply.error("ERR One or more scores can't be converted into double");

    /** One element to sort, with the weight or text it sorts by. */
    private static final class Item {
        final byte[] element;
        double score;
        byte[] sortText;

        Item(byte[] element) {
            this.element = element;
        }
    }

    private SortCommand() {}

    static void register(java.util.Map<String, SlotHandler> handlers) {
        handlers.put("sort", (ctx, args) -> sort(ctx, args, false));
        handlers.put("sort_ro", (ctx, args) -> sort(ctx, args, true));
    }

    private static Reply sort(SlotContext ctx, List<byte[]> args, boolean readonly) {
        try {
            return sortOrFail(ctx, args, readonly);
        } catch (SortPattern.CrossSlot e) {
            return Errors.crossSlot();
        }
    }

    private static Reply sortOrFail(SlotContext ctx, List<byte[]> args, boolean readonly) {
        boolean desc = false;
        boolean alpha = false;
        boolean dontSort = false;
        long limitStart = 0;
        long limitCount = -1;
        SortPattern by = null;
        byte[] storeKey = null;
        List<SortPattern> gets = new ArrayList<>();
        for (int j = 2; j < args.size(); j++) {
            int left = args.size() - j - 1;
            String option = Args.option(args.get(j));
            if (option.equals("ASC")) {
                desc = false;
            } else if (option.equals("DESC")) {
                desc = true;
            } else if (option.equals("ALPHA")) {
                alpha = true;
            } else if (option.equals("LIMIT") && left >= 2) {
                OptionalLong start = Args.parseLong(args.get(j + 1));
                OptionalLong count = Args.parseLong(args.get(j + 2));
                if (start.isEmpty() || count.isEmpty()) {
                    return Errors.NOT_INTEGER;
                }
                limitStart = start.getAsLong();
                limitCount = count.getAsLong();
                j += 2;
            } else if (!readonly && option.equals("STORE") && left >= 1) {
                storeKey = args.get(++j);
            } else if (option.equals("BY") && left >= 1) {
                byte[] pattern = args.get(++j);
                by = new SortPattern(pattern);
                // As in Redis, a constant pattern turns sorting off for good, even if another BY follows.
                dontSort |= SortPattern.isConstant(pattern);
            } else if (option.equals("GET") && left >= 1) {
                gets.add(new SortPattern(args.get(++j)));
            } else {
                return Errors.SYNTAX;
            }
        }

        KeyMeta meta = ctx.batch().get(ctx.db(), args.get(1));
        KeyType type = meta == null ? KeyType.LIST : meta.type();
        if (type != KeyType.LIST && type != KeyType.SET && type != KeyType.ZSET) {
            return Errors.WRONGTYPE;
        }
        // Stored results must not depend on a set's internal order: sort them by their bytes.
        if (dontSort && type == KeyType.SET && storeKey != null) {
            dontSort = false;
            alpha = true;
            by = null;
        }
        List<byte[]> elements = meta == null ? List.of() : elements(ctx, args.get(1), meta);

        int size = elements.size();
        long start = Math.min(Math.max(limitStart, 0), size);
        long count = Math.min(Math.max(limitCount, -1), size);
        long end = count < 0 ? size - 1 : start + count - 1;
        if (start >= size) {
            start = size - 1;
            end = size - 2;
        }
        if (end >= size) {
            end = size - 1;
        }
        List<byte[]> window;
        if (dontSort) {
            // Lists and sorted sets keep their own order, reversed by DESC; a set its iteration order.
            List<byte[]> ordered = elements;
            if (desc && type != KeyType.SET) {
                ordered = new ArrayList<>(elements);
                Collections.reverse(ordered);
            }
            window = end >= start ? ordered.subList((int) start, (int) end + 1) : List.of();
        } else {
            List<Item> items = new ArrayList<>(size);
            elements.forEach(e -> items.add(new Item(e)));
            if (!weigh(ctx, items, by, alpha)) {
                return NOT_DOUBLE;
            }
            items.sort(comparator(alpha, by != null, storeKey != null, desc));
            window = new ArrayList<>();
            for (long j = start; j <= end; j++) {
                window.add(items.get((int) j).element);
            }
        }

        List<byte[]> output = new ArrayList<>();
        List<Reply> replies = new ArrayList<>();
        for (byte[] element : window) {
            if (gets.isEmpty()) {
                output.add(element);
                replies.add(Reply.bulk(element));
            }
            for (SortPattern get : gets) {
                byte[] value = get.lookup(ctx, element);
                output.add(value == null ? new byte[0] : value);
                replies.add(Reply.bulk(value));
            }
        }
        if (storeKey == null) {
            return Reply.array(replies);
        }
        store(ctx, storeKey, output);
        return Reply.integer(output.size());
    }

    /** The elements in their own order: a list's, a sorted set's by score, a set's in byte order. */
    private static List<byte[]> elements(SlotContext ctx, byte[] key, KeyMeta meta) {
        return switch (meta.type()) {
            case LIST -> ObjectMembers.list(ctx, key, meta);
            case SET -> ObjectMembers.members(ctx, key, meta, Long.MAX_VALUE);
            default -> ObjectMembers.zset(ctx, key, meta).stream().map(ObjectMembers.Scored::member).toList();
        };
    }

    /**
     * Sets each item's weight: with ALPHA the text BY names (none without BY: the element itself
     * is compared); otherwise the number strtod reads from it or from the element. A missing BY
     * key leaves the weight 0. False when some weight is not a whole, finite, in-range number.
     */
    private static boolean weigh(SlotContext ctx, List<Item> items, SortPattern by, boolean alpha) {
        boolean valid = true;
        for (Item item : items) {
            byte[] weight = by == null ? item.element : by.lookup(ctx, item.element);
            if (weight == null) {
                continue;
            }
            if (alpha) {
                item.sortText = by == null ? null : weight;
            } else {
                // strtod stops at a NUL byte, and Redis only checks that it stopped there.
                int length = cStringLength(weight);
                RdbStrtod.Result parsed = RdbStrtod.parse(weight, length);
                item.score = parsed.value();
                valid &= parsed.consumed() == length && !parsed.rangeError() && !Double.isNaN(parsed.value());
            }
        }
        return valid;
    }

    /** Redis's sortCompare; DESC reverses the whole comparison, tie-breaks included. */
    private static Comparator<Item> comparator(boolean alpha, boolean byPattern, boolean storing, boolean desc) {
        Comparator<byte[]> text = storing ? Arrays::compareUnsigned : SortCommand::collate;
        Comparator<Item> order;
        if (!alpha) {
            order = (a, b) -> a.score > b.score ? 1 : a.score < b.score ? -1 : Arrays.compareUnsigned(a.element, b.element);
        } else if (byPattern) {
            order = (a, b) -> a.sortText == null || b.sortText == null
                    ? Boolean.compare(a.sortText != null, b.sortText != null)
                    : text.compare(a.sortText, b.sortText);
        } else {
            order = (a, b) -> text.compare(a.element, b.element);
        }
        return desc ? order.reversed() : order;
    }

    /** strcoll in the C locale: strcmp, which compares unsigned bytes up to the first NUL. */
    private static int collate(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, 0, cStringLength(a), b, 0, cStringLength(b));
    }

    private static int cStringLength(byte[] s) {
        for (int i = 0; i < s.length; i++) {
            if (s[i] == 0) {
                return i;
            }
        }
        return s.length;
    }

    /** STORE: the result becomes a list (without TTL) replacing the key; an empty result deletes it. */
    private static void store(SlotContext ctx, byte[] key, List<byte[]> values) {
        if (values.isEmpty()) {
            ctx.batch().delete(ctx.db(), key);
            return;
        }
        KeyMeta list = ctx.batch().newCollection(KeyType.LIST, 0);
        for (int i = 0; i < values.size(); i++) {
            ctx.batch().putMember(ctx.db(), key, list, KeyCodec.sortableIndex(i), values.get(i));
        }
        ctx.batch().put(ctx.db(), key, list.withListBounds(0, values.size()));
    }
}
