package io.genmod.api.mixture;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/** Adds one request example per non-EM mixture fitter to {@code POST /api/v1/models} in the OpenAPI document. */
@Component
public class MixtureFitterExamples implements OpenApiCustomizer {

    private static final List<List<Double>> X = List.of(List.of(0.1, 0.2), List.of(0.3, -0.1), List.of(-0.2, 0.0),
            List.of(5.0, 5.1), List.of(5.2, 4.9), List.of(4.8, 5.0));

    @Override
    public void customise(OpenAPI openApi) {
        PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get("/api/v1/models");
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
        json.addExamples("gaussian-mixture-gradient", new Example()
                .summary("Gaussian mixture by gradient ascent (Adam, mini-batches)")
                .value(body(params("gradient", Map.of("learningRate", 0.05, "optimizer", "adam", "batchSize", 1024,
                        "gradientEstimator", "exact")))));
        json.addExamples("gaussian-mixture-monte-carlo", new Example()
                .summary("Gaussian mixture by gradient ascent with the log-trick Monte Carlo gradient")
                .value(body(params("gradient", Map.of("gradientEstimator", "monte-carlo", "samples", 100,
                        "optimizer", "sgd", "learningRate", 0.01)))));
        json.addExamples("gaussian-mixture-variational", new Example()
                .summary("Infinite Gaussian mixture: variational Bayes with a truncated Dirichlet-process prior")
                .value(body(params("variational", Map.of("weightPrior", "dirichlet-process",
                        "weightConcentration", 0.1, "meanPrecisionPrior", 1.0)))));
    }

    private static Map<String, Object> params(String fitter, Map<String, Object> own) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("components", 2);
        params.put("covarianceType", "full");
        params.put("fitter", fitter);
        params.putAll(own);
        params.put("seed", 7);
        return params;
    }

    private static Map<String, Object> body(Map<String, Object> params) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", GaussianMixtureFamily.TYPE);
        body.put("x", X);
        body.put("params", params);
        return body;
    }
}
