package io.genmod.api.bayesnet;

import io.genmod.api.InvalidRequestException;
import io.genmod.api.ModelService;
import io.genmod.api.OperationNotSupportedException;
import io.genmod.api.ServedModel;
import io.genmod.bayesnet.BayesianNetwork;
import io.genmod.bayesnet.DSeparation;
import io.genmod.bayesnet.Dag;
import io.genmod.bayesnet.VariableElimination;
import io.genmod.core.InvalidParameterException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Graph, exact queries and d-separation of {@code bayesian-network} models. */
@RestController
@RequestMapping(path = "/api/v1/models", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "bayesian networks", description = "Graph, exact inference and conditional independence")
public class BayesianNetworkController {

    private final ModelService service;

    public BayesianNetworkController(ModelService service) {
        this.service = service;
    }

    @Operation(summary = "The network's graph", description = "Nodes, edges, the factorisation in canonical "
            + "topological order (among ready variables the smallest name first) and Graphviz DOT.")
    @ApiResponse(responseCode = "400", description = "The model is not a bayesian-network")
    @ApiResponse(responseCode = "404", description = "Unknown id")
    @ApiResponse(responseCode = "200", description = "The graph")
    @GetMapping("/{id}/graph")
    public GraphResponse graph(@PathVariable String id) {
        Dag dag = network(id, "graph").dag();
        List<String> nodes = new ArrayList<>();
        List<GraphResponse.Edge> edges = new ArrayList<>();
        for (int v : dag.topologicalOrder()) {
            nodes.add(dag.name(v));
            for (int p : dag.parents(v)) {
                edges.add(new GraphResponse.Edge(dag.name(p), dag.name(v)));
            }
        }
        return new GraphResponse(nodes, edges, dag.factorisation(), dag.dot());
    }

    @Operation(summary = "Exact posterior joint of variables given evidence",
            description = "Variable elimination (Koller and Friedman 2009, Algorithm 9.1) with a greedy min-fill "
                    + "(default) or min-degree order, after dropping variables that are not ancestors of the query "
                    + "or evidence. Answers every assignment of the query variables, zeros included.")
    @ApiResponse(responseCode = "400", description = "Unknown variable or state, a query variable also observed, "
            + "or a model that is not a bayesian-network")
    @ApiResponse(responseCode = "422", description = "The evidence has probability 0")
    @ApiResponse(responseCode = "200", description = "The posterior table")
    @PostMapping(path = "/{id}/query", consumes = MediaType.APPLICATION_JSON_VALUE)
    public QueryResponse query(@PathVariable String id, @RequestBody QueryRequest request) {
        BayesianNetwork net = network(id, "query");
        Dag dag = net.dag();
        if (request.variables() == null || request.variables().isEmpty()) {
            throw new InvalidRequestException("variables", "is required: at least one variable");
        }
        VariableElimination.Order order = switch (request.eliminationOrder() == null ? "min-fill" : request.eliminationOrder()) {
            case "min-fill" -> VariableElimination.Order.MIN_FILL;
            case "min-degree" -> VariableElimination.Order.MIN_DEGREE;
            default -> throw new InvalidRequestException("eliminationOrder", "must be min-fill or min-degree, was '"
                    + request.eliminationOrder() + "'");
        };
        int[] evidence = new int[dag.size()];
        Arrays.fill(evidence, -1);
        if (request.evidence() != null) {
            for (Map.Entry<String, JsonNode> e : request.evidence().entrySet()) {
                String field = "evidence." + e.getKey();
                int v = NetworkJson.variable(dag, e.getKey(), field);
                String state = NetworkJson.stateText(e.getValue());
                if (state == null) {
                    throw new InvalidRequestException(field, "must be a state: a string, an integer or a boolean");
                }
                int s = net.stateIndex(v, state);
                if (s < 0) {
                    throw new InvalidRequestException(field, "unknown state '" + state + "' of '" + e.getKey()
                            + "'; its states are " + String.join(", ", net.states(v)));
                }
                evidence[v] = s;
            }
        }
        int[] query = new int[request.variables().size()];
        for (int k = 0; k < query.length; k++) {
            String field = "variables[" + k + "]";
            String name = request.variables().get(k);
            if (name == null) {
                throw new InvalidRequestException(field, "must be a variable name");
            }
            query[k] = NetworkJson.variable(dag, name, field);
            if (evidence[query[k]] >= 0) {
                throw new InvalidRequestException(field, "'" + name + "' is also in the evidence; its posterior is "
                        + "certain");
            }
            for (int j = 0; j < k; j++) {
                if (query[j] == query[k]) {
                    throw new InvalidRequestException(field, "'" + name + "' is listed twice");
                }
            }
        }
        VariableElimination.Posterior posterior;
        try {
            posterior = VariableElimination.query(net, query, evidence, order);
        } catch (InvalidParameterException e) {
            throw new InvalidRequestException(e.field(), e.getMessage());
        }
        return new QueryResponse(List.copyOf(request.variables()), new PosteriorTable(net, posterior));
    }

    @Operation(summary = "Conditional independence by d-separation",
            description = "Reachability (Bayes ball; Koller and Friedman 2009, Algorithm 3.1). When x and y are not "
                    + "d-separated given `given`, `activePath` is one active trail from x to y.")
    @ApiResponse(responseCode = "400", description = "Unknown variable, empty or overlapping sets, "
            + "or a model that is not a bayesian-network")
    @ApiResponse(responseCode = "200", description = "Whether x and y are d-separated given the set")
    @PostMapping(path = "/{id}/independence", consumes = MediaType.APPLICATION_JSON_VALUE)
    public IndependenceResponse independence(@PathVariable String id, @RequestBody IndependenceRequest request) {
        Dag dag = network(id, "independence").dag();
        int[] x = variables(dag, request.x(), "x", true);
        int[] y = variables(dag, request.y(), "y", true);
        int[] z = variables(dag, request.given(), "given", false);
        DSeparation.Result result;
        try {
            result = DSeparation.test(dag, x, y, z);
        } catch (InvalidParameterException e) {
            throw new InvalidRequestException(e.field(), e.getMessage());
        }
        return new IndependenceResponse(result.independent(),
                result.independent() ? null : result.activePath().stream().map(dag::name).toList());
    }

    private static int[] variables(Dag dag, List<String> names, String field, boolean required) {
        if (names == null || names.isEmpty()) {
            if (required) {
                throw new InvalidRequestException(field, "is required: at least one variable");
            }
            return new int[0];
        }
        int[] out = new int[names.size()];
        for (int k = 0; k < out.length; k++) {
            String name = names.get(k);
            if (name == null) {
                throw new InvalidRequestException(field + "[" + k + "]", "must be a variable name");
            }
            out[k] = NetworkJson.variable(dag, name, field + "[" + k + "]");
        }
        return out;
    }

    private BayesianNetwork network(String id, String operation) {
        ServedModel model = service.get(id).model();
        if (model instanceof ServedBayesianNetwork bn) {
            return bn.network();
        }
        throw new OperationNotSupportedException(model.type(), operation);
    }
}
