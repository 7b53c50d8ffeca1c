package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Geo commands. As in Redis, a geo index is a sorted set whose scores are 52-bit geohashes (see
 * {@link GeoHash}), so ZSCORE, ZRANGE and the rest work on it and agree with Redis.
 */
final class GeoCommands {
    private static final String BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz";

    private GeoCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
        handlers.put("geoadd", GeoCommands::geoadd);
        handlers.put("geopos", GeoCommands::geopos);
        handlers.put("geodist", GeoCommands::geodist);
        handlers.put("geohash", GeoCommands::geohash);
        handlers.put("geosearch", (ctx, args) -> GeoSearch.run(ctx, args, GeoSearch.Kind.SEARCH));
        handlers.put("geosearchstore", (ctx, args) -> GeoSearch.run(ctx, args, GeoSearch.Kind.SEARCH_STORE));
        handlers.put("georadius", (ctx, args) -> GeoSearch.run(ctx, args, GeoSearch.Kind.RADIUS));
        handlers.put("georadiusbymember", (ctx, args) -> GeoSearch.run(ctx, args, GeoSearch.Kind.RADIUS_BY_MEMBER));
    }

    /** A key's sorted set meta, null when absent; throws WRONGTYPE for another type. */
    private static KeyMeta geoSet(SlotContext ctx, byte[] key) {
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta != null && meta.type() != KeyType.ZSET) {
            throw new GeoArgs.Refused(Errors.WRONGTYPE);
        }
        return meta;
    }

    /** GEOADD key [NX|XX] [CH] lon lat member ...: ZADD with each position's geohash as the score. */
    private static Reply geoadd(SlotContext ctx, List<byte[]> args) {
        boolean nx = false;
        boolean xx = false;
        boolean ch = false;
        int first = 2;
        for (; first < args.size(); first++) {
            String option = Args.option(args.get(first));
            if (option.equals("NX")) {
                nx = true;
            } else if (option.equals("XX")) {
                xx = true;
            } else if (option.equals("CH")) {
                ch = true;
            } else {
                break;
            }
        }
        int elements = (args.size() - first) / 3;
        if ((args.size() - first) % 3 != 0 || (nx && xx) || elements == 0) {
            return Errors.SYNTAX;
        }
        try {
            double[] scores = new double[elements];
            for (int i = 0; i < elements; i++) {
                double[] position = GeoArgs.lonLat(args, first + i * 3);
                scores[i] = GeoHash.score(position[0], position[1]);
            }
            byte[] key = args.get(1);
            KeyMeta meta = geoSet(ctx, key);
            if (meta == null && xx) {
                return Reply.ZERO;
            }
            boolean created = meta == null;
            if (created) {
                meta = ctx.batch().newCollection(KeyType.ZSET, 0);
            }
            long added = 0;
            long updated = 0;
            for (int i = 0; i < elements; i++) {
                byte[] member = args.get(first + i * 3 + 2);
                Double previous = SortedSetRecords.score(ctx, key, meta, member);
                if (previous == null ? xx : nx || previous == scores[i]) {
                    continue;
                }
                SortedSetRecords.put(ctx, key, meta, member, scores[i], previous);
                if (previous == null) {
                    added++;
                } else {
                    updated++;
                }
            }
            if (created || added > 0) {
                ctx.batch().put(ctx.db(), key, meta.withSize(meta.size() + added));
            }
            return Reply.integer(ch ? added + updated : added);
        } catch (GeoArgs.Refused refused) {
            return refused.reply();
        }
    }

    private static Reply geopos(SlotContext ctx, List<byte[]> args) {
        try {
            byte[] key = args.get(1);
            KeyMeta meta = geoSet(ctx, key);
            List<Reply> positions = new ArrayList<>(args.size() - 2);
            for (int i = 2; i < args.size(); i++) {
                double[] position = meta == null ? null : GeoSearch.memberPosition(ctx, key, meta, args.get(i));
                positions.add(position == null ? Reply.NIL_ARRAY : Reply.array(List.of(
                        new Reply.DoubleText(GeoFormat.coordinate(position[0])), new Reply.DoubleText(GeoFormat.coordinate(position[1])))));
            }
            return Reply.array(positions);
        } catch (GeoArgs.Refused refused) {
            return refused.reply();
        }
    }

    private static Reply geodist(SlotContext ctx, List<byte[]> args) {
        try {
            double metresPerUnit = 1;
            if (args.size() == 5) {
                metresPerUnit = GeoArgs.unit(args.get(4));
            } else if (args.size() > 5) {
                return Errors.SYNTAX;
            }
            byte[] key = args.get(1);
            KeyMeta meta = geoSet(ctx, key);
            if (meta == null) {
                return Reply.NIL;
            }
            double[] a = GeoSearch.memberPosition(ctx, key, meta, args.get(2));
            double[] b = a == null ? null : GeoSearch.memberPosition(ctx, key, meta, args.get(3));
            if (b == null) {
                return Reply.NIL;
            }
            return Reply.bulk(GeoFormat.distance(GeoShape.distance(a[0], a[1], b[0], b[1]) / metresPerUnit));
        } catch (GeoArgs.Refused refused) {
            return refused.reply();
        }
    }

    /** Standard 11-character geohashes: re-encoded over latitudes ±90, the last character always '0'. */
    private static Reply geohash(SlotContext ctx, List<byte[]> args) {
        try {
            byte[] key = args.get(1);
            KeyMeta meta = geoSet(ctx, key);
            List<Reply> hashes = new ArrayList<>(args.size() - 2);
            for (int i = 2; i < args.size(); i++) {
                double[] position = meta == null ? null : GeoSearch.memberPosition(ctx, key, meta, args.get(i));
                if (position == null) {
                    hashes.add(Reply.NIL);
                    continue;
                }
                long bits = GeoHash.encode(GeoHash.Range.WORLD, position[0], position[1], GeoHash.MAX_STEP).bits();
                StringBuilder text = new StringBuilder(11);
                for (int c = 0; c < 10; c++) {
                    text.append(BASE32.charAt((int) ((bits >>> (52 - (c + 1) * 5)) & 0x1f)));
                }
                hashes.add(Reply.bulk(text.append('0').toString()));
            }
            return Reply.array(hashes);
        } catch (GeoArgs.Refused refused) {
            return refused.reply();
        }
    }
}
