package io.genmod.api.mixture;

import io.genmod.api.Params;
import io.genmod.mixture.MixtureFitter;
import io.genmod.mixture.MixtureOptions;
import java.util.Map;

/**
 * A {@code fitter} value of {@code gaussian-mixture} other than EM, contributed as a Spring bean: the
 * family reads the common params into {@link MixtureOptions}, then lets the plugin read its own.
 */
public interface MixtureFitterPlugin {

    /** The {@code fitter} value, e.g. "gradient". */
    String name();

    /** Default of {@code maxIterations} for this fitter. */
    int defaultMaxIterations();

    /**
     * Reads this fitter's own params (the common ones are already read and marked) and builds the fitter.
     *
     * @param effectiveParams the effective params so far; add this fitter's own, defaults filled in. Modified.
     */
    MixtureFitter configure(MixtureOptions common, Params params, Map<String, Object> effectiveParams);
}
