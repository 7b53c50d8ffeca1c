package io.pikko.commands;

/**
 * The area a geo search covers: a circle of {@code radius} or a box of {@code width} by
 * {@code height} around a centre, in a unit of {@code conversion} metres. Distances use Redis's
 * haversine formula on a sphere of Redis's Earth radius, with correctly rounded trigonometry
 * ({@link GeoMath}) so that distances come out bit for bit as Redis's.
 */
record GeoShape(double longitude, double latitude, boolean circle, double radius, double width, double height,
                double conversion) {
    static final double EARTH_RADIUS_METERS = 6372797.560856;
    private static final double DEG_TO_RAD = Math.PI / 180.0;

    static GeoShape circle(double longitude, double latitude, double radius, double conversion) {
        return new GeoShape(longitude, latitude, true, radius, 0, 0, conversion);
    }

    static GeoShape box(double longitude, double latitude, double width, double height, double conversion) {
        return new GeoShape(longitude, latitude, false, 0, width, height, conversion);
    }

    static double toRadians(double degrees) {
        return degrees * DEG_TO_RAD;
    }

    static double toDegrees(double radians) {
        return radians / DEG_TO_RAD;
    }

    /** Great-circle distance in metres between two points given in degrees (geohashGetDistance). */
    static double distance(double lon1, double lat1, double lon2, double lat2) {
        double v = GeoMath.sin((toRadians(lon2) - toRadians(lon1)) / 2);
        if (v == 0.0) {
            // Same meridian: the distance is the latitude difference alone.
            return latitudeDistance(lat1, lat2);
        }
        double lat1r = toRadians(lat1);
        double lat2r = toRadians(lat2);
        double u = GeoMath.sin((lat2r - lat1r) / 2);
        double a = u * u + GeoMath.cos(lat1r) * GeoMath.cos(lat2r) * v * v;
        return 2.0 * EARTH_RADIUS_METERS * GeoMath.asin(Math.sqrt(a));
    }

    static double latitudeDistance(double lat1, double lat2) {
        return EARTH_RADIUS_METERS * Math.abs(toRadians(lat2) - toRadians(lat1));
    }

    /**
     * The distance in metres from the centre to a point, or NaN when the point lies outside the
     * shape. A box checks the latitude and longitude offsets separately, as Redis does.
     */
    double distanceIfInside(double pointLongitude, double pointLatitude) {
        if (circle) {
            double d = distance(longitude, latitude, pointLongitude, pointLatitude);
            return d > radius * conversion ? Double.NaN : d;
        }
        double widthMeters = width * conversion;
        double heightMeters = height * conversion;
        if (latitudeDistance(pointLatitude, latitude) > heightMeters / 2) {
            return Double.NaN;
        }
        if (distance(pointLongitude, pointLatitude, longitude, pointLatitude) > widthMeters / 2) {
            return Double.NaN;
        }
        return distance(longitude, latitude, pointLongitude, pointLatitude);
    }

    /**
     * {min longitude, min latitude, max longitude, max latitude} of a box around the shape,
     * wider on the side nearer the pole (geohashBoundingBox).
     */
    double[] boundingBox() {
        double halfHeight = conversion * (circle ? radius : height / 2);
        double halfWidth = conversion * (circle ? radius : width / 2);
        double latDelta = toDegrees(halfHeight / EARTH_RADIUS_METERS);
        double longDeltaTop = toDegrees(halfWidth / EARTH_RADIUS_METERS / GeoMath.cos(toRadians(latitude + latDelta)));
        double longDeltaBottom = toDegrees(halfWidth / EARTH_RADIUS_METERS / GeoMath.cos(toRadians(latitude - latDelta)));
        double longDelta = latitude < 0 ? longDeltaBottom : longDeltaTop;
        return new double[] {longitude - longDelta, latitude - latDelta, longitude + longDelta, latitude + latDelta};
    }

    /** The distance from the centre to the farthest point of the shape, in metres. */
    double reachMeters() {
        double reach = circle ? radius : Math.sqrt((width / 2) * (width / 2) + (height / 2) * (height / 2));
        return reach * conversion;
    }
}
