package io.genmod.api.bayesnet;

import io.genmod.api.FieldProblem;
import io.genmod.api.InvalidRequestException;
import io.genmod.bayesnet.BayesianNetwork;
import io.genmod.bayesnet.Dag;
import io.genmod.bayesnet.Factorisation;
import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Reads the JSON of a Bayesian network request (structure, states, records, counts, CPTs) into int-coded
 * arrays, with errors that name the offending field and value.
 */
final class NetworkJson {

    /** At most this many problems are reported for one request. */
    static final int MAX_REPORTED = 20;

    private NetworkJson() {
    }

    static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    /** {@code structure}: {"parents": {...}} or {"factorisation": "..."}. */
    static Dag structure(JsonNode structure) {
        if (!structure.isObject()) {
            throw new InvalidRequestException("structure", "must be an object with 'parents' or 'factorisation'");
        }
        for (Map.Entry<String, JsonNode> e : structure.properties()) {
            if (!e.getKey().equals("parents") && !e.getKey().equals("factorisation")) {
                throw new InvalidRequestException("structure." + e.getKey(), "is not a structure field; use 'parents' "
                        + "or 'factorisation'");
            }
        }
        boolean hasParents = present(structure.get("parents"));
        boolean hasFactorisation = present(structure.get("factorisation"));
        if (hasParents == hasFactorisation) {
            throw new InvalidRequestException("structure", "give exactly one of 'parents' and 'factorisation'");
        }
        try {
            if (hasFactorisation) {
                JsonNode f = structure.get("factorisation");
                if (!f.isString()) {
                    throw new InvalidRequestException("structure.factorisation", "must be a string such as P(a)P(b|a)");
                }
                return Factorisation.parse(f.stringValue());
            }
            return Dag.of(parentMap(structure.get("parents"), "structure.parents"));
        } catch (InvalidParameterException e) {
            throw new InvalidRequestException("structure." + e.field(), e.getMessage());
        } catch (UnfittableDataException e) {
            throw new UnfittableDataException("structure." + e.field(), e.getMessage());
        }
    }

