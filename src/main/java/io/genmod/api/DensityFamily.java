package io.genmod.api;

import io.genmod.core.Density;
import io.genmod.core.DensityFitter;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A family whose models are densities over R^d; generative classifiers fit one per class and model
 * selection fits one per fold through it.
 */
public interface DensityFamily extends ModelFamily {

    /**
     * Parses and validates {@code params}, reporting problems under {@code path} (e.g. "params",
     * "params.density.params", "candidates[1].params").
     */
    Configured configure(JsonNode params, String path);

    /** The fitted parameters of a density of this family, as {@code parameters} in a model resource. */
    Object exportParameters(Density density);

    /** Whether {@link #configure} takes a {@code seed} in its params (for fits with random starts). */
    default boolean takesSeed() {
        return false;
    }

    /** Rebuilds a density from exported {@code parameters}; problems are reported under {@code path}. */
    Density importParameters(JsonNode parameters, JsonNode params, String path);

    /** A validated configuration: a fitter and the effective hyper-parameters with defaults filled in. */
    record Configured(DensityFitter fitter, Map<String, Object> effectiveParams) {
    }
}
