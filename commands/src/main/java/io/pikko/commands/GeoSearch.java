package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyCodec;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import io.pikko.storage.MemberCursor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * GEOSEARCH, GEOSEARCHSTORE, GEORADIUS and GEORADIUSBYMEMBER, following Redis 7.0's
 * georadiusGeneric: arguments are checked in Redis's order, the sorted set is read cell by cell
 * in score order (see {@link GeoCells}), and results are sorted stably by distance, so replies
 * come in the same order as Redis's.
 */
final class GeoSearch {
    enum Kind {
        RADIUS(6), RADIUS_BY_MEMBER(5), SEARCH(2), SEARCH_STORE(3);

        /** Arguments before the options. */
        final int baseArgs;

        Kind(int baseArgs) {
            this.baseArgs = baseArgs;
        }

        boolean isSearch() {
            return this == SEARCH || this == SEARCH_STORE;
        }
    }

    private enum Sort { NONE, ASC, DESC }

    /** A member found inside the shape; {@code distance} is in metres. */
    private record Point(byte[] member, double score, double longitude, double latitude, double distance) {}

    private static final Reply NO_MEMBER = Reply.error("ERR could not decode requested zset member");

    private GeoSearch() {}

    static Reply run(SlotContext ctx, List<byte[]> args, Kind kind) {
        try {
            return search(ctx, args, kind);
        } catch (GeoArgs.Refused refused) {
            return refused.reply();
        }
    }

