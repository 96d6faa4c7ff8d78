package io.genmod.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.genmod.api.ServedModel;
import io.genmod.registry.ModelRegistry;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** The model resource: what {@code GET /models/{id}} answers and what can be POSTed back to re-create it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelResource(
        @Schema(example = "m-8f3k2c0a", accessMode = Schema.AccessMode.READ_ONLY) String id,
        @Schema(example = "gaussian-mixture") String type,
        String name,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) Instant createdAt,
        @Schema(description = "Row width; absent for Bayesian networks", example = "2") Integer dimension,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) Integer trainingSize,
        @Schema(description = "All effective hyper-parameters, defaults filled in") Object params,
        @Schema(description = "The fitted parameters; POST them back to import the model") Object parameters,
        @Schema(accessMode = Schema.AccessMode.READ_ONLY) DiagnosticsView diagnostics) {

    public static ModelResource of(ModelRegistry.Entry<ServedModel> entry) {
        ServedModel model = entry.model();
        return new ModelResource(entry.id(), entry.type(), entry.name(), entry.createdAt(), model.dimension(),
                model.trainingSize(), model.params(), model.parameters(), DiagnosticsView.of(model.diagnostics(), model.diagnosticsDetails()));
    }
}
