package io.genmod.api.bayesnet;

import io.genmod.api.InvalidRequestException;
import io.genmod.api.ModelFamily;
import io.genmod.api.Params;
import io.genmod.api.ServedModel;
import io.genmod.api.dto.CreateModelRequest;
import io.genmod.bayesnet.BayesianNetwork;
import io.genmod.bayesnet.CptLearner;
import io.genmod.bayesnet.Dag;
import io.genmod.core.Diagnostics;
import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import io.genmod.core.WorkingMemory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code bayesian-network}: structure from {@code structure} (or from the CPTs of imported {@code parameters}),
 * CPTs learnt from {@code records} or {@code counts}, or given in {@code parameters}. A graph with a cycle is
 * 422; every other structural error (syntax, unknown parent, two factors for a variable) is 400.
 */
@Component
public class BayesianNetworkFamily implements ModelFamily {

    /** Largest total number of CPT entries a network may have. */
    static final long MAX_CPT_ENTRIES = 10_000_000;
    /**
     * Bytes per CPT entry while the CPTs are learned: counts (8), their integer tally (4), the table (8), the
     * network's own copy (8) and its factor for inference (8), and a margin; the model keeps 16 of them.
     */
    private static final int LEARNING_BYTES_PER_ENTRY = 40;

    @Override
    public String type() {
        return ServedBayesianNetwork.TYPE;
    }