    private static Reply search(SlotContext ctx, List<byte[]> args, Kind kind) {
        byte[] source = args.get(kind == Kind.SEARCH_STORE ? 2 : 1);
        KeyMeta meta = ctx.batch().get(ctx.db(), source);
        if (meta != null && meta.type() != KeyType.ZSET) {
            return Errors.WRONGTYPE;
        }
        double[] centre = null;
        double[] radius = null;
        double[] box = null;
        byte[] storeKey = kind == Kind.SEARCH_STORE ? args.get(1) : null;
        if (kind == Kind.RADIUS) {
            centre = GeoArgs.lonLat(args, 2);
            radius = GeoArgs.radius(args, 4);
        } else if (kind == Kind.RADIUS_BY_MEMBER && meta != null) {
            // Without the key there is nothing to search, but the options are still checked.
            centre = memberPosition(ctx, source, meta, args.get(2));
            if (centre == null) {
                return NO_MEMBER;
            }
            radius = GeoArgs.radius(args, 3);
        }
        boolean withDist = false;
        boolean withHash = false;
        boolean withCoord = false;
        boolean fromMember = false;
        boolean fromLonLat = false;
        boolean any = false;
        boolean storeDist = false;
        Sort sort = Sort.NONE;
        long count = 0;
        int remaining = args.size() - kind.baseArgs;
        for (int i = 0; i < remaining; i++) {
            int at = kind.baseArgs + i;
            String option = Args.option(args.get(at));
            boolean hasArg = i + 1 < remaining;
            if (option.equals("WITHDIST")) {
                withDist = true;
            } else if (option.equals("WITHHASH")) {
                withHash = true;
            } else if (option.equals("WITHCOORD")) {
                withCoord = true;
            } else if (option.equals("ANY")) {
                any = true;
            } else if (option.equals("ASC")) {
                sort = Sort.ASC;
            } else if (option.equals("DESC")) {
                sort = Sort.DESC;
            } else if (option.equals("COUNT") && hasArg) {
                OptionalLong parsed = Args.parseLong(args.get(at + 1));
                if (parsed.isEmpty()) {
                    return Errors.NOT_INTEGER;
                }
                if (parsed.getAsLong() <= 0) {
                    return Reply.error("ERR COUNT must be > 0");
                }
                count = parsed.getAsLong();
                i++;
            } else if ((option.equals("STORE") || option.equals("STOREDIST")) && hasArg && !kind.isSearch()) {
                storeKey = args.get(at + 1);
                storeDist = option.equals("STOREDIST");
                i++;
            } else if (option.equals("STOREDIST") && kind == Kind.SEARCH_STORE) {
                storeDist = true;
            } else if (option.equals("FROMMEMBER") && hasArg && kind.isSearch() && !fromLonLat) {
                if (meta != null) {
                    centre = memberPosition(ctx, source, meta, args.get(at + 1));
                    if (centre == null) {
                        return NO_MEMBER;
                    }
                }
                fromMember = true;
                i++;
            } else if (option.equals("FROMLONLAT") && i + 2 < remaining && kind.isSearch() && !fromMember) {
                centre = GeoArgs.lonLat(args, at + 1);
                fromLonLat = true;
                i += 2;
            } else if (option.equals("BYRADIUS") && i + 2 < remaining && kind.isSearch() && box == null) {
                radius = GeoArgs.radius(args, at + 1);
                i += 2;
            } else if (option.equals("BYBOX") && i + 3 < remaining && kind.isSearch() && radius == null) {
                box = GeoArgs.box(args, at + 1);
                i += 3;
            } else {
                return Errors.SYNTAX;
            }
        }
        if (storeKey != null && (withDist || withHash || withCoord)) {
            return Reply.error("ERR " + (kind == Kind.SEARCH_STORE ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS")
                    + " is not compatible with WITHDIST, WITHHASH and WITHCOORD options");
        }
        String name = Args.text(args.get(0));
        if (kind.isSearch() && !fromMember && !fromLonLat) {
            return Reply.error("ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for " + name);
        }
        if (kind.isSearch() && radius == null && box == null) {
            return Reply.error("ERR exactly one of BYRADIUS and BYBOX can be specified for " + name);
        }
        if (any && count == 0) {
            return Reply.error("ERR the ANY argument requires COUNT argument");
        }
        if (meta == null) {
            if (storeKey != null) {
                ctx.batch().delete(ctx.db(), storeKey);
                return Reply.ZERO;
            }
            return Reply.EMPTY_ARRAY;
        }
        // COUNT means the nearest ones, unless ANY asks for whichever are found first.
        if (count != 0 && sort == Sort.NONE && !any) {
            sort = Sort.ASC;
        }
        GeoShape shape = radius != null
                ? GeoShape.circle(centre[0], centre[1], radius[0], radius[1])
                : GeoShape.box(centre[0], centre[1], box[0], box[1], box[2]);
        List<Point> points = find(ctx, source, meta, shape, any ? count : 0);
        if (points.isEmpty() && storeKey == null) {
            return Reply.EMPTY_ARRAY;
        }
        if (sort != Sort.NONE) {
            Comparator<Point> byDistance = Comparator.comparingDouble(Point::distance);
            points.sort(sort == Sort.ASC ? byDistance : byDistance.reversed());
        }
        int returned = (int) (count == 0 ? points.size() : Math.min(count, points.size()));
        List<Point> result = points.subList(0, returned);
        if (storeKey != null) {
            return store(ctx, storeKey, result, storeDist, shape.conversion());
        }
        List<Reply> replies = new ArrayList<>(returned);
        for (Point point : result) {
            replies.add(withDist || withHash || withCoord
                    ? describe(point, withDist, withHash, withCoord, shape.conversion())
                    : Reply.bulk(point.member()));
        }
        return Reply.array(replies);
    }

    /** A result with what the WITH options ask for, always in the order distance, hash, coordinates. */
    private static Reply describe(Point point, boolean withDist, boolean withHash, boolean withCoord, double conversion) {
        List<Reply> item = new ArrayList<>(4);
        item.add(Reply.bulk(point.member()));
        if (withDist) {
            item.add(Reply.bulk(GeoFormat.distance(point.distance() / conversion)));
        }
        if (withHash) {
            item.add(Reply.integer((long) point.score()));
        }
        if (withCoord) {
            item.add(Reply.array(List.of(new Reply.DoubleText(GeoFormat.coordinate(point.longitude())),
                    new Reply.DoubleText(GeoFormat.coordinate(point.latitude())))));
        }
        return Reply.array(item);
    }

    /** A member's {longitude, latitude}, or null when it is not in the set. */
    static double[] memberPosition(SlotContext ctx, byte[] key, KeyMeta meta, byte[] member) {
        Double score = SortedSetRecords.score(ctx, key, meta, member);
        return score == null ? null : GeoHash.coordinates(score);
    }

    /**
     * The members inside the shape, cell by cell, each cell in score order. With a {@code limit}
     * (ANY), the search stops as soon as that many are found.
     */
    private static List<Point> find(SlotContext ctx, byte[] key, KeyMeta meta, GeoShape shape, long limit) {
        List<GeoHash> cells = GeoCells.covering(shape);
        List<Point> points = new ArrayList<>();
        int lastProcessed = 0;
        for (int i = 0; i < cells.size(); i++) {
            GeoHash cell = cells.get(i);
            if (cell.isNone()) {
                continue;
            }
            // A huge radius can make neighbours coincide; Redis skips one equal to the last read.
            if (lastProcessed != 0 && cell.equals(cells.get(lastProcessed))) {
                continue;
            }
            if (full(points, limit)) {
                break;
            }
            double min = cell.aligned52();
            double max = new GeoHash(cell.bits() + 1, cell.step()).aligned52();
            try (MemberCursor cursor = ctx.batch().scoreEntries(ctx.db(), key, meta)) {
                for (cursor.seek(KeyCodec.sortableScore(min)); cursor.valid(); cursor.next()) {
                    double score = cursor.score();
                    if (!(score < max)) {
                        break;
                    }
                    double[] position = GeoHash.coordinates(score);
                    double distance = shape.distanceIfInside(position[0], position[1]);
                    if (!Double.isNaN(distance)) {
                        points.add(new Point(cursor.scoredMember(), score, position[0], position[1], distance));
                    }
                    if (full(points, limit)) {
                        break;
                    }
                }
            }
            lastProcessed = i;
        }
        return points;
    }

    private static boolean full(List<Point> points, long limit) {
        return limit > 0 && !points.isEmpty() && points.size() >= limit;
    }

    /** Stores the results as a sorted set (replacing the key), or deletes the key when there are none. */
    private static Reply store(SlotContext ctx, byte[] key, List<Point> points, boolean storeDist, double conversion) {
        if (points.isEmpty()) {
            ctx.batch().delete(ctx.db(), key);
            return Reply.ZERO;
        }
        KeyMeta meta = ctx.batch().newCollection(KeyType.ZSET, 0);
        for (Point point : points) {
            double score = storeDist ? point.distance() / conversion : point.score();
            SortedSetRecords.put(ctx, key, meta, point.member(), score, null);
        }
        ctx.batch().put(ctx.db(), key, meta.withSize(points.size()));
        return Reply.integer(points.size());
    }
}
