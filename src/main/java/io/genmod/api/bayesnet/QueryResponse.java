package io.genmod.api.bayesnet;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** The exact posterior joint of the query variables: every assignment, zeros included. */
public record QueryResponse(
        @Schema(example = "[\"C\"]") List<String> variables,
        @Schema(description = "One entry per assignment of the query variables, the last variable varying fastest",
                example = "[{\"assignment\": {\"C\": \"no\"}, \"probability\": 0.8},"
                        + " {\"assignment\": {\"C\": \"yes\"}, \"probability\": 0.2}]")
        List<Entry> table) {

    /** P(assignment | evidence). */
    @Schema(name = "PosteriorEntry")
    public record Entry(Map<String, String> assignment, double probability) {
    }
}
