package io.genmod.api.dto;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.genmod.core.Diagnostics;
import io.swagger.v3.oas.annotations.media.Schema;

/** Diagnostics of a fit; fields that do not apply to the model are omitted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiagnosticsView(
        @Schema(example = "em") String fitter,
        @Schema(example = "37") Integer iterations,
        @Schema(example = "true") Boolean converged,
        @Schema(example = "-2714.2") Double logLikelihood,
        @Schema(example = "-2.7142") Double meanLogLikelihood,
        @Schema(description = "Mean log-likelihood (EM, gradient) or lower bound per point (variational) at the "
                + "start and after each iteration", example = "[-3.91, -3.02, -2.7142]") double[] trace,
        @Schema(example = "5551.3") Double bic,
        @Schema(example = "5462.4") Double aic,
        @Schema(example = "17") Integer parameterCount,
        @Schema(example = "41") Long durationMillis,
        @Schema(hidden = true) @JsonAnyGetter java.util.Map<String, Object> details) {

    public static DiagnosticsView of(Diagnostics d) {
        return of(d, java.util.Map.of());
    }

    /** The standard diagnostics plus type-specific {@code details}, written as further fields of the same object. */
    public static DiagnosticsView of(Diagnostics d, java.util.Map<String, Object> details) {
        if (d == null) {
            return null;
        }
        return new DiagnosticsView(d.fitter(), d.iterations(), d.converged(), d.logLikelihood(), d.meanLogLikelihood(),
                d.trace(), d.bic(), d.aic(), d.parameterCount(), d.durationMillis(),
                details == null ? java.util.Map.of() : details);
    }
}
