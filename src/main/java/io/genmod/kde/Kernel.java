package io.genmod.kde;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Radial kernels K(r) as in scikit-learn's {@code KernelDensity}, written in terms of the scaled squared
 * distance s = r^2 / h^2. Normalising constants follow scikit-learn's {@code _log_kernel_norm} (its
 * {@code _binary_tree.pxi}): each kernel integrates to one over R^d.
 */
public enum Kernel {
    GAUSSIAN("gaussian", false),
    EPANECHNIKOV("epanechnikov", true),
    TOPHAT("tophat", true),
    EXPONENTIAL("exponential", false),
    LINEAR("linear", true),
    COSINE("cosine", true);

    private static final double LOG_PI = Math.log(Math.PI);
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final String id;
    private final boolean compact;

    Kernel(String id, boolean compact) {
        this.id = id;
        this.compact = compact;
    }

    public String id() {
        return id;
    }

    /** Whether the kernel vanishes for r >= h. */
    public boolean compact() {
        return compact;
    }

    /** @throws IllegalArgumentException for an unknown id */
    public static Kernel of(String id) {
        for (Kernel k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown kernel " + id);
    }

    /** Unnormalised log K at scaled squared distance s (minus infinity outside a compact support). */
    public double logValue(double s) {
        switch (this) {
            case GAUSSIAN:
                return -0.5 * s;
            case EXPONENTIAL:
                return -Math.sqrt(s);
            case TOPHAT:
                return s < 1 ? 0 : Double.NEGATIVE_INFINITY;
            case EPANECHNIKOV:
                return s < 1 ? Math.log(1 - s) : Double.NEGATIVE_INFINITY;
            case LINEAR:
                return s < 1 ? Math.log(1 - Math.sqrt(s)) : Double.NEGATIVE_INFINITY;
            case COSINE:
                return s < 1 ? Math.log(Math.cos(0.5 * Math.PI * Math.sqrt(s))) : Double.NEGATIVE_INFINITY;
            default:
                throw new IllegalStateException(name());
        }
    }

    /**
     * log of the normalising constant for bandwidth h in d dimensions, so that log p(x) = log sum K + norm - log n.
     * Transcribes scikit-learn's {@code _log_kernel_norm(h, d, kernel)}.
     */
    public double logNorm(double h, int d) {
        double factor;
        switch (this) {
            case GAUSSIAN:
                factor = 0.5 * d * LOG_2PI;
                break;
            case TOPHAT:
                factor = logVn(d);
                break;
            case EPANECHNIKOV:
                factor = logVn(d) + Math.log(2.0 / (d + 2.0));
                break;
            case EXPONENTIAL:
                factor = logSn(d - 1) + logGammaHalf(2 * d);
                break;
            case LINEAR:
                factor = logVn(d) - Math.log(d + 1.0);
                break;
            case COSINE: {
                // chain-rule integration of cos(pi r / 2) r^(d-1) over [0, 1]
                double f = 0;
                double tmp = 2.0 / Math.PI;
                for (int k = 1; k <= d; k += 2) {
                    f += tmp;
                    tmp *= -(double) (d - k) * (d - k - 1) * (2.0 / Math.PI) * (2.0 / Math.PI);
                }
                factor = Math.log(f) + logSn(d - 1);
                break;
            }
            default:
                throw new IllegalStateException(name());
        }
        return -factor - d * Math.log(h);
    }

    /**
     * Draws an offset from the normalised kernel with bandwidth h (scikit-learn samples only gaussian and
     * tophat). Gaussian: N(0, h^2 I); exponential: a uniform direction with radius ~ Gamma(d, h), the radial
     * density r^(d-1) e^(-r/h); compact kernels: a uniform point of the ball of radius h accepted with
     * probability K(r) (K <= 1), which has density proportional to K.
     *
     * @param out receives the offset. Modified.
     */
    public void sampleOffset(double h, double[] out, RandomGenerator random) {
        int d = out.length;
        if (this == GAUSSIAN) {
            for (int k = 0; k < d; k++) {
                out[k] = h * random.nextGaussian();
            }
            return;
        }
        if (this == EXPONENTIAL) {
            double r = 0;
            for (int k = 0; k < d; k++) {
                r -= Math.log1p(-random.nextDouble());
            }
            direction(out, random);
            for (int k = 0; k < d; k++) {
                out[k] *= h * r;
            }
            return;
        }
        while (true) {
            double u = Math.pow(random.nextDouble(), 1.0 / d);
            double accept = Math.exp(logValue(u * u));
            if (this == TOPHAT || random.nextDouble() < accept) {
                direction(out, random);
                for (int k = 0; k < d; k++) {
                    out[k] *= h * u;
                }
                return;
            }
        }
    }

    private static void direction(double[] out, RandomGenerator random) {
        double norm;
        do {
            norm = 0;
            for (int k = 0; k < out.length; k++) {
                out[k] = random.nextGaussian();
                norm += out[k] * out[k];
            }
        } while (norm == 0);
        norm = Math.sqrt(norm);
        for (int k = 0; k < out.length; k++) {
            out[k] /= norm;
        }
    }

    /** log of the volume of the unit n-ball: pi^(n/2) / Gamma(n/2 + 1). */
    static double logVn(int n) {
        return 0.5 * n * LOG_PI - logGammaHalf(n + 2);
    }

    /** log of the surface area of the unit n-sphere in R^(n+1), as scikit-learn's logSn. */
    static double logSn(int n) {
        return LOG_2PI + logVn(n - 1);
    }

    /**
     * log Gamma(m / 2) for an integer m >= 1, exactly from Gamma(k) = (k-1)! and
     * Gamma(k + 1/2) = Gamma(1/2) prod_{j<k} (j + 1/2).
     */
    static double logGammaHalf(int m) {
        if (m <= 0) {
            throw new IllegalArgumentException("Gamma pole at " + m / 2.0);
        }
        double sum = 0;
        if (m % 2 == 0) {
            for (int i = 2; i < m / 2; i++) {
                sum += Math.log(i);
            }
            return sum;
        }
        // Gamma(m/2) = Gamma(1/2) * prod_{j=0}^{(m-3)/2} (j + 1/2)
        sum = 0.5 * LOG_PI;
        for (int j = 0; j < (m - 1) / 2; j++) {
            sum += Math.log(j + 0.5);
        }
        return sum;
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
