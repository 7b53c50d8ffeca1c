package io.pikko.storage;

import java.util.List;

/**
 * One piece of one key of a slot, enough to rebuild the key on another node; a key of any size
 * travels as a run of chunks from {@code first} to {@code last}. The first chunk replaces whatever
 * the importer holds under the key with a fresh, empty key of this type and expiry; every chunk
 * then appends its elements:
 * <ul>
 *   <li>string: {@code [value]} (always one chunk);
 *   <li>hash: {@code [field, value, field, value, ...]};
 *   <li>set: {@code [member, ...]};
 *   <li>sorted set: {@code [member, score, ...]}, the score as an 8-byte big-endian IEEE double;
 *   <li>list: {@code [element, ...]} in list order, appended at the tail.
 * </ul>
 * A deletion ({@code deleted}, with no type and no elements) says the key is gone: the importer
 * deletes it. The members of one chunk are distinct.
 *
 * @param expireAtMillis absolute expiry in epoch milliseconds, 0 for none
 */
public record ExportChunk(int db, byte[] key, KeyType type, long expireAtMillis, boolean first, boolean last,
                          boolean deleted, List<byte[]> elements) {
    // What a chunk costs beyond its bytes, roughly, in CBOR: the named fields around the key, and each element's framing.
    private static final int CHUNK_OVERHEAD = 64;
    private static final int ELEMENT_OVERHEAD = 8;

    public static ExportChunk deletion(int db, byte[] key) {
        return new ExportChunk(db, key, null, 0, true, true, true, List.of());
    }

    /** A cheap estimate of the chunk's size on the wire, for batching by bytes. */
    public long estimatedBytes() {
        long bytes = emptyBytes(key);
        for (byte[] element : elements) {
            bytes += elementBytes(element);
        }
        return bytes;
    }

    /** The estimate of a chunk of {@code key} with no elements. */
    static long emptyBytes(byte[] key) {
        return CHUNK_OVERHEAD + key.length;
    }

    /** What one element adds to the estimate. */
    static long elementBytes(byte[] element) {
        return ELEMENT_OVERHEAD + element.length;
    }
}
