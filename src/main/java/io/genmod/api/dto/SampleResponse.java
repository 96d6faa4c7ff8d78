package io.genmod.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** Drawn samples: rows {@code x} with {@code labels} where the model has them, or Bayesian-network {@code records}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SampleResponse(double[][] x, List<Object> labels, List<Map<String, String>> records) {

    public static SampleResponse rows(double[][] x) {
        return new SampleResponse(x, null, null);
    }
}
