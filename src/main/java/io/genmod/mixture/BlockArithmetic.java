package io.genmod.mixture;

/**
 * Loops over the points of a block (arrays of one coordinate or statistic per point) shared by the blocked
 * passes {@link EmEngine} and {@link BatchPass}: row operations of the triangular solve, fused so that the JIT
 * vectorises them, and sums with independent partial sums.
 */
final class BlockArithmetic {

    /** Points whose sums of exponentials are multiplied before one logarithm is taken. */
    private static final int LOG_GROUP = 32;

    private BlockArithmetic() {
    }

    /**
     * sum_p (max[p] + log sum[p]): the log-likelihood of a block's points from their log-sum-exp parts, with
     * one logarithm per {@link #LOG_GROUP} points. Each sum lies in [1, k] (the largest term is exp(0)), so a
     * product of 32 stays below k^32 < 2^1023 for any int k, and its log differs from the sum of the logs by
     * rounding (about 32 ulp). Math.log costs about 10 ns here; a multiplication about 1.
     */
    static double logLikelihood(double[] max, double[] sum, int len) {
        double ll = 0;
        for (int g = 0; g < len; g += LOG_GROUP) {
            int end = Math.min(len, g + LOG_GROUP);
            double product = 1;
            for (int p = g; p < end; p++) {
                ll += max[p];
                product *= sum[p];
            }
            ll += Math.log(product);
        }
        return ll;
    }

    /**
     * Row a of the forward substitution L z = x - mu for every point: z_a = (x_a - mu_a - sum_{m<a} L_am z_m) /
     * L_aa with up to four rows of z per pass over z_a (the first pass fused with the centring, the last with
     * the scaling), and q += z_a^2.
     *
     * @param l holds L_a0 .. L_a(a-1) from {@code from} on
     */
    static void solveRow(double[] xa, double ma, double[][] z, int a, double[] l, int from, double inverseDiagonal,
                         double[] q, int len) {
        double[] za = z[a];
        if (a == 0) {
            for (int p = 0; p < len; p++) {
                double v = (xa[p] - ma) * inverseDiagonal;
                za[p] = v;
                q[p] += v * v;
            }
            return;
        }
        int m = 0;
        boolean centred = false;
        while (m < a) {
            int terms = Math.min(4, a - m);
            boolean last = m + terms == a;
            double[] src = centred ? za : xa;
            double shift = centred ? 0 : ma;
            double scale = last ? inverseDiagonal : 1;
            double[] sq = last ? q : null;
            int at = from + m;
            switch (terms) {
                case 4 -> rowOperation4(src, shift, za, z[m], z[m + 1], z[m + 2], z[m + 3], l[at], l[at + 1],
                        l[at + 2], l[at + 3], scale, sq, len);
                case 3 -> rowOperation3(src, shift, za, z[m], z[m + 1], z[m + 2], l[at], l[at + 1], l[at + 2], scale,
                        sq, len);
                case 2 -> rowOperation2(src, shift, za, z[m], z[m + 1], l[at], l[at + 1], scale, sq, len);
                default -> rowOperation1(src, shift, za, z[m], l[at], scale, sq, len);
            }
            centred = true;
            m += terms;
        }
    }

    /** out = (src - shift - (l0 z0 + l1 z1 + l2 z2 + l3 z3)) * scale; q += out^2 when q is given. */
    private static void rowOperation4(double[] src, double shift, double[] out, double[] z0, double[] z1, double[] z2,
                                      double[] z3, double l0, double l1, double l2, double l3, double scale, double[] q,
                                      int len) {
        if (q == null) {
            for (int p = 0; p < len; p++) {
                out[p] = src[p] - shift - (l0 * z0[p] + l1 * z1[p] + (l2 * z2[p] + l3 * z3[p]));
            }
        } else {
            for (int p = 0; p < len; p++) {
                double v = (src[p] - shift - (l0 * z0[p] + l1 * z1[p] + (l2 * z2[p] + l3 * z3[p]))) * scale;
                out[p] = v;
                q[p] += v * v;
            }
        }
    }

    private static void rowOperation3(double[] src, double shift, double[] out, double[] z0, double[] z1, double[] z2,
                                      double l0, double l1, double l2, double scale, double[] q, int len) {
        if (q == null) {
            for (int p = 0; p < len; p++) {
                out[p] = src[p] - shift - (l0 * z0[p] + l1 * z1[p] + l2 * z2[p]);
            }
        } else {
            for (int p = 0; p < len; p++) {
                double v = (src[p] - shift - (l0 * z0[p] + l1 * z1[p] + l2 * z2[p])) * scale;
                out[p] = v;
                q[p] += v * v;
            }
        }
    }

