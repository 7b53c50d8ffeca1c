package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.storage.KeyMeta;
import java.util.List;
import java.util.OptionalLong;

/**
 * The encoding OBJECT ENCODING names and DUMP writes. Pikko keeps every collection as records in
 * RocksDB, which no Redis encoding describes, so for collections this is the encoding its DUMP
 * payload uses: the one redis-server 7.0 would have for the same value with its default limits
 * (a listpack for a hash of at most 512 entries or a sorted set of at most 128, all of at most 64
 * bytes; an intset for up to 512 integers; a quicklist for every list). For strings it describes
 * the value as Redis defines the three names: an integer, a short string or a longer one.
 */
enum ObjectEncoding {
    INT("int"),
    EMBSTR("embstr"),
    RAW("raw"),
    QUICKLIST("quicklist"),
    INTSET("intset"),
    LISTPACK("listpack"),
    HASHTABLE("hashtable"),
    SKIPLIST("skiplist");

    /** Redis 7.0's built-in defaults of set-max-intset-entries, hash- and zset-max-listpack-entries and -value. */
    private static final int MAX_INTSET_ENTRIES = 512;
    private static final int MAX_HASH_LISTPACK_ENTRIES = 512;
    private static final int MAX_ZSET_LISTPACK_ENTRIES = 128;
    private static final int MAX_LISTPACK_VALUE = 64;
    /** Redis's OBJ_ENCODING_EMBSTR_SIZE_LIMIT. */
    private static final int MAX_EMBSTR = 44;

    private final String redisName;

    ObjectEncoding(String redisName) {
        this.redisName = redisName;
    }

    String redisName() {
        return redisName;
    }

    static ObjectEncoding of(SlotContext ctx, byte[] key, KeyMeta meta) {
        return switch (meta.type()) {
            case STRING -> ofString(meta.payload());
            case LIST -> QUICKLIST;
            case SET -> meta.size() > MAX_INTSET_ENTRIES ? HASHTABLE
                    : ofSet(ObjectMembers.members(ctx, key, meta, MAX_INTSET_ENTRIES));
            case HASH -> meta.size() > MAX_HASH_LISTPACK_ENTRIES ? HASHTABLE
                    : ofHash(ObjectMembers.hash(ctx, key, meta, MAX_HASH_LISTPACK_ENTRIES));
            case ZSET -> meta.size() > MAX_ZSET_LISTPACK_ENTRIES ? SKIPLIST
                    : ofZset(ObjectMembers.members(ctx, key, meta, MAX_ZSET_LISTPACK_ENTRIES));
        };
    }

    /** Redis's tryObjectEncoding: a canonical 64-bit integer of up to 20 characters is "int". */
    private static ObjectEncoding ofString(byte[] value) {
        if (integer(value).isPresent()) {
            return INT;
        }
        return value.length <= MAX_EMBSTR ? EMBSTR : RAW;
    }

    static ObjectEncoding ofSet(List<byte[]> members) {
        if (members.size() > MAX_INTSET_ENTRIES) {
            return HASHTABLE;
        }
        for (byte[] member : members) {
            if (integer(member).isEmpty()) {
                return HASHTABLE;
            }
        }
        return INTSET;
    }

    static ObjectEncoding ofHash(List<byte[]> fieldsAndValues) {
        return small(fieldsAndValues, 2 * MAX_HASH_LISTPACK_ENTRIES) ? LISTPACK : HASHTABLE;
    }

    static ObjectEncoding ofZset(List<byte[]> members) {
        return small(members, MAX_ZSET_LISTPACK_ENTRIES) ? LISTPACK : SKIPLIST;
    }

    /** The canonical 64-bit integer a string spells (as Redis's string2ll reads it), if any. */
    static OptionalLong integer(byte[] member) {
        return member.length <= 20 ? Args.parseLong(member) : OptionalLong.empty();
    }

    /** Whether there are at most {@code maxItems} items, none longer than a listpack takes. */
    private static boolean small(List<byte[]> items, int maxItems) {
        if (items.size() > maxItems) {
            return false;
        }
        for (byte[] item : items) {
            if (item.length > MAX_LISTPACK_VALUE) {
                return false;
            }
        }
        return true;
    }
}
