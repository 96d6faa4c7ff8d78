package io.genmod.api.bayesnet;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The d-separation answer; when dependent, one active trail from a variable of x to one of y. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndependenceResponse(
        @Schema(description = "Whether x and y are d-separated given the conditioning set", example = "false")
        boolean independent,
        @Schema(description = "An active trail from x to y, present only when not independent",
                example = "[\"John\", \"T\", \"Jane\"]")
        List<String> activePath) {
}
