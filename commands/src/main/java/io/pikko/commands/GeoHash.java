package io.pikko.commands;

/**
 * Redis's geohash: longitude and latitude each cut into 2^step cells, their cell numbers
 * interleaved (latitude in the even bits, longitude in the odd ones). Geo members are stored as
 * sorted-set scores holding the 52-bit hash (step 26). Latitudes are limited to the Web Mercator
 * range, ±85.05112878, as in Redis.
 *
 * @param bits the interleaved cell numbers, {@code 2 * step} bits
 * @param step bits per coordinate; a hash of step 0 stands for "no area"
 */
record GeoHash(long bits, int step) {
    static final int MAX_STEP = 26;
    static final double LAT_MIN = -85.05112878;
    static final double LAT_MAX = 85.05112878;
    static final double LONG_MIN = -180;
    static final double LONG_MAX = 180;
    static final GeoHash NONE = new GeoHash(0, 0);

    /** A latitude and longitude range to cut into cells, the Mercator one or plain ±90 (GEOHASH). */
    record Range(double latMin, double latMax, double longMin, double longMax) {
        static final Range MERCATOR = new Range(LAT_MIN, LAT_MAX, LONG_MIN, LONG_MAX);
        static final Range WORLD = new Range(-90, 90, LONG_MIN, LONG_MAX);
    }

    /** The cell of an area, with its bounds. */
    record Area(GeoHash hash, double longMin, double longMax, double latMin, double latMax) {}

    boolean isNone() {
        return bits == 0 && step == 0;
    }

    static boolean validCoordinates(double longitude, double latitude) {
        return longitude >= LONG_MIN && longitude <= LONG_MAX && latitude >= LAT_MIN && latitude <= LAT_MAX;
    }

    /** The cell holding a point, or {@link #NONE} when it lies outside the range (geohashEncode). */
    static GeoHash encode(Range range, double longitude, double latitude, int step) {
        if (!validCoordinates(longitude, latitude)
                || latitude < range.latMin() || latitude > range.latMax()
                || longitude < range.longMin() || longitude > range.longMax()) {
            return NONE;
        }
        double latOffset = (latitude - range.latMin()) / (range.latMax() - range.latMin());
        double longOffset = (longitude - range.longMin()) / (range.longMax() - range.longMin());
        latOffset *= (double) (1L << step);
        longOffset *= (double) (1L << step);
        return new GeoHash(interleave((long) latOffset & 0xffffffffL, (long) longOffset & 0xffffffffL), step);
    }

    /** The score a point is stored with: its step-26 hash. */
    static long score(double longitude, double latitude) {
        return encode(Range.MERCATOR, longitude, latitude, MAX_STEP).aligned52();
    }

    /** The hash shifted left to 52 bits, so that hashes of any step compare as scores. */
    long aligned52() {
        return bits << (52 - step * 2);
    }

    /** The cell's bounds (geohashDecode). */
    Area decode(Range range) {
        long separated = deinterleave(bits);
        long latCell = separated & 0xffffffffL;
        long longCell = separated >>> 32;
        double latScale = range.latMax() - range.latMin();
        double longScale = range.longMax() - range.longMin();
        double cells = (double) (1L << step);
        // Redis adds one to the 32-bit cell number, which wraps for the largest one.
        long latNext = (latCell + 1) & 0xffffffffL;
        long longNext = (longCell + 1) & 0xffffffffL;
        return new Area(this,
                range.longMin() + (longCell * 1.0 / cells) * longScale,
                range.longMin() + (longNext * 1.0 / cells) * longScale,
                range.latMin() + (latCell * 1.0 / cells) * latScale,
                range.latMin() + (latNext * 1.0 / cells) * latScale);
    }

    /** The centre of a stored score's cell as {longitude, latitude}, clamped to the valid range. */
    static double[] coordinates(double score) {
        Area area = new GeoHash(scoreBits(score), MAX_STEP).decode(Range.MERCATOR);
        double longitude = Math.max(LONG_MIN, Math.min(LONG_MAX, (area.longMin() + area.longMax()) / 2));
        double latitude = Math.max(LAT_MIN, Math.min(LAT_MAX, (area.latMin() + area.latMax()) / 2));
        return new double[] {longitude, latitude};
    }

    /**
     * A score converted to an unsigned 64-bit integer as Redis's {@code (uint64_t) score} does on
     * x86-64: truncated, with negative and out-of-range scores giving the hardware's results, so a
     * sorted set's non-geo scores decode as they do in Redis.
     */
    static long scoreBits(double score) {
        double twoTo63 = 0x1p63;
        if (!(score >= twoTo63)) {
            return (long) score;
        }
        double high = score - twoTo63;
        long truncated = high >= twoTo63 ? Long.MIN_VALUE : (long) high;
        return truncated ^ Long.MIN_VALUE;
    }

    /** The same cell moved by {@code dx} columns and {@code dy} rows, wrapping around. */
    GeoHash moved(int dx, int dy) {
        long x = bits & 0xaaaaaaaaaaaaaaaaL;
        long y = bits & 0x5555555555555555L;
        if (dx != 0) {
            long zz = 0x5555555555555555L >>> (64 - step * 2);
            x = dx > 0 ? x + (zz + 1) : (x | zz) - (zz + 1);
            x &= 0xaaaaaaaaaaaaaaaaL >>> (64 - step * 2);
        }
        if (dy != 0) {
            long zz = 0xaaaaaaaaaaaaaaaaL >>> (64 - step * 2);
            y = dy > 0 ? y + (zz + 1) : (y | zz) - (zz + 1);
            y &= 0x5555555555555555L >>> (64 - step * 2);
        }
        return new GeoHash(x | y, step);
    }

    /** Spreads the low 32 bits of {@code lat} to the even bits and of {@code lon} to the odd ones. */
    private static long interleave(long lat, long lon) {
        return spread(lat) | (spread(lon) << 1);
    }

    private static long spread(long v) {
        v = (v | (v << 16)) & 0x0000FFFF0000FFFFL;
        v = (v | (v << 8)) & 0x00FF00FF00FF00FFL;
        v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FL;
        v = (v | (v << 2)) & 0x3333333333333333L;
        v = (v | (v << 1)) & 0x5555555555555555L;
        return v;
    }

    /** The even bits gathered into the low word, the odd bits into the high word. */
    private static long deinterleave(long interleaved) {
        return squeeze(interleaved) | (squeeze(interleaved >>> 1) << 32);
    }

    private static long squeeze(long v) {
        v &= 0x5555555555555555L;
        v = (v | (v >>> 1)) & 0x3333333333333333L;
        v = (v | (v >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        v = (v | (v >>> 4)) & 0x00FF00FF00FF00FFL;
        v = (v | (v >>> 8)) & 0x0000FFFF0000FFFFL;
        v = (v | (v >>> 16)) & 0x00000000FFFFFFFFL;
        return v;
    }
}
