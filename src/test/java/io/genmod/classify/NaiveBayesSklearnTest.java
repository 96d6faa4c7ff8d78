package io.genmod.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.genmod.classify.ReferenceFiles.LabelledData;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Diagonal naive Bayes against scikit-learn 1.2.1's GaussianNB (tools/reference/classify/gaussian_nb.py): each
 * case fits the whole data set and predicts the same rows.
 */
class NaiveBayesSklearnTest {

    /** Absolute tolerance on probabilities, as the issue asks. */
    private static final double PROBABILITY_TOLERANCE = 1e-9;
    /** Relative tolerance on fitted parameters and joint log-likelihoods (summation order differs from numpy). */
    private static final double RELATIVE_TOLERANCE = 1e-11;

    @ParameterizedTest
    @ValueSource(strings = {"iris", "wine", "breast-cancer", "iris-smoothing-0.01", "wine-priors"})
    void matchesGaussianNb(String name) {
        Map<String, String[]> ref = ReferenceFiles.keyed("gaussian-nb-" + name + ".csv");
        LabelledData data = ReferenceFiles.dataset(ref.get("dataset")[0]);
        ClassLabels classes = ClassLabels.of(data.labels());
        int[] y = classes.encode(data.labels());
        double[] priors = ref.containsKey("priors") ? ReferenceFiles.numbers(ref.get("priors")) : null;
        double smoothing = Double.parseDouble(ref.get("varSmoothing")[0]);

        NaiveBayes model = NaiveBayesFitter.fit(data.x(), y, classes,
                new NaiveBayesFitter.Options(VarianceModel.DIAGONAL, smoothing, priors)).model();

        assertThat(classes.classes()).map(Object::toString).containsExactly(ref.get("classes"));
        assertClose(model.priors(), ReferenceFiles.numbers(ref.get("classPrior")), RELATIVE_TOLERANCE);
        for (int c = 0; c < classes.size(); c++) {
            assertClose(model.means()[c], ReferenceFiles.numbers(ref.get("theta." + c)), RELATIVE_TOLERANCE);
            assertClose(model.variances()[c], ReferenceFiles.numbers(ref.get("var." + c)), RELATIVE_TOLERANCE);
        }

        Prediction prediction = model.predict(data.x());
        double[][] jll = model.jointLogLikelihood(data.x());
        double[] expectedLabels = ReferenceFiles.numbers(ref.get("predictions"));
        for (int i = 0; i < data.x().length; i++) {
            assertThat((long) classes.label(prediction.labels()[i])).as("label of row %d", i).isEqualTo((long) expectedLabels[i]);
            double[] expected = ReferenceFiles.numbers(ref.get("proba." + i));
            for (int c = 0; c < classes.size(); c++) {
                assertThat(prediction.probabilities()[i][c]).as("P(%d | row %d)", c, i)
                        .isCloseTo(expected[c], within(PROBABILITY_TOLERANCE));
            }
            assertClose(jll[i], ReferenceFiles.numbers(ref.get("jll." + i)), RELATIVE_TOLERANCE);
        }
    }

    private static void assertClose(double[] actual, double[] expected, double relative) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i)
                    .isCloseTo(expected[i], within(relative * Math.max(1, Math.abs(expected[i]))));
        }
    }
}
