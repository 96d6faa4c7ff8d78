package io.genmod.api.selection;

import io.genmod.api.Data;
import io.genmod.api.DensityFamily;
import io.genmod.api.InvalidRequestException;
import io.genmod.api.ModelFamilies;
import io.genmod.core.Density;
import io.genmod.core.DensityFitter;
import io.genmod.core.Diagnostics;
import io.genmod.core.Fit;
import io.genmod.core.UnfittableDataException;
import io.genmod.math.Rng;
import io.genmod.selection.Folds;
import io.genmod.selection.ModelComparison;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Validates a model-selection request, configures each candidate through its family and ranks them. */
@Service
public class ModelSelectionService {

    static final int DEFAULT_FOLDS = 5;
    static final int MAX_CANDIDATES = 100;

    private final ModelFamilies families;

    public ModelSelectionService(ModelFamilies families) {
        this.families = families;
    }

    public ModelSelectionResponse select(ModelSelectionRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "is required");
        }
        double[][] x = Data.matrix(request.x(), "x", null);
        JsonNode candidates = request.candidates();
        if (candidates == null || candidates.isNull() || candidates.isMissingNode()) {
            throw new InvalidRequestException("candidates", "is required");
        }
        if (!candidates.isArray()) {
            throw new InvalidRequestException("candidates", "must be a list of {type, params}");
        }
        if (candidates.isEmpty()) {
            throw new InvalidRequestException("candidates", "must not be empty");
        }
        if (candidates.size() > MAX_CANDIDATES) {
            throw new InvalidRequestException("candidates", "must have at most " + MAX_CANDIDATES + " entries");
        }
        int folds = integer(request.folds(), "folds", DEFAULT_FOLDS);
        if (folds < 2 || folds > x.length) {
            throw new InvalidRequestException("folds", "must be between 2 and the number of rows (" + x.length + ")");
        }
        Long seed = request.seed() == null || request.seed().isNull() ? null : seed(request.seed());
        List<DensityFitter> fitters = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            String field = "candidates[" + i + "]";
            JsonNode c = candidates.get(i);
            if (!c.isObject()) {
                throw new InvalidRequestException(field, "must be an object {type, params}");
            }
            for (var e : c.properties()) {
                if (!e.getKey().equals("type") && !e.getKey().equals("params")) {
                    throw new InvalidRequestException(field + "." + e.getKey(), "is not a field of a candidate (type, params)");
                }
            }
            JsonNode type = c.get("type");
            DensityFamily family = families.densityFamily(type != null && type.isString() ? type.stringValue() : null,
                    field + ".type");
            JsonNode params = c.get("params");
            if (seed != null && family.takesSeed() && (params == null || params.isObject() && !params.has("seed"))) {
                // the request's seed also seeds a candidate's own random starts, so that the ranking repeats
                ObjectNode seeded = params == null ? JsonNodeFactory.instance.objectNode() : ((ObjectNode) params).deepCopy();
                params = seeded.put("seed", seed);
            }
            DensityFamily.Configured configured = family.configure(params, field + ".params");
            DensityFitter fitter = configured.fitter();
            fitters.add(data -> {
                try {
                    return fitter.fit(data);
                } catch (UnfittableDataException e) {
                    throw new UnfittableDataException(field, field + " cannot be fitted to a training fold: " + e.getMessage());
                }
            });
        }
        int[][] split = Folds.split(x.length, folds, Rng.of(seed));
        List<ModelSelectionResponse.Entry> ranking = new ArrayList<>();
        for (ModelComparison.Entry e : ModelComparison.rank(x, fitters, split)) {
            Fit<? extends Density> full = e.fullFit();
            Diagnostics diagnostics = full.diagnostics();
            int p = full.model().parameterCount();
            double mean = e.score().meanLogLikelihood();
            double se = e.score().standardError();
            ranking.add(new ModelSelectionResponse.Entry(candidates.get(e.index()),
                    Double.isFinite(mean) ? mean : null,
                    Double.isFinite(se) ? se : null,
                    e.score().outsideSupport(),
                    p >= 0 && diagnostics != null ? finite(diagnostics.bic()) : null,
                    p >= 0 && diagnostics != null ? finite(diagnostics.aic()) : null,
                    p >= 0 ? p : null,
                    e.fitMillis()));
        }
        return new ModelSelectionResponse(ranking, folds);
    }

    private static Double finite(Double v) {
        return v != null && Double.isFinite(v) ? v : null;
    }

    private static int integer(JsonNode node, String field, int defaultValue) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return defaultValue;
        }
        if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToInt()) {
            throw new InvalidRequestException(field, "must be an integer");
        }
        return node.intValue();
    }

    private static long seed(JsonNode node) {
        if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToLong()) {
            throw new InvalidRequestException("seed", "must be an integer");
        }
        return node.longValue();
    }
}