    /** An object of variable name to a list of parent names. */
    static Map<String, List<String>> parentMap(JsonNode node, String field) {
        if (!node.isObject() || node.isEmpty()) {
            throw new InvalidRequestException(field, "must be a non-empty object of variable to list of parents");
        }
        Map<String, List<String>> parents = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            parents.put(e.getKey(), names(e.getValue(), field + "." + e.getKey()));
        }
        return parents;
    }

    /** A list of strings. */
    static List<String> names(JsonNode node, String field) {
        if (node == null || !node.isArray()) {
            throw new InvalidRequestException(field, "must be a list of variable names");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isString()) {
                throw new InvalidRequestException(field + "[" + i + "]", "must be a variable name (a string)");
            }
            out.add(node.get(i).stringValue());
        }
        return out;
    }

    /** Variable index by name, or a 400 naming {@code field} and the unknown name. */
    static int variable(Dag dag, String name, String field) {
        int v = dag.indexOf(name);
        if (v < 0) {
            throw new InvalidRequestException(field, "unknown variable '" + name + "'; the variables are "
                    + String.join(", ", dag.names()));
        }
        return v;
    }

    /** A state value as text: a string, an integer or a boolean; null when it is none of these. */
    static String stateText(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isString()) {
            return v.stringValue();
        }
        if (v.isIntegralNumber() || v.isBoolean()) {
            return v.asString();
        }
        return null;
    }

    /**
     * The states of every variable: those given in {@code statesNode}, the rest read from the assignments
     * (sorted: numbers ascending when all are numbers, otherwise lexicographically).
     *
     * @param assignments the record objects, or null when there are none
     */
    static List<List<String>> states(Dag dag, JsonNode statesNode, String statesField, List<JsonNode> assignments,
                                     List<String> assignmentFields) {
        int n = dag.size();
        List<List<String>> states = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            states.add(null);
        }
        if (present(statesNode)) {
            if (!statesNode.isObject()) {
                throw new InvalidRequestException(statesField, "must be an object of variable to list of states");
            }
            for (Map.Entry<String, JsonNode> e : statesNode.properties()) {
                String field = statesField + "." + e.getKey();
                int v = variable(dag, e.getKey(), field);
                JsonNode list = e.getValue();
                if (!list.isArray() || list.isEmpty()) {
                    throw new InvalidRequestException(field, "must be a non-empty list of state names");
                }
                List<String> s = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    String text = stateText(list.get(i));
                    if (text == null) {
                        throw new InvalidRequestException(field + "[" + i + "]", "must be a state name (a string)");
                    }
                    if (s.contains(text)) {
                        throw new InvalidRequestException(field + "[" + i + "]", "state '" + text + "' is listed twice");
                    }
                    s.add(text);
                }
                states.set(v, List.copyOf(s));
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            if (states.get(v) == null) {
                missing.add(v);
            }
        }
        if (missing.isEmpty()) {
            return states;
        }
        if (assignments == null) {
            throw new InvalidRequestException(statesField + "." + dag.name(missing.get(0)),
                    "is required: no data shows the states of '" + dag.name(missing.get(0)) + "'");
        }
        List<TreeSet<String>> seen = new ArrayList<>();
        for (int k = 0; k < missing.size(); k++) {
            seen.add(new TreeSet<>());
        }
        for (int i = 0; i < assignments.size(); i++) {
            JsonNode a = assignments.get(i);
            for (int k = 0; k < missing.size(); k++) {
                String text = stateText(a.get(dag.name(missing.get(k))));
                if (text != null) {
                    seen.get(k).add(text);
                }
            }
        }
        for (int k = 0; k < missing.size(); k++) {
            List<String> s = new ArrayList<>(seen.get(k));
            if (s.isEmpty()) {
                String name = dag.name(missing.get(k));
                for (int i = 0; i < assignments.size(); i++) {
                    JsonNode value = assignments.get(i).get(name);
                    if (value == null || value.isNull()) {
                        throw new InvalidRequestException(assignmentFields.get(i) + "." + name,
                                "is required: every record gives a state of every variable");
                    }
                }
                throw new InvalidRequestException(statesField + "." + dag.name(missing.get(k)),
                        "is required: no data shows the states of '" + dag.name(missing.get(k)) + "'");
            }
            if (s.stream().allMatch(NetworkJson::isNumber)) {
                s.sort(Comparator.comparing(BigDecimal::new));
            }
            states.set(missing.get(k), List.copyOf(s));
        }
        return states;
    }

    private static boolean isNumber(String s) {
        return s.matches("-?\\d+(\\.\\d+)?");
    }

    /** The objects of an array (records, or the assignments of counts), each checked to be an object. */
    static List<JsonNode> objects(JsonNode array, String field, String nested, List<String> fields) {
        if (!array.isArray()) {
            throw new InvalidRequestException(field, "must be an array of objects");
        }
        if (array.isEmpty()) {
            throw new InvalidRequestException(field, "must not be empty");
        }
        List<JsonNode> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            String f = field + "[" + i + "]";
            if (!item.isObject()) {
                throw new InvalidRequestException(f, "must be an object");
            }
            if (nested != null) {
                f = f + "." + nested;
                item = item.get(nested);
                if (item == null || !item.isObject()) {
                    throw new InvalidRequestException(f, "is required: an object of variable to state");
                }
            }
            out.add(item);
            fields.add(f);
        }
        return out;
    }

    /**
     * Encodes assignments as {@code columns[v][i]}, checking that each names every variable, nothing else, and
     * only known states.
     */
    static int[][] encode(Dag dag, List<List<String>> states, List<JsonNode> assignments, List<String> fields) {
        int n = dag.size();
        List<Map<String, Integer>> stateIndex = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            Map<String, Integer> m = new java.util.HashMap<>();
            for (int s = 0; s < states.get(v).size(); s++) {
                m.put(states.get(v).get(s), s);
            }
            stateIndex.add(m);
        }
        int[][] columns = new int[n][assignments.size()];
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < assignments.size() && problems.size() < MAX_REPORTED; i++) {
            JsonNode a = assignments.get(i);
            String f = fields.get(i);
            if (a.size() != n) {
                for (Map.Entry<String, JsonNode> e : a.properties()) {
                    if (dag.indexOf(e.getKey()) < 0) {
                        problems.add(new FieldProblem(f + "." + e.getKey(), "unknown variable '" + e.getKey()
                                + "'; the variables are " + String.join(", ", dag.names())));
                    }
                }
            }
            for (int v = 0; v < n; v++) {
                String name = dag.name(v);
                JsonNode value = a.get(name);
                if (value == null || value.isNull()) {
                    problems.add(new FieldProblem(f + "." + name, "is required: every record gives a state of every variable"));
                    continue;
                }
                String text = stateText(value);
                if (text == null) {
                    problems.add(new FieldProblem(f + "." + name, "must be a state: a string, an integer or a boolean"
                            + " (a decimal state is written as a string, e.g. \"2.5\"), was " + value));
                    continue;
                }
                Integer s = stateIndex.get(v).get(text);
                if (s == null) {
                    problems.add(new FieldProblem(f + "." + name, "unknown state '" + text + "' of '" + name
                            + "'; its states are " + String.join(", ", states.get(v))));
                    continue;
                }
                columns[v][i] = s;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems.subList(0, Math.min(MAX_REPORTED, problems.size())));
        }
        return columns;
    }

    /** The {@code count} of each entry of {@code counts}: a finite number at least 0. */
    static double[] counts(JsonNode array) {
        double[] w = new double[array.size()];
        for (int i = 0; i < array.size(); i++) {
            JsonNode c = array.get(i).get("count");
            String f = "counts[" + i + "].count";
            if (c == null || c.isNull()) {
                throw new InvalidRequestException(f, "is required");
            }
            if (!c.isNumber() || !Double.isFinite(c.doubleValue())) {
                throw new InvalidRequestException(f, "must be a finite number, was " + c);
            }
            if (c.doubleValue() < 0) {
                throw new InvalidRequestException(f, "must not be negative, was " + c);
            }
            w[i] = c.doubleValue();
        }
        return w;
    }

    /** Reads {@code parameters.cpts} into the CPT layout of {@link BayesianNetwork}. */
    static double[][] cpts(Dag dag, List<List<String>> states, JsonNode cptsNode) {
        String field = "parameters.cpts";
        if (!present(cptsNode) || !cptsNode.isObject()) {
            throw new InvalidRequestException(field, "is required: an object of variable to {parents, rows}");
        }
        for (Map.Entry<String, JsonNode> e : cptsNode.properties()) {
            variable(dag, e.getKey(), field + "." + e.getKey());
        }
        int n = dag.size();
        double[][] cpts = new double[n][];
        for (int v = 0; v < n; v++) {
            String name = dag.name(v);
            String f = field + "." + name;
            JsonNode cpt = cptsNode.get(name);
            if (cpt == null || !cpt.isObject()) {
                throw new InvalidRequestException(f, "is required: {\"parents\": [...], \"rows\": [...]}");
            }
            int[] parents = dag.parents(v);
            JsonNode rows = cpt.get("rows");
            if (rows == null || !rows.isArray()) {
                throw new InvalidRequestException(f + ".rows", "is required: one row per parent configuration");
            }
            int card = states.get(v).size();
            long rowCount = 1;
            for (int p : parents) {
                rowCount *= states.get(p).size();
            }
            if (rows.size() != rowCount) {
                throw new InvalidRequestException(f + ".rows", "has " + rows.size() + " rows but '" + name + "' has "
                        + rowCount + " parent configurations");
            }
            double[] t = new double[(int) rowCount * card];
            boolean[] filled = new boolean[(int) rowCount];
            for (int r = 0; r < rows.size(); r++) {
                String rf = f + ".rows[" + r + "]";
                JsonNode row = rows.get(r);
                if (!row.isObject()) {
                    throw new InvalidRequestException(rf, "must be {\"given\": {...}, \"probabilities\": {...}}");
                }
                JsonNode given = row.get("given");
                if (parents.length > 0 && (given == null || !given.isObject())) {
                    throw new InvalidRequestException(rf + ".given", "is required: the parents' states of this row");
                }
                int index = 0;
                for (int p : parents) {
                    String pn = dag.name(p);
                    String text = stateText(given.get(pn));
                    int s = text == null ? -1 : states.get(p).indexOf(text);
                    if (s < 0) {
                        throw new InvalidRequestException(rf + ".given." + pn, (text == null ? "is required"
                                : "unknown state '" + text + "'") + "; the states of '" + pn + "' are "
                                + String.join(", ", states.get(p)));
                    }
                    index = index * states.get(p).size() + s;
                }
                if (given != null && given.isObject()) {
                    for (Map.Entry<String, JsonNode> e : given.properties()) {
                        int u = dag.indexOf(e.getKey());
                        if (u < 0 || java.util.Arrays.stream(parents).noneMatch(p -> p == u)) {
                            throw new InvalidRequestException(rf + ".given." + e.getKey(), "'" + e.getKey()
                                    + "' is not a parent of '" + name + "'");
                        }
                    }
                }
                if (filled[index]) {
                    throw new InvalidRequestException(rf + ".given", "repeats the parent configuration of an earlier row");
                }
                filled[index] = true;
                JsonNode probabilities = row.get("probabilities");
                if (probabilities == null || !probabilities.isObject()) {
                    throw new InvalidRequestException(rf + ".probabilities", "is required: an object of state to probability");
                }
                for (Map.Entry<String, JsonNode> e : probabilities.properties()) {
                    if (!states.get(v).contains(e.getKey())) {
                        throw new InvalidRequestException(rf + ".probabilities." + e.getKey(), "unknown state '"
                                + e.getKey() + "' of '" + name + "'; its states are " + String.join(", ", states.get(v)));
                    }
                }
                double sum = 0;
                for (int s = 0; s < card; s++) {
                    String state = states.get(v).get(s);
                    JsonNode p = probabilities.get(state);
                    String pf = rf + ".probabilities." + state;
                    if (p == null || p.isNull()) {
                        throw new InvalidRequestException(pf, "is required");
                    }
                    if (!p.isNumber() || !Double.isFinite(p.doubleValue()) || p.doubleValue() < 0 || p.doubleValue() > 1) {
                        throw new InvalidRequestException(pf, "must be a probability in [0, 1], was " + p);
                    }
                    t[index * card + s] = p.doubleValue();
                    sum += p.doubleValue();
                }
                if (Math.abs(sum - 1) > BayesianNetwork.ROW_SUM_TOLERANCE) {
                    throw new InvalidRequestException(rf + ".probabilities", "sum to " + sum + "; a CPT row must sum to 1 "
                            + "within " + BayesianNetwork.ROW_SUM_TOLERANCE);
                }
            }
            cpts[v] = t;
        }
        return cpts;
    }
}
