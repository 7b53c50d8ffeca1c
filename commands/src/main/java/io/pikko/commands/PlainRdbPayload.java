package io.pikko.commands;

import java.util.Optional;

/**
 * A DUMP payload rewritten for a server that reads an older RDB than Redis 7.0's: codis-server
 * 3.2 and Redis 3.2 read RDB 7, Redis 4 reads 8, Redis 5 and 6 read 9, and none of them knows the
 * listpack encodings (RDB 10). Every value is written in its plain form, which every RDB version
 * reads: strings, lists and sets as their elements, hashes as field-value pairs, sorted sets with
 * their scores as text. The footer names the target's version, since older servers refuse newer.
 */
public final class PlainRdbPayload {
    /** The RDB version Pikko's own DUMP writes (Redis 7.0's). */
    public static final int CURRENT = RdbWriter.VERSION;

    private PlainRdbPayload() {}

    /** {@code payload} (one of Pikko's DUMP) as RDB {@code version} reads it; empty when it is not a value's. */
    public static Optional<byte[]> of(byte[] payload, int version) {
        RdbValue value = RdbReader.read(payload);
        if (value == null) {
            return Optional.empty();
        }
        RdbWriter out = new RdbWriter();
        if (value instanceof RdbValue.Str s) {
            out.type(RdbWriter.TYPE_STRING).string(s.value());
        } else if (value instanceof RdbValue.ListValue list) {
            out.type(RdbWriter.TYPE_LIST).length(list.elements().size());
            list.elements().forEach(out::string);
        } else if (value instanceof RdbValue.SetValue set) {
            out.type(RdbWriter.TYPE_SET).length(set.members().size());
            set.members().forEach(out::string);
        } else if (value instanceof RdbValue.HashValue hash) {
            out.type(RdbWriter.TYPE_HASH).length(hash.fieldsAndValues().size() / 2);
            hash.fieldsAndValues().forEach(out::string);
        } else if (value instanceof RdbValue.ZSetValue zset) {
            out.type(RdbWriter.TYPE_ZSET).length(zset.members().size());
            for (int i = 0; i < zset.members().size(); i++) {
                out.string(zset.members().get(i)).textDouble(zset.scores().get(i));
            }
        }
        return Optional.of(out.finish(version));
    }

    /** The RDB version a server of {@code redisVersion} (INFO's redis_version, "3.2.8") reads. */
    public static int rdbVersionOf(String redisVersion) {
        String[] parts = redisVersion.trim().split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            if (major < 4) {
                return 7;
            }
            if (major == 4) {
                return 8;
            }
            return major < 7 ? 9 : major == 7 && minor < 2 ? 10 : 11;
        } catch (NumberFormatException e) {
            return CURRENT;
        }
    }
}
