package io.genmod.math;

/** Numerically stable log(sum(exp(a_i))): shifts by the maximum so no term overflows or all underflow. */
public final class LogSumExp {

    private LogSumExp() {
    }

    /**
     * @param a values. Not modified.
     * @return log sum exp(a[from..to)); minus infinity for an empty range or all minus infinity
     */
    public static double of(double[] a, int from, int to) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            if (a[i] > max) {
                max = a[i];
            }
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
            return max;
        }
        if (max == Double.POSITIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.exp(a[i] - max);
        }
        return max + Math.log(sum);
    }

    public static double of(double[] a) {
        return of(a, 0, a.length);
    }
}
