package io.genmod.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Predictions: for classifiers the class labels and P(y given x); for mixtures the component indices,
 * the most responsible component and the responsibilities.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PredictResponse(List<Object> classes, List<Object> labels, double[][] probabilities) {
}
