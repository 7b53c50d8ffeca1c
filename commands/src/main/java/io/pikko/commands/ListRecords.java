package io.pikko.commands;

import io.pikko.storage.KeyCodec;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import io.pikko.storage.MemberCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * How a list is stored: the element at position p (0 is the first) is the data record at index
 * {@code head + p}, so the indexes of a list are always the contiguous range [head, tail). Pushes
 * move head or tail; a change in the middle shifts the elements on its shorter side.
 *
 * <p>Every method that changes a list writes its new metadata, or deletes the key when the list
 * becomes empty, as Redis does.
 */
final class ListRecords {
    private ListRecords() {}

    /** The element at a position in [0, size). */
    static byte[] get(SlotContext ctx, byte[] key, KeyMeta meta, long position) {
        return ctx.batch().getMember(ctx.db(), key, meta, KeyCodec.sortableIndex(meta.listHead() + position));
    }

    /** The elements at positions [from, to], both in [0, size), in list order. */
    static List<byte[]> range(SlotContext ctx, byte[] key, KeyMeta meta, long from, long to) {
        List<byte[]> elements = new ArrayList<>((int) Math.min(to - from + 1, 1 << 16));
        try (MemberCursor cursor = ctx.batch().members(ctx.db(), key, meta)) {
            cursor.seek(KeyCodec.sortableIndex(meta.listHead() + from));
            for (long p = from; p <= to && cursor.valid(); p++) {
                elements.add(cursor.value());
                // Never step past the last wanted element: beyond the tail lie the tombstones of
                // popped elements, and walking them would make every RPOP slower than the last.
                if (p < to) {
                    cursor.next();
                }
            }
        }
        return elements;
    }

    /**
     * Positions (ascending from the head, or descending from the tail) of the elements equal to
     * {@code element} among the first {@code maxlen} looked at (0: all), stopping after
     * {@code limit} matches (0: no limit).
     */
    static List<Long> find(SlotContext ctx, byte[] key, KeyMeta meta, byte[] element, boolean fromTail,
                           long maxlen, long limit) {
        List<Long> positions = new ArrayList<>();
        long head = meta.listHead();
        try (MemberCursor cursor = ctx.batch().members(ctx.db(), key, meta)) {
            // Seek to the live ends, not the prefix's: popped elements leave tombstones outside them.
            if (fromTail) {
                cursor.seekForPrev(KeyCodec.sortableIndex(meta.listTail() - 1));
            } else {
                cursor.seek(KeyCodec.sortableIndex(head));
            }
            long limitSeen = maxlen == 0 ? meta.size() : Math.min(maxlen, meta.size());
            for (long seen = 0; seen < limitSeen && cursor.valid(); seen++) {
                if (Arrays.equals(cursor.value(), element)) {
                    positions.add(KeyCodec.indexOf(cursor.suffix()) - head);
                    if (positions.size() == limit) {
                        break;
                    }
                }
                if (seen + 1 < limitSeen) {
                    step(cursor, fromTail);
                }
            }
        }
        return positions;
    }

    private static void step(MemberCursor cursor, boolean backwards) {
        if (backwards) {
            cursor.prev();
        } else {
            cursor.next();
        }
    }

    /**
     * Pushes elements one by one at the head or the tail, creating the list when {@code meta} is
     * null; returns the new length.
     */
    static long push(SlotContext ctx, byte[] key, KeyMeta meta, List<byte[]> elements, boolean left) {
        KeyMeta list = meta == null ? ctx.batch().newCollection(KeyType.LIST, 0) : meta;
        long head = list.listHead();
        long tail = list.listTail();
        for (byte[] element : elements) {
            long index = left ? --head : tail++;
            ctx.batch().putMember(ctx.db(), key, list, KeyCodec.sortableIndex(index), element);
        }
        ctx.batch().put(ctx.db(), key, list.withListBounds(head, tail));
        return tail - head;
    }

    /** Removes up to {@code count} elements from one end and returns them in the order popped. */
    static List<byte[]> pop(SlotContext ctx, byte[] key, KeyMeta meta, long count, boolean left) {
        long size = meta.size();
        long n = Math.min(count, size);
        List<byte[]> popped = left ? range(ctx, key, meta, 0, n - 1) : range(ctx, key, meta, size - n, size - 1);
        if (!left) {
            Collections.reverse(popped);
        }
        if (n == size) {
            ctx.batch().delete(ctx.db(), key);
            return popped;
        }
        long head = meta.listHead();
        long tail = meta.listTail();
        for (long i = 0; i < n; i++) {
            long index = left ? head++ : --tail;
            ctx.batch().deleteMember(ctx.db(), key, meta, KeyCodec.sortableIndex(index));
        }
        ctx.batch().put(ctx.db(), key, meta.withListBounds(head, tail));
        return popped;
    }

