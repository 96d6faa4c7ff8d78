package io.genmod.api.classify;

import io.genmod.api.DensityFamily;
import io.genmod.api.InvalidRequestException;
import io.genmod.api.ModelFamilies;
import io.genmod.api.ModelFamily;
import io.genmod.api.Params;
import io.genmod.api.ServedModel;
import io.genmod.api.dto.CreateModelRequest;
import io.genmod.classify.ClassLabels;
import io.genmod.classify.GenerativeClassifier;
import io.genmod.classify.GenerativeClassifierFitter;
import io.genmod.core.Density;
import io.genmod.core.Fit;
import io.genmod.core.InvalidParameterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Type {@code generative-classifier}: one density of any density type per class plus priors. Params {@code density}
 * (a model body without data: {@code type} and {@code params}) and {@code priors}; parameters {@code classes},
 * {@code priors} and {@code densities}, each the nested type's exported parameters, in class order.
 */
@Component
public class GenerativeClassifierFamily implements ModelFamily {

    public static final String TYPE = "generative-classifier";
    private static final String DENSITY = "params.density";

    /** Lazy: the families list includes this family. */
    private final ObjectProvider<ModelFamilies> families;

    public GenerativeClassifierFamily(ObjectProvider<ModelFamilies> families) {
        this.families = families;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The nested density's family and validated configuration. */
    private record Nested(String type, DensityFamily family, DensityFamily.Configured configured, JsonNode params) {
    }

    @Override
    public ServedModel create(CreateModelRequest request) {
        ClassifierRequests.dataOrParameters(request);
        Params p = Params.of(request.params(), "params");
        Nested nested = nested(p.raw("density"));
        JsonNode priorsNode = p.raw("priors");
        p.rejectUnknown();
        return ClassifierRequests.present(request.parameters()) ? importModel(request.parameters(), nested, priorsNode)
                : fit(request, nested, priorsNode);
    }

    private Nested nested(JsonNode node) {
        if (node == null) {
            throw new InvalidRequestException(DENSITY, "is required: a model body without data, e.g. "
                    + "{\"type\": \"gaussian-mixture\", \"params\": {\"components\": 2}}");
        }
        Params body = Params.of(node, DENSITY);
        for (String data : List.of("x", "y", "parameters", "records", "counts", "structure", "states")) {
            if (body.has(data)) {
                throw new InvalidRequestException(body.path(data),
                        "must not be given: the density is fitted to each class's rows of x");
            }
        }
        body.has("name");
        JsonNode typeNode = body.raw("type");
        if (typeNode != null && !typeNode.isString()) {
            throw new InvalidRequestException(body.path("type"), "must be a string");
        }
        JsonNode params = body.raw("params");
        body.rejectUnknown();
        String type = typeNode == null ? null : typeNode.stringValue();
        DensityFamily family = families.getObject().densityFamily(type, body.path("type"));
        DensityFamily.Configured configured = family.configure(params, body.path("params"));
        return new Nested(type, family, configured, params);
    }

    private ServedModel fit(CreateModelRequest request, Nested nested, JsonNode priorsNode) {
        ClassifierRequests.Labelled data = ClassifierRequests.labelled(request);
        double[] priors = ClassifierRequests.priors(priorsNode, data.classes(), "params.priors");
        Fit<GenerativeClassifier> fit;
        try {
            fit = GenerativeClassifierFitter.fit(data.x(), data.y(), data.classes(), nested.configured().fitter(), priors);
        } catch (InvalidParameterException e) {
            throw new InvalidRequestException(GenerativeClassifierFitter.DENSITY_PARAMS + "." + e.field(), e.getMessage());
        }
        return new ServedClassifier(TYPE, fit.model(), data.classes(), data.x().length,
                params(nested, priors, data.classes()), parameters(fit.model(), data.classes(), nested), fit.diagnostics());
    }

    private ServedModel importModel(JsonNode node, Nested nested, JsonNode priorsNode) {
        Params p = Params.of(node, "parameters");
        ClassLabels classes = ClassifierRequests.importedClasses(p.raw("classes"), "parameters.classes");
        int k = classes.size();
        double[] priors = ClassifierRequests.importedPriors(p.raw("priors"), k, "parameters.priors");
        JsonNode densitiesNode = p.raw("densities");
        if (densitiesNode == null || !densitiesNode.isArray() || densitiesNode.size() != k) {
            throw new InvalidRequestException("parameters.densities",
                    "must be an array with the parameters of one density per class (" + k + ")");
        }
        p.rejectUnknown();
        List<Density> densities = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            String path = "parameters.densities[" + c + "]";
            try {
                densities.add(nested.family().importParameters(densitiesNode.get(c), nested.params(), path));
            } catch (InvalidParameterException e) {
                throw new InvalidRequestException(path + "." + e.field(), e.getMessage());
            }
        }
        GenerativeClassifier model;
        try {
            model = GenerativeClassifier.of(priors, densities, priorsNode != null);
        } catch (InvalidParameterException e) {
            throw new InvalidRequestException("parameters." + e.field(), e.getMessage());
        }
        return new ServedClassifier(TYPE, model, classes, null, params(nested, priorsNode != null ? priors : null, classes),
                parameters(model, classes, nested), null);
    }

    private static Map<String, Object> params(Nested nested, double[] givenPriors, ClassLabels classes) {
        Map<String, Object> density = new LinkedHashMap<>();
        density.put("type", nested.type());
        density.put("params", nested.configured().effectiveParams());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("density", density);
        if (givenPriors != null) {
            params.put("priors", ClassifierRequests.priorsMap(givenPriors, classes));
        }
        return params;
    }

    private static Map<String, Object> parameters(GenerativeClassifier model, ClassLabels classes, Nested nested) {
        List<Object> densities = new ArrayList<>();
        for (Density density : model.densities()) {
            densities.add(nested.family().exportParameters(density));
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("classes", List.copyOf(classes.classes()));
        parameters.put("priors", model.priors());
        parameters.put("densities", densities);
        return parameters;
    }
}
