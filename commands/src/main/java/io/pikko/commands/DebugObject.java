package io.pikko.commands;

import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import java.util.List;
import java.util.Map;

/**
 * DEBUG OBJECT key, in Redis's format. Pikko shares no values and tracks no access time, so the
 * address is 0, the refcount 1 and the LRU fields 0; serializedlength is the length of the
 * key's DUMP payload without its type byte, RDB version and checksum, as Redis's rdbSavedObjectLen
 * counts it. The gateway answers DEBUG's other subcommands; it sends only OBJECT here.
 */
final class DebugObject {
    /** DUMP's type byte before the value, and its 2-byte version and 8-byte checksum after it. */
    private static final int DUMP_FRAMING = 1 + 2 + 8;

    private DebugObject() {}

    static void register(Map<String, SlotHandler> handlers) {
        handlers.put("debug", DebugObject::object);
    }

    private static Reply object(SlotContext ctx, List<byte[]> args) {
        KeyMeta meta = ctx.batch().get(ctx.db(), args.get(2));
        if (meta == null) {
            return Errors.NO_SUCH_KEY;
        }
        ObjectEncoding encoding = ObjectEncoding.of(ctx, args.get(2), meta);
        int length = DumpEncoder.encode(ctx, args.get(2), meta).length - DUMP_FRAMING;
        return new Reply.Simple("Value at:0x0 refcount:1 encoding:" + encoding.redisName()
                + " serializedlength:" + length + " lru:0 lru_seconds_idle:0");
    }
}