    private static void rowOperation2(double[] src, double shift, double[] out, double[] z0, double[] z1, double l0,
                                      double l1, double scale, double[] q, int len) {
        if (q == null) {
            for (int p = 0; p < len; p++) {
                out[p] = src[p] - shift - (l0 * z0[p] + l1 * z1[p]);
            }
        } else {
            for (int p = 0; p < len; p++) {
                double v = (src[p] - shift - (l0 * z0[p] + l1 * z1[p])) * scale;
                out[p] = v;
                q[p] += v * v;
            }
        }
    }

    private static void rowOperation1(double[] src, double shift, double[] out, double[] z0, double l0, double scale,
                                      double[] q, int len) {
        if (q == null) {
            for (int p = 0; p < len; p++) {
                out[p] = src[p] - shift - l0 * z0[p];
            }
        } else {
            for (int p = 0; p < len; p++) {
                double v = (src[p] - shift - l0 * z0[p]) * scale;
                out[p] = v;
                q[p] += v * v;
            }
        }
    }

    /**
     * second[a d + b] += sum_c weighted[a][c] z[b][c] for b <= a: the lower triangle (row-major, d x d) of the
     * weighted scatter of {@code count} points.
     */
    static void addLowerScatter(double[][] weighted, double[][] z, int count, double[] second, int d) {
        for (int a = 0; a < d; a++) {
            double[] wa = weighted[a];
            int bb = 0;
            for (; bb + 3 <= a; bb += 4) {
                dot4(wa, z[bb], z[bb + 1], z[bb + 2], z[bb + 3], count, second, a * d + bb);
            }
            for (; bb + 1 <= a; bb += 2) {
                dot2(wa, z[bb], z[bb + 1], count, second, a * d + bb);
            }
            if (bb <= a) {
                second[a * d + bb] += dot(wa, z[bb], count);
            }
        }
    }

    /** w[c] = r[c] z[c]; returns the sum of w. */
    static double weightAndSum(double[] r, double[] z, double[] w, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int c = 0;
        for (; c + 3 < len; c += 4) {
            double w0 = r[c] * z[c];
            double w1 = r[c + 1] * z[c + 1];
            double w2 = r[c + 2] * z[c + 2];
            double w3 = r[c + 3] * z[c + 3];
            w[c] = w0;
            w[c + 1] = w1;
            w[c + 2] = w2;
            w[c + 3] = w3;
            s0 += w0;
            s1 += w1;
            s2 += w2;
            s3 += w3;
        }
        for (; c < len; c++) {
            double w0 = r[c] * z[c];
            w[c] = w0;
            s0 += w0;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** out[at] += u . v0 and out[at + 1] += u . v1, two points at a time (four independent sums). */
    private static void dot2(double[] u, double[] v0, double[] v1, int len, double[] out, int at) {
        double s0 = 0;
        double s1 = 0;
        double t0 = 0;
        double t1 = 0;
        int p = 0;
        for (; p + 1 < len; p += 2) {
            double u0 = u[p];
            double u1 = u[p + 1];
            s0 += u0 * v0[p];
            t0 += u0 * v1[p];
            s1 += u1 * v0[p + 1];
            t1 += u1 * v1[p + 1];
        }
        for (; p < len; p++) {
            s0 += u[p] * v0[p];
            t0 += u[p] * v1[p];
        }
        out[at] += s0 + s1;
        out[at + 1] += t0 + t1;
    }

    /** out[at + i] += u . v_i for i < 4, one point at a time (four independent sums, u loaded once). */
    private static void dot4(double[] u, double[] v0, double[] v1, double[] v2, double[] v3, int len, double[] out,
                             int at) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int p = 0; p < len; p++) {
            double up = u[p];
            s0 += up * v0[p];
            s1 += up * v1[p];
            s2 += up * v2[p];
            s3 += up * v3[p];
        }
        out[at] += s0;
        out[at + 1] += s1;
        out[at + 2] += s2;
        out[at + 3] += s3;
    }

    /** sum_p u[p] v[p] with four independent partial sums. */
    static double dot(double[] u, double[] v, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int p = 0;
        for (; p + 3 < len; p += 4) {
            s0 += u[p] * v[p];
            s1 += u[p + 1] * v[p + 1];
            s2 += u[p + 2] * v[p + 2];
            s3 += u[p + 3] * v[p + 3];
        }
        for (; p < len; p++) {
            s0 += u[p] * v[p];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
