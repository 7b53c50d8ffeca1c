package io.pikko.commands;

import io.pikko.protocol.Reply;
import io.pikko.storage.ExportChunk;
import io.pikko.storage.SlotExport;
import io.pikko.storage.SlotKeyspace;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A SHA-1 over the logical contents of one slot (SLOTSDIGEST), so that two servers can be shown to
 * hold the same data: every live key of every database in key order, each with its database,
 * name, type, absolute expiry (0 for none) and whole value — a string's bytes, hash fields with
 * their values and set members in byte order, list elements in list order, sorted-set members
 * with their scores. It reads the slot's export, which holds values as they are, not as they are
 * stored, so collection versions, list index offsets and members not yet swept change nothing.
 *
 * @param keys the live keys of the slot, in all databases
 * @param sha1 the digest, 20 bytes
 */
public record SlotDigest(long keys, byte[] sha1) {
    /** Members per export chunk: enough to read a big collection in few steps, small enough to hold. */
    private static final int CHUNK_ELEMENTS = 1024;
    private static final long CHUNK_BYTES = 1L << 20;
    // Every item starts with a tag, so no two different slots feed the same bytes.
    private static final byte KEY = 'K';
    private static final byte ELEMENT = 'e';

    /** The digest of {@code keyspace} as it is at {@code nowMillis} (keys expired by then are not in it). */
    public static SlotDigest of(SlotKeyspace keyspace, long nowMillis) {
        MessageDigest sha1 = newSha1();
        long keys = 0;
        try (SlotExport export = keyspace.exportSlot(nowMillis, CHUNK_ELEMENTS, CHUNK_BYTES)) {
            while (export.hasNext()) {
                ExportChunk chunk = export.next();
                if (chunk.first()) {
                    keys++;
                    sha1.update(ByteBuffer.allocate(1 + 4 + 4).put(KEY).putInt(chunk.db()).putInt(chunk.key().length).array());
                    sha1.update(chunk.key());
                    sha1.update(ByteBuffer.allocate(1 + 8).put(chunk.type().code()).putLong(chunk.expireAtMillis()).array());
                }
                for (byte[] element : chunk.elements()) {
                    sha1.update(ByteBuffer.allocate(1 + 4).put(ELEMENT).putInt(element.length).array());
                    sha1.update(element);
                }
            }
        }
        return new SlotDigest(keys, sha1.digest());
    }

    public String hex() {
        return HexFormat.of().formatHex(sha1);
    }

    /** What a slot answers the gateway: {@code [keys, digest-hex]}. */
    public Reply reply() {
        return Reply.array(List.of(Reply.integer(keys), Reply.bulk(hex())));
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
