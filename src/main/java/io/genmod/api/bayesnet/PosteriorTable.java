package io.genmod.api.bayesnet;

import io.genmod.bayesnet.BayesianNetwork;
import io.genmod.bayesnet.VariableElimination;
import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The entries of a posterior table, each made when it is read (as the answer is written), so that a large table
 * costs its probabilities and not a map per assignment.
 */
final class PosteriorTable extends AbstractList<QueryResponse.Entry> implements RandomAccess {

    private final BayesianNetwork net;
    private final VariableElimination.Posterior posterior;

    PosteriorTable(BayesianNetwork net, VariableElimination.Posterior posterior) {
        this.net = net;
        this.posterior = posterior;
    }

    @Override
    public QueryResponse.Entry get(int index) {
        int[] variables = posterior.variables();
        int[] cardinalities = posterior.cardinalities();
        String[] states = new String[variables.length];
        int rest = index;
        // odometer order, the last variable fastest
        for (int k = variables.length - 1; k >= 0; k--) {
            states[k] = net.states(variables[k]).get(rest % cardinalities[k]);
            rest /= cardinalities[k];
        }
        Map<String, String> assignment = new LinkedHashMap<>();
        for (int k = 0; k < variables.length; k++) {
            assignment.put(net.dag().name(variables[k]), states[k]);
        }
        return new QueryResponse.Entry(assignment, posterior.probabilities()[index]);
    }

    @Override
    public int size() {
        return posterior.probabilities().length;
    }
}
