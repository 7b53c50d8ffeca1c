package io.pikko.commands;

import io.pikko.storage.KeyCodec;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.MemberCursor;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads whole collections from storage for DUMP, OBJECT ENCODING and SORT, in the layout the
 * collection commands keep: hash fields and set members (with empty values) in the data family,
 * list elements at their sortable index in [head, tail), sorted sets in the zscore family.
 */
final class ObjectMembers {

    record Scored(byte[] member, double score) {}

    private ObjectMembers() {}

    /** A list's elements, head first. */
    static List<byte[]> list(SlotContext ctx, byte[] key, KeyMeta meta) {
        List<byte[]> elements = new ArrayList<>();
        try (MemberCursor cursor = ctx.batch().members(ctx.db(), key, meta).seek(KeyCodec.sortableIndex(meta.listHead()))) {
            for (; cursor.valid() && KeyCodec.indexOf(cursor.suffix()) < meta.listTail(); cursor.next()) {
                elements.add(cursor.value());
            }
        }
        return elements;
    }

    /** Up to {@code limit} members of a set, hash or sorted set, in byte order. */
    static List<byte[]> members(SlotContext ctx, byte[] key, KeyMeta meta, long limit) {
        List<byte[]> members = new ArrayList<>();
        try (MemberCursor cursor = ctx.batch().members(ctx.db(), key, meta).seekFirst()) {
            for (; cursor.valid() && members.size() < limit; cursor.next()) {
                members.add(cursor.suffix());
            }
        }
        return members;
    }

    /** Up to {@code limit} fields of a hash, each followed by its value, in byte order of the field. */
    static List<byte[]> hash(SlotContext ctx, byte[] key, KeyMeta meta, long limit) {
        List<byte[]> fieldsAndValues = new ArrayList<>();
        try (MemberCursor cursor = ctx.batch().members(ctx.db(), key, meta).seekFirst()) {
            for (long n = 0; cursor.valid() && n < limit; cursor.next(), n++) {
                fieldsAndValues.add(cursor.suffix());
                fieldsAndValues.add(cursor.value());
            }
        }
        return fieldsAndValues;
    }

    /** A sorted set's members by ascending score, equal scores in byte order of the member. */
    static List<Scored> zset(SlotContext ctx, byte[] key, KeyMeta meta) {
        List<Scored> members = new ArrayList<>();
        try (MemberCursor cursor = ctx.batch().scoreEntries(ctx.db(), key, meta).seekFirst()) {
            for (; cursor.valid(); cursor.next()) {
                members.add(new Scored(cursor.scoredMember(), cursor.score()));
            }
        }
        return members;
    }
}
