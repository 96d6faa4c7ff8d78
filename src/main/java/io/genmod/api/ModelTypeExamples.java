package io.genmod.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Adds one request example per model type to {@code POST /api/v1/models} and the training-jobs endpoint. */
@Component
public class ModelTypeExamples implements OpenApiCustomizer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String[][] EXAMPLES = {
        {"gaussian-mixture", "Gaussian mixture by EM", """
            {"type": "gaussian-mixture", "x": [[0.1, 0.2], [0.3, -0.1], [-0.2, 0.0], [5.0, 5.1], [5.2, 4.9], [4.8, 5.0]],
             "params": {"components": 2, "covarianceType": "diag", "seed": 7}}"""},
        {"gaussian-mixture-import", "Gaussian mixture from given parameters (then sample from it)", """
            {"type": "gaussian-mixture", "params": {"covarianceType": "spherical"},
             "parameters": {"weights": [0.3, 0.7], "means": [[0.0], [4.0]], "covariances": [1.0, 0.25]}}"""},
        {"gaussian-mixture-gradient", "Gaussian mixture by gradient ascent (Adam, mini-batches)", """
            {"type": "gaussian-mixture", "x": [[0.1, 0.2], [0.3, -0.1], [-0.2, 0.0], [5.0, 5.1], [5.2, 4.9], [4.8, 5.0]],
             "params": {"components": 2, "covarianceType": "full", "fitter": "gradient", "learningRate": 0.05,
                        "optimizer": "adam", "batchSize": 1024, "gradientEstimator": "exact", "seed": 7}}"""},
        {"gaussian-mixture-monte-carlo", "Gaussian mixture by gradient ascent with the log-trick Monte Carlo gradient", """
            {"type": "gaussian-mixture", "x": [[0.1, 0.2], [0.3, -0.1], [-0.2, 0.0], [5.0, 5.1], [5.2, 4.9], [4.8, 5.0]],
             "params": {"components": 2, "covarianceType": "full", "fitter": "gradient", "gradientEstimator": "monte-carlo",
                        "samples": 100, "optimizer": "sgd", "learningRate": 0.01, "seed": 7}}"""},
        {"gaussian-mixture-variational", "Infinite Gaussian mixture: variational Bayes with a truncated Dirichlet-process prior", """
            {"type": "gaussian-mixture", "x": [[0.1, 0.2], [0.3, -0.1], [-0.2, 0.0], [5.0, 5.1], [5.2, 4.9], [4.8, 5.0]],
             "params": {"components": 2, "covarianceType": "full", "fitter": "variational", "weightPrior": "dirichlet-process",
                        "weightConcentration": 0.1, "meanPrecisionPrior": 1.0, "seed": 7}}"""},
        {"histogram", "Fixed-bin histogram by numpy's Freedman-Diaconis rule", """
            {"type": "histogram", "x": [0.3, 1.9, -0.7, 0.1, 2.2, 1.1], "params": {"binRule": "fd"}}"""},
        {"variable-histogram", "Equal-mass histogram, 2 points a bin", """
            {"type": "variable-histogram", "x": [0.3, 1.9, -0.7, 0.1, 2.2, 1.1], "params": {"pointsPerBin": 2}}"""},
        {"kernel-density", "Gaussian kernel density, Silverman's bandwidth", """
            {"type": "kernel-density", "x": [[0.1, 0.2], [0.3, -0.1], [1.2, 0.4]],
             "params": {"kernel": "gaussian", "bandwidth": "silverman"}}"""},
        {"naive-bayes", "Gaussian naive Bayes", """
            {"type": "naive-bayes", "x": [[1.0, 2.1], [1.2, 1.9], [3.1, 0.2], [2.9, 0.1]], "y": ["a", "a", "b", "b"],
             "params": {"variance": "diagonal"}}"""},
        {"generative-classifier", "One two-component mixture per class", """
            {"type": "generative-classifier",
             "x": [[0, 0], [0.1, 0.2], [3, 3], [3.1, 2.9], [0, 3], [0.2, 3.1], [3, 0], [2.9, 0.1]],
             "y": [0, 0, 0, 0, 1, 1, 1, 1],
             "params": {"density": {"type": "gaussian-mixture", "params": {"components": 2, "seed": 1}}}}"""},
        {"bayesian-network", "Bayesian network from a factorisation and counts", """
            {"type": "bayesian-network", "structure": {"factorisation": "P(z)P(s|z)"},
             "counts": [{"assignment": {"z": "male", "s": "A"}, "count": 62},
                        {"assignment": {"z": "female", "s": "A"}, "count": 82},
                        {"assignment": {"z": "male", "s": "B"}, "count": 63},
                        {"assignment": {"z": "female", "s": "B"}, "count": 68}]}"""},
    };

    @Override
    public void customise(OpenAPI openApi) {
        addTo(openApi, "/api/v1/models");
        addTo(openApi, "/api/v1/training-jobs");
    }

    private static void addTo(OpenAPI openApi, String path) {
        PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
        if (item == null || item.getPost() == null || item.getPost().getRequestBody() == null
                || item.getPost().getRequestBody().getContent() == null) {
            return;
        }
        MediaType json = item.getPost().getRequestBody().getContent().get("application/json");
        if (json == null) {
            return;
        }
        if (json.getExample() != null) {
            json.addExamples("default", new Example().value(json.getExample()));
            json.setExample(null);
        }
        for (String[] example : EXAMPLES) {
            json.addExamples(example[0], new Example().summary(example[1]).value(JSON.readValue(example[2], Object.class)));
        }
    }
}
