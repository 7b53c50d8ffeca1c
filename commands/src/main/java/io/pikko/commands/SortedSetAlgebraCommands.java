package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import io.pikko.storage.MemberCursor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD, following Redis 7.0's
 * zunionInterDiffGenericCommand: plain sets may be inputs (every member scoring 1), inputs are
 * combined smallest first, and an undefined product or sum (0 * inf, inf - inf) counts as 0.
 */
final class SortedSetAlgebraCommands {
    private enum Op { UNION, INTER, DIFF }

    private enum Aggregate { SUM, MIN, MAX }

    /** Score order with ties by member bytes; -0 and 0 are equal, as in Redis's skiplist. */
    private static final Comparator<ZSetEntry> SCORE_ORDER = (a, b) -> a.score() < b.score() ? -1
            : a.score() > b.score() ? 1 : Arrays.compareUnsigned(a.member(), b.member());

    /** One input: a sorted set, a set, or a missing key (meta null). */
    private record Source(byte[] key, KeyMeta meta, double weight) {
        long size() {
            return meta == null ? 0 : meta.size();
        }
    }

    private SortedSetAlgebraCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
        handlers.put("zunion", (ctx, args) -> combine(ctx, args, Op.UNION, false, false));
        handlers.put("zinter", (ctx, args) -> combine(ctx, args, Op.INTER, false, false));
        handlers.put("zdiff", (ctx, args) -> combine(ctx, args, Op.DIFF, false, false));
        handlers.put("zunionstore", (ctx, args) -> combine(ctx, args, Op.UNION, true, false));
        handlers.put("zinterstore", (ctx, args) -> combine(ctx, args, Op.INTER, true, false));
        handlers.put("zdiffstore", (ctx, args) -> combine(ctx, args, Op.DIFF, true, false));
        handlers.put("zintercard", (ctx, args) -> combine(ctx, args, Op.INTER, false, true));
    }

    /**
     * {@code [destination] numkeys key [key ...]} and the options: keys are checked for type
     * before the options are read, as Redis does.
     */
    private static Reply combine(SlotContext ctx, List<byte[]> args, Op op, boolean store, boolean cardinalityOnly) {
        int numKeysAt = store ? 2 : 1;
        OptionalLong parsed = Args.parseLong(args.get(numKeysAt));
        if (parsed.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        long numKeys = parsed.getAsLong();
        if (numKeys < 1) {
            return Reply.error("ERR at least 1 input key is needed for '" + Args.text(args.get(0)).toLowerCase(Locale.ROOT) + "' command");
        }
        if (numKeys > args.size() - numKeysAt - 1) {
            return Errors.SYNTAX;
        }
        List<Source> sources = new ArrayList<>();
        int at = numKeysAt + 1;
        for (; at < numKeysAt + 1 + numKeys; at++) {
            KeyMeta meta = ctx.batch().get(ctx.db(), args.get(at));
            if (meta != null && meta.type() != KeyType.ZSET && meta.type() != KeyType.SET) {
                return Errors.WRONGTYPE;
            }
            sources.add(new Source(args.get(at), meta, 1));
        }
        Aggregate aggregate = Aggregate.SUM;
        boolean withScores = false;
        long limit = 0;
        while (at < args.size()) {
            int remaining = args.size() - at;
            String option = Args.option(args.get(at));
            if (op != Op.DIFF && !cardinalityOnly && remaining >= numKeys + 1 && option.equals("WEIGHTS")) {
                at++;
                for (int i = 0; i < numKeys; i++, at++) {
                    OptionalDouble weight = Args.parseDouble(args.get(at));
                    if (weight.isEmpty()) {
                        return Reply.error("ERR weight value is not a float");
                    }
                    Source source = sources.get(i);
                    sources.set(i, new Source(source.key(), source.meta(), weight.getAsDouble()));
                }
            } else if (op != Op.DIFF && !cardinalityOnly && remaining >= 2 && option.equals("AGGREGATE")) {
                switch (Args.option(args.get(at + 1))) {
                    case "SUM" -> aggregate = Aggregate.SUM;
                    case "MIN" -> aggregate = Aggregate.MIN;
                    case "MAX" -> aggregate = Aggregate.MAX;
                    default -> {
                        return Errors.SYNTAX;
                    }
                }
                at += 2;
            } else if (!store && !cardinalityOnly && option.equals("WITHSCORES")) {
                withScores = true;
                at++;
            } else if (cardinalityOnly && remaining >= 2 && option.equals("LIMIT")) {
                OptionalLong n = Args.parseLong(args.get(at + 1));
                if (n.isEmpty() || n.getAsLong() < 0) {
                    return Reply.error("ERR LIMIT can't be negative");
                }
                limit = n.getAsLong();
                at += 2;
            } else {
                return Errors.SYNTAX;
            }
        }
        if (op != Op.DIFF) {
            // Stable, like the merge sort behind glibc's qsort: equal sizes keep their order.
            sources.sort(Comparator.comparingLong(Source::size));
        }
        if (cardinalityOnly) {
            return Reply.integer(intersectionSize(ctx, sources, limit));
        }
        List<ZSetEntry> result = switch (op) {
            case UNION -> union(ctx, sources, aggregate);
            case INTER -> intersection(ctx, sources, aggregate);
            case DIFF -> difference(ctx, sources);
        };
        if (store) {
            return Reply.integer(SortedSetRecords.replace(ctx, args.get(1), result));
        }
        result.sort(SCORE_ORDER);
        return ZSetReplies.members(result, withScores);
    }

    private static List<ZSetEntry> union(SlotContext ctx, List<Source> sources, Aggregate aggregate) {
        Map<ByteBuffer, ZSetEntry> scores = new LinkedHashMap<>();
        for (Source source : sources) {
            for (ZSetEntry entry : entries(ctx, source)) {
                double score = weighted(source.weight(), entry.score());
                scores.merge(ByteBuffer.wrap(entry.member()), new ZSetEntry(entry.member(), score),
                        (old, add) -> new ZSetEntry(old.member(), combine(aggregate, old.score(), add.score())));
            }
        }
        return new ArrayList<>(scores.values());
    }

    private static List<ZSetEntry> intersection(SlotContext ctx, List<Source> sources, Aggregate aggregate) {
        List<ZSetEntry> out = new ArrayList<>();
        Source smallest = sources.get(0);
        for (ZSetEntry entry : entries(ctx, smallest)) {
            Double score = intersect(ctx, sources, entry, aggregate);
            if (score != null) {
                out.add(new ZSetEntry(entry.member(), score));
            }
        }
        return out;
    }

    private static long intersectionSize(SlotContext ctx, List<Source> sources, long limit) {
        long count = 0;
        for (ZSetEntry entry : entries(ctx, sources.get(0))) {
            if (intersect(ctx, sources, entry, Aggregate.SUM) != null && ++count == limit) {
                break;
            }
        }
        return count;
    }

    /** The combined score of a member of the first source, or null when another source lacks it. */
    private static Double intersect(SlotContext ctx, List<Source> sources, ZSetEntry entry, Aggregate aggregate) {
        double score = weighted(sources.get(0).weight(), entry.score());
        for (int i = 1; i < sources.size(); i++) {
            Double found = scoreIn(ctx, sources.get(i), entry.member());
            if (found == null) {
                return null;
            }
            score = combine(aggregate, score, found * sources.get(i).weight());
        }
        return score;
    }

    /** The first source's members that no other source has, with their scores; no weights. */
    private static List<ZSetEntry> difference(SlotContext ctx, List<Source> sources) {
        List<ZSetEntry> out = new ArrayList<>();
        Source first = sources.get(0);
        for (int i = 1; i < sources.size(); i++) {
            if (Arrays.equals(sources.get(i).key(), first.key())) {
                return out;
            }
        }
        for (ZSetEntry entry : entries(ctx, first)) {
            boolean elsewhere = false;
            for (int i = 1; i < sources.size() && !elsewhere; i++) {
                elsewhere = scoreIn(ctx, sources.get(i), entry.member()) != null;
            }
            if (!elsewhere) {
                out.add(entry);
            }
        }
        return out;
    }

    private static double weighted(double weight, double score) {
        double product = weight * score;
        return Double.isNaN(product) ? 0 : product;
    }

    /** Redis's zunionInterAggregate: a NaN sum becomes 0; MIN and MAX pass over a NaN value. */
    private static double combine(Aggregate aggregate, double target, double value) {
        return switch (aggregate) {
            case SUM -> {
                double sum = target + value;
                yield Double.isNaN(sum) ? 0 : sum;
            }
            case MIN -> value < target ? value : target;
            case MAX -> value > target ? value : target;
        };
    }

    /** A source's members with their scores (1 for a plain set's members). */
    private static List<ZSetEntry> entries(SlotContext ctx, Source source) {
        if (source.meta() == null) {
            return List.of();
        }
        if (source.meta().type() == KeyType.ZSET) {
            return new ZSetReader(ctx, source.key(), source.meta()).all();
        }
        List<ZSetEntry> out = new ArrayList<>();
        try (MemberCursor cursor = ctx.batch().members(ctx.db(), source.key(), source.meta()).seekFirst()) {
            for (; cursor.valid(); cursor.next()) {
                out.add(new ZSetEntry(cursor.suffix(), 1));
            }
        }
        return out;
    }

    private static Double scoreIn(SlotContext ctx, Source source, byte[] member) {
        if (source.meta() == null) {
            return null;
        }
        if (source.meta().type() == KeyType.ZSET) {
            return SortedSetRecords.score(ctx, source.key(), source.meta(), member);
        }
        return ctx.batch().getMember(ctx.db(), source.key(), source.meta(), member) == null ? null : 1.0;
    }
}
