package io.pikko.commands;

/**
 * The cardinality estimate Redis 7.0 computes from a HyperLogLog's registers: Otmar Ertl's
 * improved estimator ("New cardinality estimation algorithms for HyperLogLog sketches",
 * arXiv:1702.01284) over the histogram of register values, with Redis's order of floating-point
 * operations so that the result is the same integer.
 */
final class HllEstimator {
    /** The largest run length a register can hold: the 50 hash bits left after the index, plus one. */
    private static final int Q = 50;
    private static final double ALPHA_INF = 0.721347520444481703680;

    private HllEstimator() {}

    static long estimate(int[] registers) {
        int[] histogram = new int[64];
        for (int value : registers) {
            histogram[value]++;
        }
        double m = HllValue.REGISTERS;
        double z = m * tau((m - histogram[Q + 1]) / m);
        for (int j = Q; j >= 1; j--) {
            z += histogram[j];
            z *= 0.5;
        }
        z += m * sigma(histogram[0] / m);
        return roundHalfAway(ALPHA_INF * m * m / z);
    }

    private static double sigma(double x) {
        if (x == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double y = 1;
        double z = x;
        double previous;
        do {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        } while (previous != z);
        return z;
    }

    private static double tau(double x) {
        if (x == 0.0 || x == 1.0) {
            return 0.0;
        }
        double y = 1.0;
        double z = 1 - x;
        double previous;
        do {
            x = Math.sqrt(x);
            previous = z;
            y *= 0.5;
            z -= (1 - x) * (1 - x) * y;
        } while (previous != z);
        return z / 3;
    }

    /** C's llround for a non-negative value: halves round away from zero. */
    private static long roundHalfAway(double value) {
        long whole = (long) value;
        return value - whole >= 0.5 ? whole + 1 : whole;
    }
}