    static void set(SlotContext ctx, byte[] key, KeyMeta meta, long position, byte[] element) {
        ctx.batch().putMember(ctx.db(), key, meta, KeyCodec.sortableIndex(meta.listHead() + position), element);
    }

    /** Inserts an element so that it lands at {@code position} in [0, size]; returns the new length. */
    static long insert(SlotContext ctx, byte[] key, KeyMeta meta, long position, byte[] element) {
        long size = meta.size();
        long head = meta.listHead();
        long tail = meta.listTail();
        if (position < size - position) {
            // The elements before the position move one index down.
            List<byte[]> before = position == 0 ? List.of() : range(ctx, key, meta, 0, position - 1);
            head--;
            for (int i = 0; i < before.size(); i++) {
                ctx.batch().putMember(ctx.db(), key, meta, KeyCodec.sortableIndex(head + i), before.get(i));
            }
        } else {
            // The elements from the position on move one index up.
            List<byte[]> after = position == size ? List.of() : range(ctx, key, meta, position, size - 1);
            for (int i = 0; i < after.size(); i++) {
                ctx.batch().putMember(ctx.db(), key, meta, KeyCodec.sortableIndex(head + position + 1 + i), after.get(i));
            }
            tail++;
        }
        ctx.batch().putMember(ctx.db(), key, meta, KeyCodec.sortableIndex(head + position), element);
        ctx.batch().put(ctx.db(), key, meta.withListBounds(head, tail));
        return tail - head;
    }

    /** Removes the elements at the given positions (ascending, distinct), closing the gaps. */
    static void remove(SlotContext ctx, byte[] key, KeyMeta meta, List<Long> positions) {
        long size = meta.size();
        int n = positions.size();
        if (n == size) {
            ctx.batch().delete(ctx.db(), key);
            return;
        }
        long first = positions.get(0);
        long last = positions.get(n - 1);
        long head = meta.listHead();
        long tail = meta.listTail();
        if (last + 1 <= size - first) {
            // Cheaper from the head: the survivors before the last gap move up to close it.
            List<byte[]> kept = survivors(range(ctx, key, meta, 0, last), 0, positions);
            long newHead = head + n;
            for (int i = 0; i < kept.size(); i++) {
                ctx.batch().putMember(ctx.db(), key, meta, KeyCodec.sortableIndex(newHead + i), kept.get(i));
            }
            for (long index = head; index < newHead; index++) {
                ctx.batch().deleteMember(ctx.db(), key, meta, KeyCodec.sortableIndex(index));
            }
            head = newHead;
        } else {
            // Cheaper from the tail: the survivors after the first gap move down.
            List<byte[]> kept = survivors(range(ctx, key, meta, first, size - 1), first, positions);
            for (int i = 0; i < kept.size(); i++) {
                ctx.batch().putMember(ctx.db(), key, meta, KeyCodec.sortableIndex(head + first + i), kept.get(i));
            }
            long newTail = tail - n;
            for (long index = newTail; index < tail; index++) {
                ctx.batch().deleteMember(ctx.db(), key, meta, KeyCodec.sortableIndex(index));
            }
            tail = newTail;
        }
        ctx.batch().put(ctx.db(), key, meta.withListBounds(head, tail));
    }

    /** The elements of a run starting at position {@code start}, without those at {@code removed}. */
    private static List<byte[]> survivors(List<byte[]> run, long start, List<Long> removed) {
        List<byte[]> kept = new ArrayList<>(run.size());
        int r = 0;
        for (int i = 0; i < run.size(); i++) {
            long position = start + i;
            while (r < removed.size() && removed.get(r) < position) {
                r++;
            }
            if (r < removed.size() && removed.get(r) == position) {
                continue;
            }
            kept.add(run.get(i));
        }
        return kept;
    }

    /** Drops {@code fromHead} elements at the head and {@code fromTail} at the tail. */
    static void trim(SlotContext ctx, byte[] key, KeyMeta meta, long fromHead, long fromTail) {
        if (fromHead + fromTail >= meta.size()) {
            ctx.batch().delete(ctx.db(), key);
            return;
        }
        if (fromHead == 0 && fromTail == 0) {
            return;
        }
        long head = meta.listHead();
        long tail = meta.listTail();
        for (long i = 0; i < fromHead; i++) {
            ctx.batch().deleteMember(ctx.db(), key, meta, KeyCodec.sortableIndex(head + i));
        }
        for (long i = 1; i <= fromTail; i++) {
            ctx.batch().deleteMember(ctx.db(), key, meta, KeyCodec.sortableIndex(tail - i));
        }
        ctx.batch().put(ctx.db(), key, meta.withListBounds(head + fromHead, tail - fromTail));
    }
}
