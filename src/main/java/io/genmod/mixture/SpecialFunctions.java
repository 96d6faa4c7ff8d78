package io.genmod.mixture;

/**
 * Digamma and log-gamma for the variational mixture: shift the argument up by the recurrences
 * psi(x) = psi(x + 1) - 1/x and lnGamma(x) = lnGamma(x + 1) - ln x until x >= 10, then the asymptotic
 * (Stirling) series with Bernoulli coefficients (Abramowitz and Stegun 6.3.18 and 6.1.41); relative
 * error below 1e-14 for x > 0.
 */
final class SpecialFunctions {

    private static final double SHIFT = 10;
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private SpecialFunctions() {
    }

    /** psi(x) = d/dx ln Gamma(x), for x > 0. */
    static double digamma(double x) {
        double result = 0;
        while (x < SHIFT) {
            result -= 1 / x;
            x += 1;
        }
        double inv2 = 1 / (x * x);
        // A&S 6.3.18: ln x - 1/(2x) - sum B_2n / (2n x^2n)
        double series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240
                - inv2 * (1.0 / 132 - inv2 * (691.0 / 32760 - inv2 / 12.0))))));
        return result + Math.log(x) - 0.5 / x - series;
    }

    /** ln Gamma(x), for x > 0. */
    static double logGamma(double x) {
        double shift = 0;
        double product = 1;
        while (x < SHIFT) {
            product *= x;
            x += 1;
        }
        shift = Math.log(product);
        double inv = 1 / x;
        double inv2 = inv * inv;
        // A&S 6.1.41: (x - 1/2) ln x - x + ln(2 pi)/2 + sum B_2n / (2n (2n - 1) x^(2n - 1))
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680
                - inv2 * (1.0 / 1188 - inv2 * (691.0 / 360360 - inv2 / 156.0))))));
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series - shift;
    }

    /** ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b). */
    static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }
}
