package io.genmod.math;

/** Sums over the first entries of an array, in a fixed order that the JIT runs without a serial dependency. */
public final class ArraySums {

    private ArraySums() {
    }

    /** sum_p u[p] over p < len, with four independent partial sums ((s0 + s1) + (s2 + s3)). */
    public static double sum(double[] u, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int p = 0;
        for (; p + 3 < len; p += 4) {
            s0 += u[p];
            s1 += u[p + 1];
            s2 += u[p + 2];
            s3 += u[p + 3];
        }
        for (; p < len; p++) {
            s0 += u[p];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
