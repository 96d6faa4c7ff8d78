package io.genmod.api.bayesnet;

import io.genmod.api.AbstractServedModel;
import io.genmod.api.InvalidRequestException;
import io.genmod.api.dto.SampleResponse;
import io.genmod.api.dto.ScoreRequest;
import io.genmod.api.dto.ScoreResponse;
import io.genmod.bayesnet.BayesianNetwork;
import io.genmod.bayesnet.Dag;
import io.genmod.core.Diagnostics;
import io.genmod.math.Rng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A served Bayesian network: its CPTs as {@code parameters}, ancestral sampling and record scoring. */
public final class ServedBayesianNetwork extends AbstractServedModel {

    public static final String TYPE = "bayesian-network";

    private final BayesianNetwork network;
    private final List<Map<String, Object>> unseenRows;

    /**
     * @param unseenRows parent configurations that had no data and got a uniform CPT row, each as
     *                   {@code {"variable": "C", "given": {"S": "no"}}}
     */
    ServedBayesianNetwork(BayesianNetwork network, Integer trainingSize, double pseudoCount, Diagnostics diagnostics,
                          List<Map<String, Object>> unseenRows) {
        super(TYPE, trainingSize, Map.of("pseudoCount", pseudoCount), export(network), diagnostics);
        this.network = network;
        this.unseenRows = List.copyOf(unseenRows);
    }

    public BayesianNetwork network() {
        return network;
    }


    @Override
    public Integer dimension() {
        return null;
    }





    /** Parent configurations that had no data and got a uniform row (pseudoCount 0). */
    public List<Map<String, Object>> unseenParentConfigurations() {
        return unseenRows;
    }

    /** {@code unseenParentConfigurations}, listed when some CPT row was set uniform for lack of data. */
    @Override
    public Map<String, Object> diagnosticsDetails() {
        return unseenRows.isEmpty() ? Map.of() : Map.of("unseenParentConfigurations", unseenRows);
    }

    @Override
    public SampleResponse sample(int n, Long seed) {
        int[][] columns = network.sample(n, Rng.of(seed));
        Dag dag = network.dag();
        List<Map<String, String>> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, String> r = new LinkedHashMap<>();
            for (int v = 0; v < dag.size(); v++) {
                r.put(dag.name(v), network.states(v).get(columns[v][i]));
            }
            records.add(r);
        }
        return new SampleResponse(null, null, records);
    }

    /** Mean log-likelihood of {@code records}; null (minus infinity) when some record has probability 0. */
    @Override
    public ScoreResponse score(ScoreRequest request) {
        if (NetworkJson.present(request.x()) || NetworkJson.present(request.y())) {
            throw new InvalidRequestException(NetworkJson.present(request.x()) ? "x" : "y",
                    "a Bayesian network scores 'records', not x/y");
        }
        if (!NetworkJson.present(request.records())) {
            throw new InvalidRequestException("records", "is required: one object per observation");
        }
        List<String> fields = new ArrayList<>();
        List<tools.jackson.databind.JsonNode> records = NetworkJson.objects(request.records(), "records", null, fields);
        List<List<String>> states = new ArrayList<>();
        for (int v = 0; v < network.size(); v++) {
            states.add(network.states(v));
        }
        int[][] columns = NetworkJson.encode(network.dag(), states, records, fields);
        double[] lp = network.logProbabilities(columns);
        double sum = 0;
        for (double x : lp) {
            sum += x;
        }
        return ScoreResponse.ofLogLikelihood(lp.length, sum / lp.length);
    }

    /** {@code {"states": {...}, "cpts": {v: {"parents": [...], "rows": [{"given": {...}, "probabilities": {...}}]}}}}. */
    static Map<String, Object> export(BayesianNetwork net) {
        Dag dag = net.dag();
        Map<String, Object> states = new LinkedHashMap<>();
        Map<String, Object> cpts = new LinkedHashMap<>();
        for (int v = 0; v < dag.size(); v++) {
            states.put(dag.name(v), net.states(v));
            int[] parents = dag.parents(v);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int r = 0; r < net.rowCount(v); r++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("given", given(net, v, r));
                Map<String, Double> probabilities = new LinkedHashMap<>();
                for (int s = 0; s < net.cardinality(v); s++) {
                    probabilities.put(net.states(v).get(s), net.probability(v, r, s));
                }
                row.put("probabilities", probabilities);
                rows.add(row);
            }
            Map<String, Object> cpt = new LinkedHashMap<>();
            cpt.put("parents", java.util.Arrays.stream(parents).mapToObj(dag::name).toList());
            cpt.put("rows", rows);
            cpts.put(dag.name(v), cpt);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("states", states);
        out.put("cpts", cpts);
        return out;
    }

    /** The parent states of row {@code r} of {@code v}'s CPT (first parent varies slowest). */
    static Map<String, String> given(BayesianNetwork net, int v, int r) {
        int[] parents = net.dag().parents(v);
        String[] values = new String[parents.length];
        int rest = r;
        for (int j = parents.length - 1; j >= 0; j--) {
            int c = net.cardinality(parents[j]);
            values[j] = net.states(parents[j]).get(rest % c);
            rest /= c;
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (int j = 0; j < parents.length; j++) {
            given.put(net.dag().name(parents[j]), values[j]);
        }
        return given;
    }
}
