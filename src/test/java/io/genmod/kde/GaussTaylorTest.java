package io.genmod.kde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The truncated expansion of e^(u.v) used between gaussian leaves, against Math.exp and the closed-form
 * number of monomials.
 */
class GaussTaylorTest {

    @Test
    void termsOfEachTotalDegreeAreCountedOnce() {
        // multi-indices of R^d with |alpha| < p: binomial(p - 1 + d, d)
        GaussTaylor two = new GaussTaylor(2);
        for (int p = 0; p <= two.maxOrder; p++) {
            assertThat(two.termsBelow[p]).isEqualTo(p * (p + 1) / 2);
        }
        GaussTaylor three = new GaussTaylor(3);
        for (int p = 0; p <= three.maxOrder; p++) {
            assertThat(three.termsBelow[p]).isEqualTo(p * (p + 1) * (p + 2) / 6);
        }
    }

    @Test
    void truncatedExpansionStaysWithinTheRelativeErrorItsOrderPromises() {
        SplittableRandom random = new SplittableRandom(7);
        for (int d = 1; d <= 3; d++) {
            GaussTaylor taylor = new GaussTaylor(d);
            for (double epsilon : new double[] {1e-3, 1e-6, 1e-10}) {
                for (int trial = 0; trial < 2000; trial++) {
                    double[] u = new double[d];
                    double[] v = new double[d];
                    double dot = 0;
                    double nu = 0;
                    double nv = 0;
                    for (int k = 0; k < d; k++) {
                        u[k] = random.nextDouble(-0.6, 0.6);
                        v[k] = random.nextDouble(-0.6, 0.6);
                        dot += u[k] * v[k];
                        nu += u[k] * u[k];
                        nv += v[k] * v[k];
                    }
                    double rho = Math.sqrt(nu * nv);
                    int p = taylor.order(rho, epsilon);
                    if (p < 0) {
                        continue;
                    }
                    double[] monoU = new double[taylor.termsBelow[p]];
                    double[] monoV = new double[monoU.length];
                    monoU[0] = 1;
                    monoV[0] = 1;
                    double series = 1;
                    for (int t = 1; t < monoU.length; t++) {
                        monoU[t] = monoU[taylor.parent[t]] * u[taylor.dim[t]];
                        monoV[t] = monoV[taylor.parent[t]] * v[taylor.dim[t]];
                        series += taylor.invFactorial[t] * monoU[t] * monoV[t];
                    }
                    double exact = Math.exp(dot);
                    assertThat(Math.abs(series - exact)).as("d %d rho %f p %d", d, rho, p)
                            .isLessThanOrEqualTo(epsilon * exact);
                }
            }
        }
    }

    @Test
    void noOrderForRadiiProductsOfOneOrMore() {
        assertThat(new GaussTaylor(2).order(1.0, 0.5)).isEqualTo(-1);
        assertThat(new GaussTaylor(2).order(0.0, 1e-13)).isEqualTo(1);
    }
}
