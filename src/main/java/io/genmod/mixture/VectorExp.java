package io.genmod.mixture;

/**
 * exp over arrays of non-positive numbers in a form the JIT vectorises: exp(x) = exp(x / 64)^64 with
 * exp(y), y in [-50/64, 0], from its Taylor polynomial of degree 16 (truncation below 1e-16 relative) by
 * Horner's rule in short loops (a long loop body is not unrolled, hence not vectorised), then six squarings.
 * Relative error below 3e-14 on [-50, 0]. Arguments below -50 are taken as -50: exp(-50) ~ 2e-22 is
 * beneath the rounding of any sum that also holds exp(0) = 1, which is how log-sum-exp uses it.
 */
final class VectorExp {

    static final double FLOOR = -50;
    private static final double SCALE = 1.0 / 64;
    private static final double[] C = new double[17];

    static {
        double factorial = 1;
        for (int i = 0; i < C.length; i++) {
            factorial *= Math.max(i, 1);
            C[i] = 1 / factorial;
        }
    }

    private VectorExp() {
    }

    /**
     * a[p] = exp(max(a[p] - shift[p], -50)) and sum[p] += a[p] for p in [from, to): the exponentials of
     * log-sum-exp with the subtraction and the sum fused into the first and last loops.
     *
     * @param a values with a[p] <= shift[p]. Modified.
     * @param shift per-entry maximum. Not modified.
     * @param sum running sums. Modified.
     * @param y scratch of at least {@code to} entries. Modified.
     */
    static void expShiftedAndSum(double[] a, double[] shift, double[] sum, double[] y, int from, int to) {
        final double c0 = C[0], c1 = C[1], c2 = C[2], c3 = C[3], c4 = C[4], c5 = C[5], c6 = C[6], c7 = C[7], c8 = C[8];
        final double c9 = C[9], c10 = C[10], c11 = C[11], c12 = C[12], c13 = C[13], c14 = C[14], c15 = C[15], c16 = C[16];
        for (int i = from; i < to; i++) {
            double v = Math.max(a[i] - shift[i], FLOOR) * SCALE;
            y[i] = v;
            double r = Math.fma(c16, v, c15);
            r = Math.fma(r, v, c14);
            r = Math.fma(r, v, c13);
            a[i] = Math.fma(r, v, c12);
        }
        for (int i = from; i < to; i++) {
            double v = y[i];
            double r = Math.fma(a[i], v, c11);
            r = Math.fma(r, v, c10);
            r = Math.fma(r, v, c9);
            a[i] = Math.fma(r, v, c8);
        }
        for (int i = from; i < to; i++) {
            double v = y[i];
            double r = Math.fma(a[i], v, c7);
            r = Math.fma(r, v, c6);
            r = Math.fma(r, v, c5);
            a[i] = Math.fma(r, v, c4);
        }
        for (int i = from; i < to; i++) {
            double v = y[i];
            double r = Math.fma(a[i], v, c3);
            r = Math.fma(r, v, c2);
            r = Math.fma(r, v, c1);
            a[i] = Math.fma(r, v, c0);
        }
        for (int i = from; i < to; i++) {
            double r = a[i];
            r *= r;
            r *= r;
            r *= r;
            r *= r;
            r *= r;
            r *= r;
            a[i] = r;
            sum[i] += r;
        }
    }
}
