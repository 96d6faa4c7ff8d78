package io.genmod.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** Body of {@code POST /models}: a type, then data ({@code x}, {@code y}, records, counts) or {@code parameters}. */
@JsonIgnoreProperties(value = {"id", "createdAt", "trainingSize", "diagnostics", "dimension"}, allowGetters = false)
@Schema(description = "A model to fit from data or to import from its parameters. Read-only fields of a "
        + "GET body (id, createdAt, dimension, trainingSize, diagnostics) are ignored, so a GET body can be POSTed "
        + "back; any other unknown field is refused (400), so a misspelt field is never silently ignored.")
public record CreateModelRequest(
        @Schema(description = "Model type", example = "gaussian-mixture", requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {"gaussian-mixture", "histogram", "variable-histogram", "kernel-density",
                        "naive-bayes", "generative-classifier", "bayesian-network"})
        String type,
        @Schema(description = "Optional label", example = "two clusters")
        String name,
        @Schema(description = "Data, one row per observation; a flat list means one column",
                example = "[[0.1, 2.3], [1.2, 0.4], [5.1, 5.3], [4.9, 5.8]]")
        JsonNode x,
        @Schema(description = "Class labels (strings or integers) for classifiers", example = "[\"a\", \"a\", \"b\", \"b\"]")
        JsonNode y,
        @Schema(description = PARAMS, example = "{\"components\": 2, \"covarianceType\": \"full\", \"seed\": 7}")
        JsonNode params,
        @Schema(description = PARAMETERS)
        JsonNode parameters,
        @Schema(description = "Bayesian network structure: {\"parents\": {...}} or {\"factorisation\": \"P(a)P(b|a)\"}")
        JsonNode structure,
        @Schema(description = "Bayesian network states per variable")
        JsonNode states,
        @Schema(description = "Bayesian network records, one object per observation")
        JsonNode records,
        @Schema(description = "Bayesian network counts: [{\"assignment\": {...}, \"count\": 62}]")
        JsonNode counts) {

    static final String PARAMS = """
            Hyper-parameters of the type, defaults in brackets; unknown keys are rejected (400).
            gaussian-mixture: components [1], covarianceType [full] | diag | spherical | tied, fitter [em] | gradient | \
            variational, init [kmeans++] | random | random-from-data (or initialWeights / initialMeans / \
            initialCovariances in the shape of the fitted parameters, implying init "given"), nInit [1], \
            maxIterations [100; gradient 1000], tolerance [1e-3] on the mean log-likelihood (lower bound per point \
            for variational), regularization [1e-6] added to covariance diagonals, seed. \
            Gradient adds learningRate [0.05], optimizer [adam] | sgd, batchSize [all data], \
            gradientEstimator [exact] | monte-carlo, samples [100]. Variational adds weightPrior \
            [dirichlet-process] | dirichlet-distribution, weightConcentration [1/components], meanPrecisionPrior [1], \
            degreesOfFreedomPrior [dimension], covariancePrior [empirical covariance] (scikit-learn's defaults).
            histogram: bins (an integer, or one per dimension) or binRule [auto] | sturges | scott | fd | sqrt | rice | \
            doane | stone (numpy's histogram_bin_edges), range (per dimension [lo, hi]), pseudoCount [0].
            variable-histogram: pointsPerBin [round(sqrt(n))] or bins.
            kernel-density: kernel [gaussian] | epanechnikov | tophat | exponential | linear | cosine, bandwidth (a \
            number, or [scott] | silverman | cross-validation), relativeTolerance [0 = exact].
            naive-bayes: variance [diagonal] | isotropic | shared, varianceSmoothing [1e-9], priors (label to probability).
            generative-classifier: density (a model body without data, e.g. {"type": "gaussian-mixture", "params": \
            {"components": 2}}, fitted once per class), priors.
            bayesian-network: pseudoCount [0] (Dirichlet count added to every CPT cell).""";

    static final String PARAMETERS = """
            Fitted parameters of a model to import instead of fitting it: exactly the `parameters` a GET of the \
            model returns. gaussian-mixture: weights, means, covariances (k x d x d full, d x d tied, k x d diag, \
            k spherical). histogram / variable-histogram: edges, counts, density. kernel-density: kernel, \
            bandwidth, points. naive-bayes: classes, priors, means, variances. generative-classifier: classes, \
            priors and each class's density parameters. bayesian-network: states and cpts.""";
}
