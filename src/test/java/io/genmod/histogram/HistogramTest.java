package io.genmod.histogram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.genmod.core.InvalidParameterException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Properties of fixed and variable-width histograms: normalisation, support, sampling, options, ties. */
class HistogramTest {

    private static final double NORMALISED = 1e-12;
    /** Sample frequencies of 200,000 draws stay within this of the cell masses (about 6 standard errors). */
    private static final double FREQUENCY_TOLERANCE = 0.007;

    private static double[][] normal(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = r.nextGaussian() * (k + 1);
            }
        }
        return x;
    }

    /** sum over cells of density times volume. */
    private static double integral(Histogram h) {
        double[][] e = h.edges();
        int[] shape = h.shape();
        double[] density = h.densities();
        double total = 0;
        int[] idx = new int[shape.length];
        for (int c = 0; c < density.length; c++) {
            double volume = 1;
            for (int k = 0; k < shape.length; k++) {
                volume *= e[k][idx[k] + 1] - e[k][idx[k]];
            }
            total += density[c] * volume;
            for (int k = shape.length - 1; k >= 0; k--) {
                if (++idx[k] < shape[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return total;
    }

    private static HistogramFitter.Options options(int bins, double[][] range, double pseudoCount) {
        return new HistogramFitter.Options(List.of(HistogramFitter.Bins.of(bins)), range, pseudoCount,
                HistogramFitter.DEFAULT_MAX_CELLS);
    }

    @Test
    void densityIntegratesToOneInOneTwoAndThreeDimensions() {
        for (int d = 1; d <= 3; d++) {
            Histogram h = HistogramFitter.fit(normal(500, d, d), options(7, null, 0)).model();
            assertThat(integral(h)).isCloseTo(1, within(NORMALISED));
            Histogram smoothed = HistogramFitter.fit(normal(500, d, d), options(7, null, 0.5)).model();
            assertThat(integral(smoothed)).isCloseTo(1, within(NORMALISED));
        }
    }

    @Test
    void logDensityIsTheCellDensityInsideAndMinusInfinityOutside() {
        double[][] x = {{0.0}, {0.1}, {0.2}, {0.9}, {1.0}};
        Histogram h = HistogramFitter.fit(x, options(2, null, 0)).model();
        // bins [0, 0.5) with 3 points and [0.5, 1] with 2: densities 3/(5*0.5) and 2/(5*0.5)
        double[] ld = h.logDensity(new double[][] {{0.25}, {0.75}, {1.0}, {-0.01}, {1.01}});
        assertThat(ld[0]).isCloseTo(Math.log(1.2), within(NORMALISED));
        assertThat(ld[1]).isCloseTo(Math.log(0.8), within(NORMALISED));
        assertThat(ld[2]).isCloseTo(Math.log(0.8), within(NORMALISED));
        assertThat(ld[3]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ld[4]).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void emptyCellsHaveZeroDensityUnlessAPseudoCountCoversTheRange() {
        double[][] x = {{0.0}, {0.1}, {3.9}, {4.0}};
        Histogram plain = HistogramFitter.fit(x, options(4, new double[][] {{0, 4}}, 0)).model();
        assertThat(plain.logDensity(new double[][] {{2.0}})[0]).isEqualTo(Double.NEGATIVE_INFINITY);
        Histogram smoothed = HistogramFitter.fit(x, options(4, new double[][] {{0, 4}}, 1)).model();
        // (0 + 1) / ((4 + 4) * 1)
        assertThat(smoothed.logDensity(new double[][] {{2.0}})[0]).isCloseTo(Math.log(1.0 / 8), within(NORMALISED));
    }

    @Test
    void samplesFallInCellsInProportionToTheirMass() {
        Histogram h = HistogramFitter.fit(normal(300, 2, 5), new HistogramFitter.Options(
                List.of(HistogramFitter.Bins.of(3), HistogramFitter.Bins.of(4)), null, 0.25,
                HistogramFitter.DEFAULT_MAX_CELLS)).model();
        int n = 200_000;
        double[][] s = h.sample(n, new SplittableRandom(11));
        double[] observed = Histogram.count(s, h.edges());
        double[] density = h.densities();
        double[][] e = h.edges();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 4; b++) {
                double mass = density[a * 4 + b] * (e[0][a + 1] - e[0][a]) * (e[1][b + 1] - e[1][b]);
                assertThat(observed[a * 4 + b] / n).isCloseTo(mass, within(FREQUENCY_TOLERANCE));
            }
        }
        assertThat(h.sample(5, new SplittableRandom(3))).isDeepEqualTo(h.sample(5, new SplittableRandom(3)));
    }

    @Test
    void invalidOptionsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> HistogramFitter.Bins.of(0)).isInstanceOf(InvalidParameterException.class)
                .extracting(e -> ((InvalidParameterException) e).field()).isEqualTo("bins");
        assertThatThrownBy(() -> options(3, new double[][] {{2, 2}}, 0)).isInstanceOf(InvalidParameterException.class)
                .extracting(e -> ((InvalidParameterException) e).field()).isEqualTo("range[0]");
        assertThatThrownBy(() -> options(3, null, -1)).isInstanceOf(InvalidParameterException.class)
                .extracting(e -> ((InvalidParameterException) e).field()).isEqualTo("pseudoCount");
        double[][] x = normal(50, 3, 1);
        HistogramFitter.Options huge = new HistogramFitter.Options(List.of(HistogramFitter.Bins.of(200)), null, 0,
                HistogramFitter.DEFAULT_MAX_CELLS);
        assertThatThrownBy(() -> HistogramFitter.fit(x, huge)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("8000000 cells");
    }

    @Test
    void variableWidthBinsHoldEqualCountsWithMidpointEdges() {
        double[][] x = normal(103, 1, 9);
        Histogram h = VariableHistogramFitter.fit(x, new VariableHistogramFitter.Options(null, null)).model();
        double[] sorted = java.util.Arrays.stream(x).mapToDouble(r -> r[0]).sorted().toArray();
        double[] e = h.edges()[0];
        // default pointsPerBin round(sqrt(103)) = 10, so round(103 / 10) = 10 bins
        assertThat(e).hasSize(11);
        assertThat(e[0]).isEqualTo(sorted[0]);
        assertThat(e[10]).isEqualTo(sorted[102]);
        double[] counts = h.counts();
        for (double c : counts) {
            assertThat(c).isBetween(10.0, 11.0);
        }
        int cut = 0;
        for (int j = 1; j < 10; j++) {
            cut += (int) counts[j - 1];
            assertThat(e[j]).isCloseTo((sorted[cut - 1] + sorted[cut]) / 2, within(NORMALISED));
        }
        assertThat(integral(h)).isCloseTo(1, within(NORMALISED));
    }

    @Test
    void tiedValuesNeverLeaveABinEmptyAndTheDensityStaysNormalised() {
        SplittableRandom r = new SplittableRandom(4);
        double[][] x = new double[300][1];
        for (double[] row : x) {
            row[0] = r.nextInt(7);
        }
        for (int per : new int[] {1, 5, 17, 40}) {
            Histogram h = VariableHistogramFitter.fit(x, new VariableHistogramFitter.Options(per, null)).model();
            for (double c : h.counts()) {
                assertThat(c).isPositive();
            }
            assertThat(java.util.Arrays.stream(h.counts()).sum()).isEqualTo(300);
            assertThat(integral(h)).isCloseTo(1, within(NORMALISED));
            for (double[] row : x) {
                assertThat(h.logDensity(new double[][] {row})[0]).isFinite();
            }
        }
    }
    /** A span wider than the largest double cannot carry equal-width edges: named, not "no point in range". */
    @Test
    void aSpanBeyondTheLargestDoubleIsRefusedNamingIt() {
        double[][] x = {{-1.7e308}, {1.7e308}};
        assertThatThrownBy(() -> HistogramFitter.fit(x, options(4, null, 0)))
                .isInstanceOfSatisfying(io.genmod.core.UnfittableDataException.class,
                        e -> assertThat(e.field()).isEqualTo("x"))
                .hasMessageContaining("1.8e308");
        assertThatThrownBy(() -> HistogramFitter.fit(new double[][] {{0}, {1}},
                options(4, new double[][] {{-1e308, 1e308}}, 0)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.field()).isEqualTo("range[0]"));
    }
    /**
     * With an outlier a rule's bin count saturates: the error names binRule (the field that was sent) and says
     * what to do, instead of naming bins with a count of 9223372036854775807.
     */
    @Test
    void aRuleOverwhelmedByAnOutlierIsNamed() {
        double[][] x = {{1e300}, {0}, {1}, {2}, {0.5}};
        HistogramFitter.Options fd = new HistogramFitter.Options(List.of(HistogramFitter.Bins.of(BinRule.FD)), null, 0,
                HistogramFitter.DEFAULT_MAX_CELLS);
        assertThatThrownBy(() -> HistogramFitter.fit(x, fd))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.field()).isEqualTo("binRule"))
                .hasMessageContaining("about 9.22e+18 cells").hasMessageContaining("sturges");
        // scott's standard deviation overflows there: one bin, holding every point, not "no point in range"
        HistogramFitter.Options scott = new HistogramFitter.Options(List.of(HistogramFitter.Bins.of(BinRule.SCOTT)),
                null, 0, HistogramFitter.DEFAULT_MAX_CELLS);
        Histogram h = HistogramFitter.fit(x, scott).model();
        assertThat(h.edges()[0]).containsExactly(0, 1e300);
        assertThat(h.counts()).containsExactly(5.0);
    }
}
