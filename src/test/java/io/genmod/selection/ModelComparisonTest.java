package io.genmod.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.genmod.core.DensityFitter;
import io.genmod.core.Fit;
import io.genmod.core.InvalidParameterException;
import io.genmod.histogram.HistogramFitter;
import io.genmod.mixture.CovarianceType;
import io.genmod.mixture.EmFitter;
import io.genmod.mixture.GaussianMixture;
import io.genmod.mixture.Initialisation;
import io.genmod.mixture.MixtureOptions;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Cross-validation, folds and ranking, and the seed's exercise: which fit is best, measured on held-out data. */
class ModelComparisonTest {

    private static final double EXACT = 1e-12;

    /** 0.6 N(-2, 0.7^2) + 0.4 N(2.5, 1.2^2). */
    private static final GaussianMixture TRUTH = GaussianMixture.of(CovarianceType.FULL, new double[] {0.6, 0.4},
            new double[][] {{-2.0}, {2.5}}, new double[][][] {{{0.49}}, {{1.44}}});

    private static DensityFitter histogram(int bins) {
        return x -> HistogramFitter.fit(x, new HistogramFitter.Options(List.of(HistogramFitter.Bins.of(bins)), null, 0,
                HistogramFitter.DEFAULT_MAX_CELLS));
    }

    @Test
    void aTwoComponentMixtureBeatsHistogramsAndTheTrueModelBoundsThemAll() {
        double[][] x = TRUTH.sample(1000, new SplittableRandom(2026));
        DensityFitter gmm = new EmFitter(new MixtureOptions(2, CovarianceType.FULL, Initialisation.KMEANS_PLUS_PLUS, 3, 200,
                1e-8, 1e-6, 7L, null, null, null))::fit;
        DensityFitter truth = data -> new Fit<>(TRUTH, null);
        List<DensityFitter> candidates = List.of(histogram(5), histogram(20), histogram(100), gmm, truth);
        int[][] folds = Folds.split(x.length, 5, new SplittableRandom(1));
        double[] heldOut = new double[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            heldOut[i] = CrossValidation.score(x, candidates.get(i), folds).meanLogLikelihood();
        }
        for (int h = 0; h < 3; h++) {
            assertThat(heldOut[3]).as("gmm vs histogram " + h).isGreaterThan(heldOut[h]);
            assertThat(heldOut[4]).as("truth vs histogram " + h).isGreaterThan(heldOut[h]);
        }
        assertThat(heldOut[4]).as("truth vs gmm").isGreaterThanOrEqualTo(heldOut[3]);
        List<ModelComparison.Entry> ranking = ModelComparison.rank(x, candidates, folds);
        assertThat(ranking.get(0).index()).isEqualTo(4);
        assertThat(ranking.get(1).index()).isEqualTo(3);
        // the mixture's BIC from the full fit: 5 parameters
        assertThat(ranking.get(1).fullFit().diagnostics().parameterCount()).isEqualTo(5);
    }

    @Test
    void foldsPartitionTheRowsIntoNearlyEqualParts() {
        int[][] folds = Folds.split(103, 5, new SplittableRandom(3));
        int[] all = Arrays.stream(folds).flatMapToInt(Arrays::stream).sorted().toArray();
        assertThat(all).hasSize(103);
        for (int i = 0; i < 103; i++) {
            assertThat(all[i]).isEqualTo(i);
        }
        for (int[] f : folds) {
            assertThat(f.length).isBetween(20, 21);
        }
        assertThat(Folds.split(103, 5, new SplittableRandom(3))).isDeepEqualTo(folds);
        assertThatThrownBy(() -> Folds.split(10, 1, new SplittableRandom(1))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> Folds.split(10, 11, new SplittableRandom(1))).isInstanceOf(InvalidParameterException.class);
    }

    /** A request's time limit stops a cross-validation between folds, even when its fits never report progress. */
    @Test
    void aPassedDeadlineStopsTheCrossValidationBetweenFolds() {
        double[][] x = TRUTH.sample(20, new SplittableRandom(5));
        int[][] folds = Folds.split(20, 4, new SplittableRandom(6));
        int[] fitted = new int[1];
        assertThatThrownBy(() -> io.genmod.core.FitProgress.withDeadline(java.time.Duration.ofMillis(30), () ->
                CrossValidation.score(x, data -> {
                    fitted[0]++;
                    sleep(40);
                    return new Fit<>(TRUTH, null);
                }, folds)))
                .isInstanceOf(io.genmod.core.FitProgress.FitTimeoutException.class);
        assertThat(fitted[0]).isEqualTo(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void heldOutMeanAndStandardErrorFollowTheirDefinitions() {
        double[][] x = TRUTH.sample(60, new SplittableRandom(5));
        int[][] folds = Folds.split(60, 4, new SplittableRandom(6));
        CrossValidation.Score s = CrossValidation.score(x, data -> new Fit<>(TRUTH, null), folds);
        double total = Arrays.stream(TRUTH.logDensity(x)).sum();
        assertThat(s.meanLogLikelihood()).isCloseTo(total / 60, within(EXACT));
        double[] means = new double[4];
        for (int f = 0; f < 4; f++) {
            means[f] = Arrays.stream(TRUTH.logDensity(Folds.rows(x, folds[f]))).average().orElseThrow();
        }
        double m = Arrays.stream(means).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(means).map(v -> (v - m) * (v - m)).sum() / 3);
        assertThat(s.standardError()).isCloseTo(sd / 2, within(EXACT));
        assertThat(s.outsideSupport()).isZero();
    }

    @Test
    void heldOutRowsOutsideAHistogramsSupportAreCountedAndRankLast() {
        double[][] x = new double[40][1];
        for (int i = 0; i < 40; i++) {
            x[i][0] = i < 39 ? i % 5 : 100; // one outlier far from the rest
        }
        int[][] folds = Folds.split(40, 4, new SplittableRandom(1));
        DensityFitter narrow = histogram(3);
        DensityFitter smooth = data -> new Fit<>(TRUTH, null);
        List<ModelComparison.Entry> ranking = ModelComparison.rank(x, List.of(narrow, smooth), folds);
        ModelComparison.Entry last = ranking.get(1);
        assertThat(last.index()).isZero();
        assertThat(last.score().outsideSupport()).isPositive();
        assertThat(last.score().meanLogLikelihood()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(last.score().standardError()).isNaN();
    }
}
