package io.genmod.api.classify;

import io.genmod.api.Data;
import io.genmod.api.InvalidRequestException;
import io.genmod.api.ModelFamily;
import io.genmod.api.Params;
import io.genmod.api.ServedModel;
import io.genmod.api.dto.CreateModelRequest;
import io.genmod.classify.ClassLabels;
import io.genmod.classify.NaiveBayes;
import io.genmod.classify.NaiveBayesFitter;
import io.genmod.classify.VarianceModel;
import io.genmod.core.Fit;
import io.genmod.core.InvalidParameterException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Type {@code naive-bayes}: Gaussian naive Bayes. Params {@code variance} (diagonal, isotropic, shared),
 * {@code varianceSmoothing}, {@code priors}; parameters {@code classes}, {@code priors}, {@code means} (k x d) and
 * {@code variances} (k x d for diagonal, k for isotropic, d for shared).
 */
@Component
public class NaiveBayesFamily implements ModelFamily {

    public static final String TYPE = "naive-bayes";

    @Override
    public String type() {
        return TYPE;
    }

    /** Validated params; {@code priorsNode} is resolved once the classes are known. */
    private record Settings(VarianceModel variance, double smoothing, JsonNode priorsNode) {
    }

    @Override
    public ServedModel create(CreateModelRequest request) {
        ClassifierRequests.dataOrParameters(request);
        Params p = Params.of(request.params(), "params");
        String variance = p.choice("variance", VarianceModel.DIAGONAL.id(),
                Arrays.stream(VarianceModel.values()).map(VarianceModel::id).toList());
        double smoothing = p.number("varianceSmoothing", NaiveBayesFitter.Options.DEFAULT_VARIANCE_SMOOTHING,
                0, false, Double.MAX_VALUE);
        Settings settings = new Settings(VarianceModel.of(variance), smoothing, p.raw("priors"));
        p.rejectUnknown();
        return ClassifierRequests.present(request.parameters()) ? importModel(request.parameters(), settings)
                : fit(request, settings);
    }

    private ServedModel fit(CreateModelRequest request, Settings settings) {
        ClassifierRequests.Labelled data = ClassifierRequests.labelled(request);
        double[] priors = ClassifierRequests.priors(settings.priorsNode(), data.classes(), "params.priors");
        NaiveBayesFitter.Options options;
        Fit<NaiveBayes> fit;
        try {
            options = new NaiveBayesFitter.Options(settings.variance(), settings.smoothing(), priors);
            fit = NaiveBayesFitter.fit(data.x(), data.y(), data.classes(), options);
        } catch (InvalidParameterException e) {
            throw new InvalidRequestException("params." + e.field(), e.getMessage());
        }
        NaiveBayes model = fit.model();
        return new ServedClassifier(TYPE, model, data.classes(), data.x().length,
                params(settings, priors, data.classes()), parameters(model, data.classes()), fit.diagnostics());
    }

    private ServedModel importModel(JsonNode node, Settings settings) {
        Params p = Params.of(node, "parameters");
        ClassLabels classes = ClassifierRequests.importedClasses(p.raw("classes"), "parameters.classes");
        int k = classes.size();
        double[] priors = ClassifierRequests.importedPriors(p.raw("priors"), k, "parameters.priors");
        double[][] means = Data.matrix(p.raw("means"), "parameters.means", null);
        if (means.length != k) {
            throw new InvalidRequestException("parameters.means", "must have one row per class (" + k + "), not " + means.length);
        }
        int d = means[0].length;
        double[][] variances = new double[k][];
        switch (settings.variance()) {
            case DIAGONAL -> {
                variances = Data.matrix(p.raw("variances"), "parameters.variances", d);
                if (variances.length != k) {
                    throw new InvalidRequestException("parameters.variances", "must have one row per class (" + k + ")");
                }
            }
            case ISOTROPIC -> {
                double[] v = ClassifierRequests.vector(p.raw("variances"), "parameters.variances", k);
                for (int c = 0; c < k; c++) {
                    variances[c] = new double[d];
                    Arrays.fill(variances[c], v[c]);
                }
            }
            case SHARED -> {
                double[] v = ClassifierRequests.vector(p.raw("variances"), "parameters.variances", d);
                for (int c = 0; c < k; c++) {
                    variances[c] = v.clone();
                }
            }
        }
        p.rejectUnknown();
        NaiveBayes model;
        try {
            model = NaiveBayes.of(settings.variance(), priors, means, variances, settings.priorsNode() != null);
        } catch (InvalidParameterException e) {
            throw new InvalidRequestException("parameters." + e.field(), e.getMessage());
        }
        // given priors are echoed from the imported parameters, so the params stay consistent with them
        double[] echoed = settings.priorsNode() != null ? priors : null;
        return new ServedClassifier(TYPE, model, classes, null, params(settings, echoed, classes),
                parameters(model, classes), null);
    }

    private static Map<String, Object> params(Settings settings, double[] givenPriors, ClassLabels classes) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("variance", settings.variance().id());
        params.put("varianceSmoothing", settings.smoothing());
        if (givenPriors != null) {
            params.put("priors", ClassifierRequests.priorsMap(givenPriors, classes));
        }
        return params;
    }

    private static Map<String, Object> parameters(NaiveBayes model, ClassLabels classes) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("classes", List.copyOf(classes.classes()));
        parameters.put("priors", model.priors());
        parameters.put("means", model.means());
        parameters.put("variances", model.compactVariances());
        return parameters;
    }
}
