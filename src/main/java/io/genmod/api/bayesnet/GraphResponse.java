package io.genmod.api.bayesnet;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The network's graph: nodes, directed edges, its factorisation and Graphviz DOT. */
public record GraphResponse(
        @Schema(description = "Variables in canonical topological order", example = "[\"A\", \"S\", \"C\"]")
        List<String> nodes,
        @Schema(description = "One edge per parent, parent to child")
        List<Edge> edges,
        @Schema(description = "Factorisation in canonical topological order (ready variables by name)",
                example = "P(A)P(S)P(C|S,A)")
        String factorisation,
        @Schema(description = "Graphviz DOT source", example = "digraph {\n  \"A\";\n  \"S\";\n  \"C\";\n  \"S\" -> \"C\";\n  \"A\" -> \"C\";\n}\n")
        String dot) {

    /** A directed edge. */
    public record Edge(@Schema(example = "S") String from, @Schema(example = "C") String to) {
    }
}
