package io.pikko.commands;

import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyCodec;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * SORT and SORT_RO over lists, sets and sorted sets, following Redis 7.0's sortCommandGeneric
 * step by step: the LIMIT window, "BY pattern-without-*" (no sorting), numeric weights read with
 * strtod, ALPHA, GET patterns and STORE. BY and GET may name keys only in the sorted
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

    static void register(Map<String, SlotHandler> handlers) {
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
        SortOptions.Parsed parsed = SortOptions.parse(args, readonly);
        if (parsed.error() != null) {
            return parsed.error();
        }
        SortOptions options = parsed.options();
        KeyMeta meta = ctx.batch().get(ctx.db(), args.get(1));
        KeyType type = meta == null ? KeyType.LIST : meta.type();
        if (type != KeyType.LIST && type != KeyType.SET && type != KeyType.ZSET) {
            return Errors.WRONGTYPE;
        }
        if (options.dontSort() && type == KeyType.SET && options.storeKey() != null) {
            options = options.sortedForStore();
        }
        List<byte[]> elements = meta == null ? List.of() : elements(ctx, args.get(1), meta);
        List<byte[]> window;
        if (options.dontSort()) {
            window = unsortedWindow(elements, options, type);
        } else {
            window = sortedWindow(ctx, elements, options);
            if (window == null) {
                return NOT_DOUBLE;
            }
        }

        List<byte[]> output = new ArrayList<>();
        List<Reply> replies = new ArrayList<>();
        for (byte[] element : window) {
            if (options.gets().isEmpty()) {
                output.add(element);
                replies.add(Reply.bulk(element));
            }
            for (SortPattern get : options.gets()) {
                byte[] value = get.lookup(ctx, element);
                output.add(value == null ? new byte[0] : value);
                replies.add(Reply.bulk(value));
            }
        }
        if (options.storeKey() == null) {
            return Reply.array(replies);
        }
        store(ctx, options.storeKey(), output);
        return Reply.integer(output.size());
    }

    /** Redis's LIMIT window over {@code size} elements: {first, last}, empty when last < first. */
    private static long[] limits(int size, SortOptions options) {
        long start = Math.min(Math.max(options.limitStart(), 0), size);
        long count = Math.min(Math.max(options.limitCount(), -1), size);
        long end = count < 0 ? size - 1 : start + count - 1;
        if (start >= size) {
            start = size - 1;
            end = size - 2;
        }
        return new long[] {start, Math.min(end, size - 1)};
    }

    /** Without sorting, lists and sorted sets keep their own order, reversed by DESC; a set its iteration order. */
    private static List<byte[]> unsortedWindow(List<byte[]> elements, SortOptions options, KeyType type) {
        long[] window = limits(elements.size(), options);
        if (window[1] < window[0]) {
            return List.of();
        }
        List<byte[]> ordered = elements;
        if (options.desc() && type != KeyType.SET) {
            ordered = new ArrayList<>(elements);
            Collections.reverse(ordered);
        }
        return ordered.subList((int) window[0], (int) window[1] + 1);
    }

    /** The window of the sorted elements, or null when some weight is not a number. */
    private static List<byte[]> sortedWindow(SlotContext ctx, List<byte[]> elements, SortOptions options) {
        List<Item> items = new ArrayList<>(elements.size());
        elements.forEach(e -> items.add(new Item(e)));
        if (!weigh(ctx, items, options.by(), options.alpha())) {
            return null;
        }
        items.sort(comparator(options.alpha(), options.by() != null, options.storeKey() != null, options.desc()));
        long[] window = limits(elements.size(), options);
        List<byte[]> out = new ArrayList<>();
        for (long j = window[0]; j <= window[1]; j++) {
            out.add(items.get((int) j).element);
        }
        return out;
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
