package io.pikko.commands;

import java.util.ArrayList;
import java.util.List;

/**
 * The geohash cells a search reads, as Redis chooses them (geohashCalculateAreasByShapeWGS84): the
 * cell holding the centre at a step coarse enough for the shape, and its eight neighbours, minus
 * the neighbours the shape's bounding box cannot reach. Order matters, since it is the order of
 * an unsorted reply: centre, N, S, E, W, NE, NW, SE, SW.
 */
final class GeoCells {
    private static final double MERCATOR_MAX = 20037726.37;

    private GeoCells() {}

    /** The cells to read; a {@link GeoHash#NONE} entry is a neighbour left out. */
    static List<GeoHash> covering(GeoShape shape) {
        double[] bounds = shape.boundingBox();
        double minLon = bounds[0];
        double minLat = bounds[1];
        double maxLon = bounds[2];
        double maxLat = bounds[3];
        int step = estimateStep(shape.reachMeters(), shape.latitude());
        GeoHash centre = GeoHash.encode(GeoHash.Range.MERCATOR, shape.longitude(), shape.latitude(), step);
        // Near a cell's edge the estimated step may be too fine for a neighbour to reach the box.
        boolean tooFine = centre.moved(0, 1).decode(GeoHash.Range.MERCATOR).latMax() < maxLat
                || centre.moved(0, -1).decode(GeoHash.Range.MERCATOR).latMin() > minLat
                || centre.moved(1, 0).decode(GeoHash.Range.MERCATOR).longMax() < maxLon
                || centre.moved(-1, 0).decode(GeoHash.Range.MERCATOR).longMin() > minLon;
        if (step > 1 && tooFine) {
            step--;
            centre = GeoHash.encode(GeoHash.Range.MERCATOR, shape.longitude(), shape.latitude(), step);
        }
        GeoHash.Area area = centre.decode(GeoHash.Range.MERCATOR);
        boolean south = true;
        boolean north = true;
        boolean west = true;
        boolean east = true;
        if (step >= 2) {
            // Written as Redis's tests, so that NaN bounds (an infinite radius) exclude nothing.
            south = !(area.latMin() < minLat);
            north = !(area.latMax() > maxLat);
            west = !(area.longMin() < minLon);
            east = !(area.longMax() > maxLon);
        }
        List<GeoHash> cells = new ArrayList<>(9);
        cells.add(centre);
        cells.add(north ? centre.moved(0, 1) : GeoHash.NONE);
        cells.add(south ? centre.moved(0, -1) : GeoHash.NONE);
        cells.add(east ? centre.moved(1, 0) : GeoHash.NONE);
        cells.add(west ? centre.moved(-1, 0) : GeoHash.NONE);
        cells.add(north && east ? centre.moved(1, 1) : GeoHash.NONE);
        cells.add(north && west ? centre.moved(-1, 1) : GeoHash.NONE);
        cells.add(south && east ? centre.moved(1, -1) : GeoHash.NONE);
        cells.add(south && west ? centre.moved(-1, -1) : GeoHash.NONE);
        return cells;
    }

    /** The step at which a cell is about as wide as the search reach (geohashEstimateStepsByRadius). */
    static int estimateStep(double rangeMeters, double latitude) {
        if (rangeMeters == 0) {
            return GeoHash.MAX_STEP;
        }
        int step = 1;
        while (rangeMeters < MERCATOR_MAX) {
            rangeMeters *= 2;
            step++;
        }
        step -= 2;
        // Cells narrow towards the poles.
        if (latitude > 66 || latitude < -66) {
            step--;
            if (latitude > 80 || latitude < -80) {
                step--;
            }
        }
        return Math.max(1, Math.min(GeoHash.MAX_STEP, step));
    }
}
