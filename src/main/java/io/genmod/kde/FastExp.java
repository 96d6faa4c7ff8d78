package io.genmod.kde;

/**
 * e^-x for 0 <= x <= 50 from fused multiply-adds and multiplications only, so that loops over arrays of
 * exponents vectorise: e^-x = (e^-(x/128))^128, the inner factor by a Taylor polynomial and seven
 * squarings, which multiply its relative error by 128.
 */
final class FastExp {

    /** Relative error bound of {@link #expMinusCoarse}: 128 * 0.4^8 / 8! * e^0.4. */
    static final double COARSE_ERROR = 2.6e-6;

    private static final double SCALE = 1.0 / 128;

    private FastExp() {
    }

    /** Degree 12 (remainder 0.4^13/13! = 1e-15): relative error below 1e-12. */
    static double expMinus(double x) {
        double y = -x * SCALE;
        double p = 1.0 / 479001600;
        p = Math.fma(p, y, 1.0 / 39916800);
        p = Math.fma(p, y, 1.0 / 3628800);
        p = Math.fma(p, y, 1.0 / 362880);
        p = Math.fma(p, y, 1.0 / 40320);
        p = Math.fma(p, y, 1.0 / 5040);
        p = Math.fma(p, y, 1.0 / 720);
        p = Math.fma(p, y, 1.0 / 120);
        p = Math.fma(p, y, 1.0 / 24);
        p = Math.fma(p, y, 1.0 / 6);
        p = Math.fma(p, y, 0.5);
        p = Math.fma(p, y, 1.0);
        p = Math.fma(p, y, 1.0);
        return pow128(p);
    }

    /** Degree 7: relative error below {@link #COARSE_ERROR}. */
    static double expMinusCoarse(double x) {
        double y = -x * SCALE;
        double p = 1.0 / 5040;
        p = Math.fma(p, y, 1.0 / 720);
        p = Math.fma(p, y, 1.0 / 120);
        p = Math.fma(p, y, 1.0 / 24);
        p = Math.fma(p, y, 1.0 / 6);
        p = Math.fma(p, y, 0.5);
        p = Math.fma(p, y, 1.0);
        p = Math.fma(p, y, 1.0);
        return pow128(p);
    }

    private static double pow128(double p) {
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        return p;
    }
}
