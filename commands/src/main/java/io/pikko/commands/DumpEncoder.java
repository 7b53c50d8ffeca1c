package io.pikko.commands;

import io.pikko.storage.KeyMeta;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Serializes a key's value as Redis 7.0's DUMP does, in the encoding {@link ObjectEncoding}
 * chooses: lists as a quicklist of listpack nodes as list-max-listpack-size sizes them (8 KB by default),
 * sets as an intset or a plain set, hashes and sorted sets as a listpack or in their plain form
 * (a sorted set's plain form lists members from the highest score down, with binary scores).
 */
final class DumpEncoder {
    /** Redis's per-element estimate when it decides whether a quicklist node takes one more. */
    private static final int ELEMENT_OVERHEAD = 8;
    /** double2ll's range: scores in it that are whole numbers are stored as integers. */
    private static final double INTEGER_SCORE_LIMIT = (double) (Long.MAX_VALUE / 2);

    private DumpEncoder() {}

    static byte[] encode(SlotContext ctx, byte[] key, KeyMeta meta) {
        RdbWriter out = new RdbWriter();
        EncodingLimits limits = EncodingLimits.current();
        switch (meta.type()) {
            case STRING -> out.type(RdbWriter.TYPE_STRING).string(meta.payload());
            case LIST -> list(out, ObjectMembers.list(ctx, key, meta), limits);
            case SET -> set(out, ObjectMembers.members(ctx, key, meta, Long.MAX_VALUE), limits);
            case HASH -> hash(out, ObjectMembers.hash(ctx, key, meta, Long.MAX_VALUE), limits);
            case ZSET -> zset(out, ObjectMembers.zset(ctx, key, meta), limits);
        }
        return out.finish();
    }

    private static void list(RdbWriter out, List<byte[]> elements, EncodingLimits limits) {
        List<byte[]> nodes = new ArrayList<>();
        RdbListpack.Builder node = new RdbListpack.Builder();
        for (byte[] element : elements) {
            if (node.count() > 0 && (node.bytes() + element.length + ELEMENT_OVERHEAD > limits.listNodeBytes()
                    || node.count() >= limits.listNodeEntries())) {
                nodes.add(node.finish());
                node = new RdbListpack.Builder();
            }
            node.append(element);
        }
        nodes.add(node.finish());
        out.type(RdbWriter.TYPE_LIST_QUICKLIST_2).length(nodes.size());
        for (byte[] packed : nodes) {
            out.length(RdbWriter.NODE_PACKED).string(packed);
        }
    }

    private static void set(RdbWriter out, List<byte[]> members, EncodingLimits limits) {
        if (ObjectEncoding.ofSet(members, limits) == ObjectEncoding.INTSET) {
            long[] values = members.stream().mapToLong(m -> ObjectEncoding.integer(m).getAsLong()).toArray();
            out.type(RdbWriter.TYPE_SET_INTSET).string(RdbIntset.encode(values));
            return;
        }
        out.type(RdbWriter.TYPE_SET).length(members.size());
        members.forEach(out::string);
    }

    private static void hash(RdbWriter out, List<byte[]> fieldsAndValues, EncodingLimits limits) {
        if (ObjectEncoding.ofHash(fieldsAndValues, limits) == ObjectEncoding.LISTPACK) {
            RdbListpack.Builder listpack = new RdbListpack.Builder();
            fieldsAndValues.forEach(listpack::append);
            out.type(RdbWriter.TYPE_HASH_LISTPACK).string(listpack.finish());
            return;
        }
        out.type(RdbWriter.TYPE_HASH).length(fieldsAndValues.size() / 2);
        fieldsAndValues.forEach(out::string);
    }

    private static void zset(RdbWriter out, List<ObjectMembers.Scored> byScore, EncodingLimits limits) {
        List<byte[]> members = byScore.stream().map(ObjectMembers.Scored::member).toList();
        if (ObjectEncoding.ofZset(members, limits) == ObjectEncoding.LISTPACK) {
            RdbListpack.Builder listpack = new RdbListpack.Builder();
            for (ObjectMembers.Scored entry : byScore) {
                listpack.append(entry.member());
                appendScore(listpack, entry.score());
            }
            out.type(RdbWriter.TYPE_ZSET_LISTPACK).string(listpack.finish());
            return;
        }
        out.type(RdbWriter.TYPE_ZSET_2).length(byScore.size());
        for (int i = byScore.size() - 1; i >= 0; i--) {
            out.string(byScore.get(i).member()).binaryDouble(byScore.get(i).score());
        }
    }

    /**
     * A score in a listpack: a whole number in double2ll's range as an integer entry, as Redis's
     * zzlInsertAt stores it; any other as text that reads back to the same double (Redis prints
     * "%.17g"; the shortest exact form is just as valid).
     */
    private static void appendScore(RdbListpack.Builder listpack, double score) {
        if (Math.abs(score) <= INTEGER_SCORE_LIMIT && score == (long) score) {
            listpack.appendInteger((long) score);
        } else if (Double.isInfinite(score)) {
            listpack.append((score > 0 ? "inf" : "-inf").getBytes(StandardCharsets.US_ASCII));
        } else {
            listpack.append(Double.toString(score).getBytes(StandardCharsets.US_ASCII));
        }
    }
}
