package io.genmod.api;

import io.genmod.core.Diagnostics;
import io.genmod.api.dto.PredictResponse;
import io.genmod.api.dto.SampleResponse;
import io.genmod.api.dto.ScoreRequest;
import io.genmod.api.dto.ScoreResponse;

/**
 * A fitted model as the HTTP layer serves it: its representation (params, parameters, diagnostics)
 * and the operations its type supports. Implementations are immutable. Operations a type does not
 * support keep the default, which answers 400.
 */
public interface ServedModel {

    String type();

    /** Width of a data row, or null for models without numeric rows (Bayesian networks). */
    Integer dimension();

    /** Number of training rows, or null for an imported model. */
    Integer trainingSize();

    /** All effective hyper-parameters, defaults filled in; serialised as JSON. */
    Object params();

    /** The fitted parameters in the shape that {@code POST /models} accepts back. */
    Object parameters();

    /** Diagnostics of the fit (imported models: null or a model-only summary). */
    Diagnostics diagnostics();

    /**
     * Type-specific diagnostics shown next to the standard ones in the model resource (e.g. a Bayesian
     * network's parent configurations that had no data); empty by default.
     */
    default java.util.Map<String, Object> diagnosticsDetails() {
        return java.util.Map.of();
    }

    /** log p(x) per row; rows were checked against {@link #dimension()}. */
    default double[] logDensity(double[][] x) {
        throw new OperationNotSupportedException(type(), "log-density");
    }

    default PredictResponse predict(double[][] x) {
        throw new OperationNotSupportedException(type(), "predict");
    }

    default SampleResponse sample(int n, Long seed) {
        throw new OperationNotSupportedException(type(), "sample");
    }

    /** Scores the request's data; the default scores {@code x} by its mean log-density. */
    default ScoreResponse score(ScoreRequest request) {
        double[][] x = Data.matrix(request.x(), "x", dimension());
        double[] logDensity = logDensity(x);
        double sum = 0;
        for (double v : logDensity) {
            sum += v;
        }
        return ScoreResponse.ofLogLikelihood(x.length, sum / x.length);
    }
}
