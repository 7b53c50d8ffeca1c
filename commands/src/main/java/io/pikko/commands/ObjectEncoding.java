package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.storage.KeyMeta;
import java.util.List;
import java.util.OptionalLong;

/**
 * The encoding OBJECT ENCODING names and DUMP writes. Pikko keeps every collection as records in
 * RocksDB, which no Redis encoding describes, so for collections this is the encoding its DUMP
 * payload uses: the one redis-server 7.0 would have for the same value with the node's
 * {@link EncodingLimits} (by default a listpack for a hash of at most 512 entries or a sorted set of
 * at most 128, all of at most 64 bytes; an intset for up to 512 integers; a quicklist for every
 * list, as Redis 7.0 has no other list encoding). For strings it describes
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
        EncodingLimits limits = EncodingLimits.current();
        return switch (meta.type()) {
            case STRING -> ofString(meta.payload());
            case LIST -> QUICKLIST;
            case SET -> meta.size() > limits.setMaxIntsetEntries() ? HASHTABLE
                    : ofSet(ObjectMembers.members(ctx, key, meta, limits.setMaxIntsetEntries()), limits);
            case HASH -> meta.size() > limits.hashMaxListpackEntries() ? HASHTABLE
                    : ofHash(ObjectMembers.hash(ctx, key, meta, limits.hashMaxListpackEntries()), limits);
            case ZSET -> meta.size() > limits.zsetMaxListpackEntries() ? SKIPLIST
                    : ofZset(ObjectMembers.members(ctx, key, meta, limits.zsetMaxListpackEntries()), limits);
        };
    }

    /** Redis's tryObjectEncoding: a canonical 64-bit integer of up to 20 characters is "int". */
    private static ObjectEncoding ofString(byte[] value) {
        if (integer(value).isPresent()) {
            return INT;
        }
        return value.length <= MAX_EMBSTR ? EMBSTR : RAW;
    }

    static ObjectEncoding ofSet(List<byte[]> members, EncodingLimits limits) {
        if (members.size() > limits.setMaxIntsetEntries()) {
            return HASHTABLE;
        }
        for (byte[] member : members) {
            if (integer(member).isEmpty()) {
                return HASHTABLE;
            }
        }
        return INTSET;
    }

    static ObjectEncoding ofHash(List<byte[]> fieldsAndValues, EncodingLimits limits) {
        return fieldsAndValues.size() / 2 <= limits.hashMaxListpackEntries()
                && shorter(fieldsAndValues, limits.hashMaxListpackValue()) ? LISTPACK : HASHTABLE;
    }

    static ObjectEncoding ofZset(List<byte[]> members, EncodingLimits limits) {
        return members.size() <= limits.zsetMaxListpackEntries()
                && shorter(members, limits.zsetMaxListpackValue()) ? LISTPACK : SKIPLIST;
    }

    /** The canonical 64-bit integer a string spells (as Redis's string2ll reads it), if any. */
    static OptionalLong integer(byte[] member) {
        return member.length <= 20 ? Args.parseLong(member) : OptionalLong.empty();
    }

    /** Whether no item is longer than a listpack of these limits takes. */
    private static boolean shorter(List<byte[]> items, long maxValue) {
        for (byte[] item : items) {
            if (item.length > maxValue) {
                return false;
            }
        }
        return true;
    }
}