    @Override
    public ServedModel create(CreateModelRequest request) {
        Params params = Params.of(request.params(), "params");
        double pseudoCount = params.number("pseudoCount", 0.0, 0.0, false, 1e12);
        params.rejectUnknown();
        CptLearner.Options options;
        try {
            options = new CptLearner.Options(pseudoCount);
        } catch (InvalidParameterException e) {
            throw params.error(e);
        }
        for (String unused : List.of("x", "y")) {
            JsonNode node = unused.equals("x") ? request.x() : request.y();
            if (NetworkJson.present(node)) {
                throw new InvalidRequestException(unused, "is not used by a bayesian-network; give records, counts "
                        + "or parameters");
            }
        }
        boolean hasRecords = NetworkJson.present(request.records());
        boolean hasCounts = NetworkJson.present(request.counts());
        boolean hasParameters = NetworkJson.present(request.parameters());
        int kinds = (hasRecords ? 1 : 0) + (hasCounts ? 1 : 0) + (hasParameters ? 1 : 0);
        // the structure is checked before the data, so that a cycle is reported whatever else is missing
        Dag dag = !hasParameters && NetworkJson.present(request.structure())
                ? NetworkJson.structure(request.structure()) : null;
        if (kinds == 0) {
            throw new InvalidRequestException("records", "is required: give records, counts, or the CPTs in parameters");
        }
        if (kinds > 1) {
            throw new InvalidRequestException(hasParameters ? "parameters" : "counts",
                    "give only one of records, counts and parameters");
        }
        if (hasParameters) {
            return importNetwork(request, pseudoCount);
        }
        if (dag == null) {
            throw new InvalidRequestException("structure", "is required: {\"parents\": {...}} or {\"factorisation\": \"P(a)P(b|a)\"}");
        }
        List<String> fields = new ArrayList<>();
        List<JsonNode> assignments = hasRecords
                ? NetworkJson.objects(request.records(), "records", null, fields)
                : NetworkJson.objects(request.counts(), "counts", "assignment", fields);
        List<List<String>> states = NetworkJson.states(dag, request.states(), "states", assignments, fields);
        checkSize(dag, states);
        int[][] columns = NetworkJson.encode(dag, states, assignments, fields);
        double[] weights = hasCounts ? NetworkJson.counts(request.counts()) : null;
        CptLearner.Learned learned = CptLearner.learn(dag, states, columns, weights, options);
        BayesianNetwork net = learned.fit().model();
        List<Map<String, Object>> unseen = new ArrayList<>();
        for (CptLearner.UnseenRow row : learned.unseenRows()) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("variable", dag.name(row.variable()));
            u.put("given", ServedBayesianNetwork.given(net, row.variable(), row.row()));
            unseen.add(u);
        }
        Integer size = hasCounts ? (int) Math.min(Integer.MAX_VALUE, Math.round(sum(weights))) : assignments.size();
        return new ServedBayesianNetwork(net, size, pseudoCount, learned.fit().diagnostics(), unseen,
                learned.unseenCount());
    }

    private ServedModel importNetwork(CreateModelRequest request, double pseudoCount) {
        JsonNode parameters = request.parameters();
        if (!parameters.isObject()) {
            throw new InvalidRequestException("parameters", "must be {\"states\": {...}, \"cpts\": {...}}");
        }
        JsonNode cpts = parameters.get("cpts");
        if (!NetworkJson.present(cpts) || !cpts.isObject() || cpts.isEmpty()) {
            throw new InvalidRequestException("parameters.cpts", "is required: an object of variable to {parents, rows}");
        }
        Map<String, List<String>> declared = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : cpts.properties()) {
            JsonNode p = e.getValue().isObject() ? e.getValue().get("parents") : null;
            String field = "parameters.cpts." + e.getKey() + ".parents";
            declared.put(e.getKey(), NetworkJson.present(p) ? NetworkJson.names(p, field) : List.of());
        }
        Dag dag;
        if (NetworkJson.present(request.structure())) {
            dag = NetworkJson.structure(request.structure());
            for (Map.Entry<String, List<String>> e : declared.entrySet()) {
                int v = NetworkJson.variable(dag, e.getKey(), "parameters.cpts." + e.getKey());
                List<String> expected = dag.parentMap().get(dag.name(v));
                if (!e.getValue().equals(expected)) {
                    throw new InvalidRequestException("parameters.cpts." + e.getKey() + ".parents", "is "
                            + e.getValue() + " but the structure gives " + expected);
                }
            }
        } else {
            try {
                dag = Dag.of(declared);
            } catch (InvalidParameterException e) {
                String field = e.field().startsWith("parents.")
                        ? "parameters.cpts." + e.field().substring("parents.".length()) + ".parents" : "parameters.cpts";
                throw new InvalidRequestException(field, e.getMessage());
            } catch (UnfittableDataException e) {
                throw new UnfittableDataException("parameters.cpts", e.getMessage());
            }
        }
        JsonNode statesNode = NetworkJson.present(parameters.get("states")) ? parameters.get("states") : request.states();
        String statesField = NetworkJson.present(parameters.get("states")) ? "parameters.states" : "states";
        List<List<String>> states = NetworkJson.states(dag, statesNode, statesField, null, null);
        checkSize(dag, states);
        double[][] table = NetworkJson.cpts(dag, states, cpts);
        BayesianNetwork net;
        try {
            net = new BayesianNetwork(dag, states, table);
        } catch (InvalidParameterException e) {
            throw new InvalidRequestException("parameters." + e.field(), e.getMessage());
        }
        Diagnostics d = new Diagnostics("imported", null, null, null, null, null, null, null, net.parameterCount(), 0L);
        return new ServedBayesianNetwork(net, null, pseudoCount, d, List.of(), 0);
    }

    private static void checkSize(Dag dag, List<List<String>> states) {
        long total = 0;
        for (int v = 0; v < dag.size(); v++) {
            long cells = states.get(v).size();
            for (int p : dag.parents(v)) {
                cells *= states.get(p).size();
                if (cells > MAX_CPT_ENTRIES) {
                    break;
                }
            }
            total += cells;
            if (total > MAX_CPT_ENTRIES) {
                throw new InvalidRequestException("structure", "the CPTs would have more than " + MAX_CPT_ENTRIES
                        + " entries (the CPT of '" + dag.name(v) + "' alone has " + (cells > MAX_CPT_ENTRIES ? "more" : cells)
                        + "); use fewer parents or fewer states");
            }
        }
        WorkingMemory.check((double) LEARNING_BYTES_PER_ENTRY * total, "structure", "the CPTs' " + total + " entries",
                "use fewer parents or fewer states");
    }

    private static double sum(double[] w) {
        double s = 0;
        for (double x : w) {
            s += x;
        }
        return s;
    }
}
