package io.genmod.api.bayesnet;

import io.genmod.api.AbstractServedModel;
import io.genmod.api.InvalidRequestException;
import io.genmod.api.dto.SampleResponse;
import io.genmod.api.dto.ScoreRequest;
import io.genmod.api.dto.ScoreResponse;
import io.genmod.bayesnet.BayesianNetwork;
import io.genmod.bayesnet.Dag;
import io.genmod.core.Diagnostics;
import io.genmod.core.WorkingMemory;
import io.genmod.math.Rng;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;
import java.util.stream.IntStream;

/** A served Bayesian network: its CPTs as {@code parameters}, ancestral sampling and record scoring. */
public final class ServedBayesianNetwork extends AbstractServedModel {

    public static final String TYPE = "bayesian-network";

    private final BayesianNetwork network;
    private final List<Map<String, Object>> unseenRows;
    private final long unseenCount;

    /**
     * @param unseenRows  parent configurations that had no data and got a uniform CPT row, each as
     *                    {@code {"variable": "C", "given": {"S": "no"}}}: the first ones (see
     *                    {@link io.genmod.bayesnet.CptLearner#LISTED_UNSEEN})
     * @param unseenCount how many there are in all
     */
    ServedBayesianNetwork(BayesianNetwork network, Integer trainingSize, double pseudoCount, Diagnostics diagnostics,
                          List<Map<String, Object>> unseenRows, long unseenCount) {
        super(TYPE, trainingSize, Map.of("pseudoCount", pseudoCount), export(network), diagnostics);
        this.network = network;
        this.unseenRows = List.copyOf(unseenRows);
        this.unseenCount = unseenCount;
    }

    public BayesianNetwork network() {
        return network;
    }


    @Override
    public Integer dimension() {
        return null;
    }

    /**
     * {@code unseenParentConfigurations} (the first {@link io.genmod.bayesnet.CptLearner#LISTED_UNSEEN}) and
     * {@code unseenParentConfigurationCount}, when some CPT row was set uniform for lack of data.
     */
    @Override
    public Map<String, Object> diagnosticsDetails() {
        if (unseenCount == 0) {
            return Map.of();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("unseenParentConfigurations", unseenRows);
        details.put("unseenParentConfigurationCount", unseenCount);
        return details;
    }

    /**
     * n records by ancestral sampling, kept as int-coded columns and written record by record as they are sent;
     * refused (422 on {@code n}) when n x variables values would not fit in {@link WorkingMemory}.
     */
    @Override
    public SampleResponse sample(int n, Long seed) {
        Dag dag = network.dag();
        WorkingMemory.checkAnswer((double) n * dag.size(), "n", n + " records of " + dag.size() + " variables",
                "draw fewer per request");
        int[][] columns = network.sample(n, Rng.of(seed));
        return new SampleResponse(null, null, new SampledRecords(network, columns, n));
    }

    /** Sampled records, each {@code {variable: state, ...}} in variable order when read. */
    private static final class SampledRecords extends AbstractList<Map<String, String>> implements RandomAccess {
        private final BayesianNetwork net;
        private final int[][] columns;
        private final int n;

        SampledRecords(BayesianNetwork net, int[][] columns, int n) {
            this.net = net;
            this.columns = columns;
            this.n = n;
        }

        @Override
        public Map<String, String> get(int i) {
            Objects.checkIndex(i, n);
            Map<String, String> record = new LinkedHashMap<>();
            for (int v = 0; v < columns.length; v++) {
                record.put(net.dag().name(v), net.states(v).get(columns[v][i]));
            }
            return record;
        }

        @Override
        public int size() {
            return n;
        }
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

    /**
     * {@code {"states": {...}, "cpts": {v: {"parents": [...], "rows": [{"given": {...}, "probabilities": {...}}]}}}}
     * as views of the network that build each row as it is read: a model keeps no second, boxed copy of its
     * CPTs (ten million entries would take about a gigabyte as maps).
     */
    static Map<String, Object> export(BayesianNetwork net) {
        Dag dag = net.dag();
        Map<String, Object> states = new LinkedHashMap<>();
        Map<String, Object> cpts = new LinkedHashMap<>();
        for (int v = 0; v < dag.size(); v++) {
            states.put(dag.name(v), net.states(v));
            Map<String, Object> cpt = new LinkedHashMap<>();
            cpt.put("parents", Arrays.stream(dag.parents(v)).mapToObj(dag::name).toList());
            cpt.put("rows", new CptRows(net, v));
            cpts.put(dag.name(v), cpt);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("states", states);
        out.put("cpts", cpts);
        return out;
    }

    /** The rows of variable v's CPT, each {@code {"given": {...}, "probabilities": {state: p, ...}}} when read. */
    private static final class CptRows extends AbstractList<Map<String, Object>> implements RandomAccess {
        private final BayesianNetwork net;
        private final int v;

        CptRows(BayesianNetwork net, int v) {
            this.net = net;
            this.v = v;
        }

        @Override
        public Map<String, Object> get(int r) {
            Objects.checkIndex(r, size());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("given", given(net, v, r));
            row.put("probabilities", new Probabilities(net, v, r));
            return row;
        }

        @Override
        public int size() {
            return net.rowCount(v);
        }
    }

    /** Row r of variable v's CPT as a map from state to probability, in state order. */
    private static final class Probabilities extends AbstractMap<String, Double> {
        private final BayesianNetwork net;
        private final int v;
        private final int r;

        Probabilities(BayesianNetwork net, int v, int r) {
            this.net = net;
            this.v = v;
            this.r = r;
        }

        @Override
        public Set<Entry<String, Double>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Double>> iterator() {
                    return IntStream.range(0, size())
                            .mapToObj(s -> (Entry<String, Double>) new SimpleImmutableEntry<>(net.states(v).get(s),
                                    net.probability(v, r, s)))
                            .iterator();
                }

                @Override
                public int size() {
                    return net.cardinality(v);
                }
            };
        }
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
