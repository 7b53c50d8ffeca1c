package io.pikko.commands;

import java.util.Optional;

/**
 * A start..end pair of indexes (LRANGE, LTRIM, ZRANGE by rank) read as Redis reads it: negative
 * indexes count from the end, and the pair is cut to the collection; empty when nothing is left.
 */
record IndexRange(long from, long to) {
    static Optional<IndexRange> of(long start, long end, long size) {
        long from = start < 0 ? Math.max(size + start, 0) : start;
        long to = end < 0 ? size + end : Math.min(end, size - 1);
        return from > to || from >= size ? Optional.empty() : Optional.of(new IndexRange(from, to));
    }
}
