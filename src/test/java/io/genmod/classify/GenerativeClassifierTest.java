package io.genmod.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.genmod.core.Density;
import io.genmod.core.DensityFitter;
import io.genmod.core.UnfittableDataException;
import io.genmod.mixture.CovarianceType;
import io.genmod.mixture.EmFitter;
import io.genmod.mixture.Initialisation;
import io.genmod.mixture.MixtureOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class GenerativeClassifierTest {

    private static final double TOLERANCE = 1e-9;

    /**
     * Three 2-D Gaussian classes with different full covariances; with a one-component full-covariance mixture per
     * class (fitted by EM, no regularisation) the generative classifier is quadratic discriminant analysis, whose posterior is written out in closed form here:
     * delta_c(x) = log pi_c - log(2 pi) - 1/2 log det S_c - 1/2 (x - m_c)^T S_c^-1 (x - m_c) with the 2 x 2
     * inverse adj(S)/det(S), m_c and S_c the class mean and covariance with divisor n_c.
     */
    @Test
    void oneGaussianPerClassIsQuadraticDiscriminantAnalysis() {
        SplittableRandom random = new SplittableRandom(3);
        double[][] centres = {{0, 0}, {3, 1}, {-1, 4}};
        double[][] scales = {{1, 0.2, 0.8}, {0.5, -0.3, 1.5}, {2, 0.9, 0.7}};
        int[] sizes = {60, 90, 150};
        List<double[]> rows = new ArrayList<>();
        List<Object> labels = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < sizes[c]; i++) {
                double u = random.nextGaussian();
                double v = random.nextGaussian();
                rows.add(new double[] {centres[c][0] + scales[c][0] * u, centres[c][1] + scales[c][1] * u + scales[c][2] * v});
                labels.add((long) (10 * (3 - c)));
            }
        }
        double[][] x = rows.toArray(new double[0][]);
        ClassLabels classes = ClassLabels.of(labels);
        int[] y = classes.encode(labels);
        GenerativeClassifier model = GenerativeClassifierFitter.fit(x, y, classes, em(1, 0.0), null).model();

        double[][] queries = {{0, 0}, {1.5, 0.5}, {-1, 3}, {10, -10}, {2, 2}};
        Prediction prediction = model.predict(queries);
        double[][] qda = qdaPosteriors(x, y, 3, queries);
        for (int q = 0; q < queries.length; q++) {
            assertThat(prediction.probabilities()[q]).containsExactly(qda[q], within(TOLERANCE));
        }
        assertThat(classes.classes()).containsExactly(10L, 20L, 30L);
    }

    /**
     * XOR: class 0 around (2, 2) and (-2, -2), class 1 around (2, -2) and (-2, 2). Each class has mean near 0 and
     * equal spread in both features, so naive Bayes is at chance, while two Gaussians per class separate it.
     */
    @Test
    void twoComponentsPerClassSeparateXorWhereNaiveBayesCannot() {
        LabelledRows train = xor(2_000, new SplittableRandom(21));
        LabelledRows test = xor(2_000, new SplittableRandom(22));
        ClassLabels classes = ClassLabels.of(List.of(0L, 1L));

        GenerativeClassifier mixtures = GenerativeClassifierFitter.fit(train.x(), train.y(), classes, em(2, 1e-6), null).model();
        NaiveBayes naive = NaiveBayesFitter.fit(train.x(), train.y(), classes, NaiveBayesFitter.Options.defaults()).model();

        double mixtureAccuracy = ClassificationScore.of(mixtures, test.x(), test.y()).accuracy();
        double naiveAccuracy = ClassificationScore.of(naive, test.x(), test.y()).accuracy();
        assertThat(mixtureAccuracy).isGreaterThan(0.95);
        assertThat(naiveAccuracy).isBetween(0.4, 0.6);
    }

    private record LabelledRows(double[][] x, int[] y) {
    }

    private static LabelledRows xor(int n, SplittableRandom random) {
        double[][] x = new double[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double sx = random.nextBoolean() ? 2 : -2;
            double sy = random.nextBoolean() ? 2 : -2;
            x[i][0] = sx + 0.5 * random.nextGaussian();
            x[i][1] = sy + 0.5 * random.nextGaussian();
            y[i] = sx * sy > 0 ? 0 : 1;
        }
        return new LabelledRows(x, y);
    }

    /** The gaussian-mixture family's EM fitter: full covariances, k-means++ start, fixed seed. */
    private static DensityFitter em(int components, double regularization) {
        return new EmFitter(new MixtureOptions(components, CovarianceType.FULL, Initialisation.KMEANS_PLUS_PLUS, 1, 200,
                1e-10, regularization, 7L, null, null, null))::fit;
    }

    private static double[][] qdaPosteriors(double[][] x, int[] y, int k, double[][] queries) {
        double[][] posteriors = new double[queries.length][k];
        for (int q = 0; q < queries.length; q++) {
            double[] delta = new double[k];
            for (int c = 0; c < k; c++) {
                double n = 0;
                double m0 = 0;
                double m1 = 0;
                for (int i = 0; i < x.length; i++) {
                    if (y[i] == c) {
                        n++;
                        m0 += x[i][0];
                        m1 += x[i][1];
                    }
                }
                m0 /= n;
                m1 /= n;
                double s00 = 0;
                double s01 = 0;
                double s11 = 0;
                for (int i = 0; i < x.length; i++) {
                    if (y[i] == c) {
                        s00 += (x[i][0] - m0) * (x[i][0] - m0) / n;
                        s01 += (x[i][0] - m0) * (x[i][1] - m1) / n;
                        s11 += (x[i][1] - m1) * (x[i][1] - m1) / n;
                    }
                }
                double det = s00 * s11 - s01 * s01;
                double a = queries[q][0] - m0;
                double b = queries[q][1] - m1;
                double mahalanobis = (s11 * a * a - 2 * s01 * a * b + s00 * b * b) / det;
                delta[c] = Math.log(n / x.length) - Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * mahalanobis;
            }
            double max = Arrays.stream(delta).max().orElseThrow();
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(delta[c] - max);
            }
            for (int c = 0; c < k; c++) {
                posteriors[q][c] = Math.exp(delta[c] - max) / sum;
            }
        }
        return posteriors;
    }

    @Test
    void whereEveryClassDensityIsZeroThePosteriorIsThePrior() {
        Density zeroRight = new StepDensity(0);
        Density zeroLeft = new StepDensity(1);
        GenerativeClassifier model = GenerativeClassifier.of(new double[] {0.3, 0.7}, List.of(zeroRight, zeroLeft), true);
        // StepDensity(0) is uniform on [0, 1), StepDensity(1) uniform on [1, 2)
        Prediction prediction = model.predict(new double[][] {{0.5}, {1.5}, {5}});
        assertThat(prediction.probabilities()[0]).containsExactly(1, 0);
        assertThat(prediction.probabilities()[1]).containsExactly(0, 1);
        assertThat(prediction.probabilities()[2]).containsExactly(0.3, 0.7);
        assertThat(prediction.labels()).containsExactly(0, 1, 1);
        assertThat(prediction.logDensity()[0]).isCloseTo(Math.log(0.3), within(TOLERANCE));
        assertThat(prediction.logDensity()[2]).isEqualTo(Double.NEGATIVE_INFINITY);
        ClassificationScore score = ClassificationScore.of(model, new double[][] {{0.5}, {1.5}, {0.2}}, new int[] {0, 1, 1});
        assertThat(score.logLoss()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(score.accuracy()).isCloseTo(2.0 / 3, within(TOLERANCE));
    }

    /** A request's time limit stops the per-class fits between classes, even when a class's fit never reports. */
    @Test
    void aPassedDeadlineStopsTheFitBetweenClasses() {
        List<Object> labels = List.of("x", "x", "x", "y", "y", "y");
        ClassLabels classes = ClassLabels.of(labels);
        double[][] x = {{0}, {1}, {2}, {3}, {4}, {5}};
        int[] fitted = new int[1];
        DensityFitter slow = data -> {
            fitted[0]++;
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new io.genmod.core.Fit<>(new io.genmod.kde.KernelDensity(data, io.genmod.kde.Kernel.GAUSSIAN, 1, 0), null);
        };
        assertThatThrownBy(() -> io.genmod.core.FitProgress.withDeadline(java.time.Duration.ofMillis(30), () ->
                GenerativeClassifierFitter.fit(x, classes.encode(labels), classes, slow, null)))
                .isInstanceOf(io.genmod.core.FitProgress.FitTimeoutException.class);
        assertThat(fitted[0]).isEqualTo(1);
    }

    @Test
    void reportsTheClassThatCannotBeFittedAndMovesParamsFieldsUnderTheDensity() {
        List<Object> labels = List.of("x", "x", "x", "y", "y");
        ClassLabels classes = ClassLabels.of(labels);
        double[][] x = {{0}, {1}, {2}, {3}, {4}};
        DensityFitter needsThree = data -> {
            if (data.length < 3) {
                throw new UnfittableDataException("params.components", "fewer points than components");
            }
            return em(1, 1e-6).fit(data);
        };
        assertThatThrownBy(() -> GenerativeClassifierFitter.fit(x, classes.encode(labels), classes, needsThree, null))
                .isInstanceOfSatisfying(UnfittableDataException.class,
                        e -> assertThat(e.field()).isEqualTo("params.density.params.components"))
                .hasMessageContaining("class 'y' (2 points)");
        List<Object> tiny = List.of("x", "x", "x", "x", "y");
        assertThatThrownBy(() -> GenerativeClassifierFitter.fit(x, classes.encode(tiny), classes, em(1, 1e-6), null))
                .isInstanceOfSatisfying(UnfittableDataException.class, e -> assertThat(e.field()).isEqualTo("y"))
                .hasMessageContaining("class 'y' has 1 point");
    }

    @Test
    void samplesLabelsFromThePriorsAndRowsFromTheirClass() {
        GenerativeClassifier model = GenerativeClassifier.of(new double[] {0.2, 0.8},
                List.of(new StepDensity(0), new StepDensity(5)), false);
        Classifier.LabelledSample sample = model.sample(50_000, new SplittableRandom(9));
        int ones = 0;
        for (int i = 0; i < sample.labels().length; i++) {
            int c = sample.labels()[i];
            ones += c;
            assertThat(sample.x()[i][0]).isBetween(c == 0 ? 0.0 : 5.0, c == 0 ? 1.0 : 6.0);
        }
        assertThat(ones / 50_000.0).isCloseTo(0.8, within(0.01));
        assertThat(model.parameterCount()).isEqualTo(1);
    }

    /** Uniform on [lo, lo + 1) in one dimension: zero density elsewhere. */
    private record StepDensity(double lo) implements Density {
        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public double[] logDensity(double[][] x) {
            return Arrays.stream(x).mapToDouble(r -> r[0] >= lo && r[0] < lo + 1 ? 0 : Double.NEGATIVE_INFINITY).toArray();
        }

        @Override
        public double[][] sample(int n, RandomGenerator random) {
            double[][] x = new double[n][1];
            for (double[] row : x) {
                row[0] = lo + random.nextDouble();
            }
            return x;
        }

        @Override
        public int parameterCount() {
            return 0;
        }
    }
}
