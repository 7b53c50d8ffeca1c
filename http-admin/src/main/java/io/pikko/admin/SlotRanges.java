package io.pikko.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Slot lists told briefly: runs of consecutive slots that share a value (a group, an action's
 * state and target, a move's groups), so 512 slots moving alike take one line.
 */
final class SlotRanges {
    private SlotRanges() {}

    /** One run of slots {@code from..to}; {@code value} may be null (a slot of no group, say). */
    record Range<V>(int from, int to, V value) {
        String slots() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }

    /**
     * The runs of {@code items}, taken in the order given: an item joins the run before it when its
     * slot is the next one and its value is equal.
     */
    static <T, V> List<Range<V>> of(Iterable<T> items, ToIntFunction<T> slot, Function<T, V> value) {
        List<Range<V>> ranges = new ArrayList<>();
        for (T item : items) {
            int s = slot.applyAsInt(item);
            V v = value.apply(item);
            Range<V> last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && last.to() + 1 == s && Objects.equals(last.value(), v)) {
                ranges.set(ranges.size() - 1, new Range<>(last.from(), s, v));
            } else {
                ranges.add(new Range<>(s, s, v));
            }
        }
        return ranges;
    }
}
