package io.genmod.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.genmod.core.Fit;
import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NaiveBayesTest {

    private static final double TOLERANCE = 1e-12;
    /** Sampling error allowed on means and frequencies of 200,000 draws (several standard errors). */
    private static final double SAMPLING_TOLERANCE = 0.02;

    /** Class "a": (0,0), (2,0); class "b": (4,4), (4,6), (6,4), (6,6). */
    private static final double[][] X = {{0, 0}, {2, 0}, {4, 4}, {4, 6}, {6, 4}, {6, 6}};
    private static final List<Object> Y = List.of("a", "a", "b", "b", "b", "b");

    private static NaiveBayes fit(VarianceModel variance) {
        ClassLabels classes = ClassLabels.of(Y);
        return NaiveBayesFitter.fit(X, classes.encode(Y), classes, new NaiveBayesFitter.Options(variance, 0, null)).model();
    }

    /**
     * Isotropic, by hand: class a has means (1, 0) and feature variances (1, 0), so sigma_a^2 = 0.5; class b has
     * means (5, 5), variances (1, 1), sigma_b^2 = 1; priors 1/3 and 2/3. At x = (2, 2):
     * log p(x, a) = log(1/3) - log(2 pi 0.5) - ((2-1)^2 + (2-0)^2) / (2 * 0.5) = log(1/3) - log(pi) - 5,
     * log p(x, b) = log(2/3) - log(2 pi) - (9 + 9) / 2 = log(2/3) - log(2 pi) - 9.
     */
    @Test
    void isotropicMatchesTheHandComputedExample() {
        NaiveBayes model = fit(VarianceModel.ISOTROPIC);
        assertThat(model.priors()).containsExactly(new double[] {1.0 / 3, 2.0 / 3}, within(TOLERANCE));
        assertThat(model.means()[0]).containsExactly(new double[] {1, 0}, within(TOLERANCE));
        assertThat(model.means()[1]).containsExactly(new double[] {5, 5}, within(TOLERANCE));
        assertThat((double[]) model.compactVariances()).containsExactly(new double[] {0.5, 1}, within(TOLERANCE));

        double logA = Math.log(1.0 / 3) - Math.log(Math.PI) - 5;
        double logB = Math.log(2.0 / 3) - Math.log(2 * Math.PI) - 9;
        double posteriorA = 1 / (1 + Math.exp(logB - logA));
        Prediction prediction = model.predict(new double[][] {{2, 2}});
        assertThat(prediction.probabilities()[0][0]).isCloseTo(posteriorA, within(TOLERANCE));
        assertThat(prediction.probabilities()[0][1]).isCloseTo(1 - posteriorA, within(TOLERANCE));
        assertThat(prediction.labels()[0]).isZero();
        assertThat(prediction.logDensity()[0]).isCloseTo(Math.log(Math.exp(logA) + Math.exp(logB)), within(TOLERANCE));
        assertThat(model.parameterCount()).isEqualTo(1 + 4 + 2);
    }

    /** Shared: pooled squares per feature are (2 + 4, 0 + 4) over n = 6, so variances (1, 2/3) for both classes. */
    @Test
    void sharedPoolsTheWithinClassVariance() {
        NaiveBayes model = fit(VarianceModel.SHARED);
        assertThat((double[]) model.compactVariances()).containsExactly(new double[] {1, 2.0 / 3}, within(TOLERANCE));
        assertThat(model.variances()[0]).containsExactly(model.variances()[1]);
        assertThat(model.parameterCount()).isEqualTo(1 + 4 + 2);
    }

    @Test
    void smoothingAddsAShareOfTheLargestFeatureVariance() {
        ClassLabels classes = ClassLabels.of(Y);
        // overall variances: feature 0 mean 11/3, feature 1 mean 10/3; squares over 6 rows
        double largest = Math.max(variance(X, 0), variance(X, 1));
        NaiveBayes model = NaiveBayesFitter.fit(X, classes.encode(Y), classes,
                new NaiveBayesFitter.Options(VarianceModel.DIAGONAL, 0.1, null)).model();
        assertThat(model.variances()[0]).containsExactly(new double[] {1 + 0.1 * largest, 0.1 * largest}, within(TOLERANCE));
    }

    private static double variance(double[][] x, int j) {
        double mean = 0;
        for (double[] row : x) {
            mean += row[j] / x.length;
        }
        double s = 0;
        for (double[] row : x) {
            s += (row[j] - mean) * (row[j] - mean) / x.length;
        }
        return s;
    }

    /** The blocked parallel path against the formula row by row, over more rows than one task and an odd tail. */
    @Test
    void blockedPredictionEqualsTheRowByRowFormula() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 9_001;
        int d = 7;
        int k = 4;
        double[][] means = new double[k][d];
        double[][] variances = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                means[c][j] = random.nextGaussian() * 2;
                variances[c][j] = 0.5 + random.nextDouble();
            }
        }
        double[] priors = {0.1, 0.2, 0.3, 0.4};
        NaiveBayes model = NaiveBayes.of(VarianceModel.DIAGONAL, priors, means, variances, true);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextGaussian() * 3;
            }
        }
        Prediction prediction = model.predict(x);
        for (int i = 0; i < n; i++) {
            double[] logJoint = new double[k];
            for (int c = 0; c < k; c++) {
                logJoint[c] = Math.log(priors[c]);
                for (int j = 0; j < d; j++) {
                    double z = x[i][j] - means[c][j];
                    logJoint[c] += -0.5 * Math.log(2 * Math.PI * variances[c][j]) - z * z / (2 * variances[c][j]);
                }
            }
            double total = 0;
            int best = 0;
            for (int c = 0; c < k; c++) {
                total += Math.exp(logJoint[c]);
                if (logJoint[c] > logJoint[best]) {
                    best = c;
                }
            }
            assertThat(prediction.labels()[i]).isEqualTo(best);
            assertThat(prediction.logDensity()[i]).isCloseTo(Math.log(total), within(1e-10 * Math.abs(Math.log(total))));
            for (int c = 0; c < k; c++) {
                assertThat(prediction.probabilities()[i][c]).isCloseTo(Math.exp(logJoint[c]) / total, within(1e-12));
            }
        }
    }

    /**
     * With 20,000 classes the score runs in chunks of 64 rows (so that memory does not grow as rows x classes):
     * over 150 rows, two whole chunks and a tail, against the formula row by row.
     */
    @Test
    void scoreInChunksOfRowsEqualsTheRowByRowFormula() {
        SplittableRandom random = new SplittableRandom(5);
        int k = 20_000;
        int n = 150;
        assertThat(ClassificationScore.chunkRows(k)).isEqualTo(64);
        double[] priors = new double[k];
        double[][] means = new double[k][1];
        double[][] variances = new double[k][1];
        for (int c = 0; c < k; c++) {
            priors[c] = 1.0 / k;
            means[c][0] = c * 0.01;
            variances[c][0] = 1e-4;
        }
        NaiveBayes model = NaiveBayes.of(VarianceModel.DIAGONAL, priors, means, variances, true);
        double[][] x = new double[n][1];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(k);
            // within a tenth of the class spacing of its own mean, except every fifth row, halfway to the next
            x[i][0] = means[y[i]][0] + (i % 5 == 0 ? 0.005 : 0.001 * (random.nextDouble() - 0.5));
        }
        ClassificationScore score = ClassificationScore.of(model, x, y);
        double logLoss = 0;
        double logLikelihood = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            // log p(x, c) = log(1/k) - log(2 pi v)/2 - (x - mu)^2 / (2 v); the classes beyond the two nearest add
            // less than exp(-200) to the sums
            double[] logJoint = new double[k];
            double max = Double.NEGATIVE_INFINITY;
            int best = 0;
            for (int c = 0; c < k; c++) {
                double z = x[i][0] - means[c][0];
                logJoint[c] = Math.log(1.0 / k) - 0.5 * Math.log(2 * Math.PI * 1e-4) - z * z / 2e-4;
                if (logJoint[c] > max) {
                    max = logJoint[c];
                    best = c;
                }
            }
            double sum = 0;
            for (double l : logJoint) {
                sum += Math.exp(l - max);
            }
            double logDensity = max + Math.log(sum);
            logLikelihood += logDensity;
            logLoss -= logJoint[y[i]] - logDensity;
            correct += best == y[i] ? 1 : 0;
        }
        assertThat(score.n()).isEqualTo(n);
        assertThat(score.accuracy()).isEqualTo((double) correct / n);
        assertThat(score.logLoss()).isCloseTo(logLoss / n, within(1e-9 * Math.abs(logLoss / n) + 1e-12));
        assertThat(score.meanLogLikelihood()).isCloseTo(logLikelihood / n, within(1e-9 * Math.abs(logLikelihood / n)));
        long diagonal = 0;
        long total = 0;
        for (int c = 0; c < k; c++) {
            diagonal += score.confusionMatrix()[c][c];
        }
        for (long[] row : score.confusionMatrix()) {
            for (long v : row) {
                total += v;
            }
        }
        assertThat(diagonal).isEqualTo(correct);
        assertThat(total).isEqualTo(n);
    }

    @Test
    void rowsFarFromAllDataGetFiniteProbabilitiesSummingToOne() {
        NaiveBayes model = fit(VarianceModel.SHARED);
        Prediction prediction = model.predict(new double[][] {{1e6, -1e6}, {-1e154, 1e154}});
        for (double[] row : prediction.probabilities()) {
            assertThat(row[0] + row[1]).isCloseTo(1, within(TOLERANCE));
            assertThat(Double.isFinite(row[0]) && Double.isFinite(row[1])).isTrue();
        }
    }

    @Test
    void samplesFollowPriorsAndClassMoments() {
        NaiveBayes model = NaiveBayes.of(VarianceModel.DIAGONAL, new double[] {0.25, 0.75},
                new double[][] {{-3, 0}, {3, 1}}, new double[][] {{1, 4}, {0.25, 1}}, false);
        Classifier.LabelledSample sample = model.sample(200_000, new SplittableRandom(5));
        double[] counts = new double[2];
        double[][] sums = new double[2][2];
        for (int i = 0; i < sample.labels().length; i++) {
            counts[sample.labels()[i]]++;
            sums[sample.labels()[i]][0] += sample.x()[i][0];
            sums[sample.labels()[i]][1] += sample.x()[i][1];
        }
        assertThat(counts[0] / 200_000).isCloseTo(0.25, within(SAMPLING_TOLERANCE));
        assertThat(sums[0][0] / counts[0]).isCloseTo(-3, within(SAMPLING_TOLERANCE * 2));
        assertThat(sums[1][1] / counts[1]).isCloseTo(1, within(SAMPLING_TOLERANCE));
        Classifier.LabelledSample again = model.sample(200_000, new SplittableRandom(5));
        assertThat(again.x()[199_999]).containsExactly(sample.x()[199_999]);
    }

    @Test
    void rejectsASingleClassATinyClassAndAConstantFeatureWithoutSmoothing() {
        NaiveBayesFitter.Options noSmoothing = new NaiveBayesFitter.Options(VarianceModel.DIAGONAL, 0, null);
        ClassLabels one = ClassLabels.of(List.of(1L, 1L));
        assertThatThrownBy(() -> NaiveBayesFitter.fit(new double[][] {{0}, {1}}, new int[] {0, 0}, one, noSmoothing))
                .isInstanceOfSatisfying(UnfittableDataException.class, e -> assertThat(e.field()).isEqualTo("y"))
                .hasMessageContaining("single class 1");
        List<Object> labels = List.of("a", "a", "b");
        ClassLabels two = ClassLabels.of(labels);
        assertThatThrownBy(() -> NaiveBayesFitter.fit(new double[][] {{0}, {1}, {2}}, two.encode(labels), two, noSmoothing))
                .isInstanceOf(UnfittableDataException.class).hasMessageContaining("class 'b' has 1 point");
        List<Object> four = List.of("a", "a", "b", "b");
        ClassLabels classes = ClassLabels.of(four);
        double[][] constant = {{0, 1}, {0, 2}, {0, 3}, {0, 4}};
        assertThatThrownBy(() -> NaiveBayesFitter.fit(constant, classes.encode(four), classes, noSmoothing))
                .isInstanceOfSatisfying(UnfittableDataException.class, e -> assertThat(e.field()).isEqualTo("x"))
                .hasMessageContaining("feature 0 is constant within class 'a'");
        Fit<NaiveBayes> smoothed = NaiveBayesFitter.fit(constant, classes.encode(four), classes,
                NaiveBayesFitter.Options.defaults());
        assertThat(smoothed.model().variances()[0][0]).isPositive();
    }

    @Test
    void rejectsInvalidOptionsAndParameters() {
        assertThatThrownBy(() -> new NaiveBayesFitter.Options(VarianceModel.DIAGONAL, -1, null))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.field()).isEqualTo("varianceSmoothing"));
        assertThatThrownBy(() -> new NaiveBayesFitter.Options(null, 0, null)).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> VarianceModel.of("full")).isInstanceOf(InvalidParameterException.class);
        ClassLabels classes = ClassLabels.of(Y);
        assertThatThrownBy(() -> NaiveBayesFitter.fit(X, classes.encode(Y), classes,
                new NaiveBayesFitter.Options(VarianceModel.DIAGONAL, 0, new double[] {0.5, 0.6})))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.field()).isEqualTo("priors"));
        assertThatThrownBy(() -> NaiveBayes.of(VarianceModel.DIAGONAL, new double[] {0.5, 0.5},
                new double[][] {{0}, {1}}, new double[][] {{1}, {0}}, false))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.field()).isEqualTo("variances"));
        assertThatThrownBy(() -> NaiveBayes.of(VarianceModel.DIAGONAL, new double[] {0.5, 0.5},
                new double[][] {{0}, {1, 2}}, new double[][] {{1}, {1}}, false))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.field()).isEqualTo("means[1]"));
    }
    /**
     * Far from the data both classes' joint log-likelihoods are about -8e29 and equal in double precision, so
     * each class has posterior 1/2 and the log loss of either true class is log 2 (a log-sum of order 1 next to
     * terms of order 1e29; subtracting the whole log density from l_y loses it and gives 0).
     */
    @Test
    void logLossKeepsTheLogSumNextToHugeLogLikelihoods() {
        double[][] x = {{0, 0}, {0, 0}, {1, 1}, {1, 1}};
        ClassLabels classes = ClassLabels.of(List.of("1", "1", "2", "2"));
        NaiveBayes model = NaiveBayesFitter.fit(x, new int[] {0, 0, 1, 1}, classes,
                new NaiveBayesFitter.Options(VarianceModel.DIAGONAL, 1e-9, null)).model();
        double[][] far = {{1e10, -1e10}};
        ClassificationScore score = ClassificationScore.of(model, far, new int[] {1});
        assertThat(score.logLoss()).isCloseTo(Math.log(2), within(1e-12));
        assertThat(ClassificationScore.of(model, far, new int[] {0}).logLoss()).isCloseTo(Math.log(2), within(1e-12));
    }
    /** A feature whose variance overflows is refused naming x (it used to fail a check of the model's own variances). */
    @Test
    void aVarianceThatOverflowsIsRefusedNamingX() {
        double[][] x = {{1e300}, {0}, {1}, {2}};
        ClassLabels classes = ClassLabels.of(List.of("a", "a", "b", "b"));
        assertThatThrownBy(() -> NaiveBayesFitter.fit(x, new int[] {0, 0, 1, 1}, classes,
                NaiveBayesFitter.Options.defaults()))
                .isInstanceOfSatisfying(UnfittableDataException.class, e -> assertThat(e.field()).isEqualTo("x"))
                .hasMessageContaining("overflows");
    }
}
