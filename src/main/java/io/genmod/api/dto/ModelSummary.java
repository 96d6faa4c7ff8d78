package io.genmod.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.genmod.api.ServedModel;
import io.genmod.registry.ModelRegistry;
import java.time.Instant;

/** One row of the model list. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSummary(String id, String type, String name, Integer dimension, Instant createdAt) {

    public static ModelSummary of(ModelRegistry.Entry<ServedModel> entry) {
        return new ModelSummary(entry.id(), entry.type(), entry.name(), entry.model().dimension(), entry.createdAt());
    }
}
