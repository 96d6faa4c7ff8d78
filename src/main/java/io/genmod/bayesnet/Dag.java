package io.genmod.bayesnet;

import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A directed acyclic graph over named variables. Variables are indexed in declaration order; each
 * variable's parents keep the order they were given in (it fixes the row order of its CPT).
 */
public final class Dag {

    private final String[] names;
    private final int[][] parents;
    private final int[][] children;
    private final Map<String, Integer> index;
    private final int[] topologicalOrder;

    private Dag(String[] names, int[][] parents) {
        this.names = names;
        this.parents = parents;
        this.index = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            index.put(names[i], i);
        }
        List<List<Integer>> ch = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            ch.add(new ArrayList<>());
        }
        for (int v = 0; v < names.length; v++) {
            for (int p : parents[v]) {
                ch.get(p).add(v);
            }
        }
        this.children = new int[names.length][];
        for (int i = 0; i < names.length; i++) {
            children[i] = ch.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        this.topologicalOrder = canonicalOrder();
    }

    /**
     * Builds a DAG from a map of each variable to its parents (iteration order = variable order).
     *
     * @throws InvalidParameterException (field "parents.&lt;name&gt;") for an undeclared or repeated parent;
     *                                   (field "parents") for no variables
     * @throws UnfittableDataException   when the graph has a cycle, naming it (field "parents", or
     *                                   "parents.&lt;name&gt;" for a variable that is its own parent)
     */
    public static Dag of(Map<String, List<String>> parentsByName) {
        if (parentsByName.isEmpty()) {
            throw new InvalidParameterException("parents", "must declare at least one variable");
        }
        String[] names = parentsByName.keySet().toArray(String[]::new);
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null || names[i].isBlank()) {
                throw new InvalidParameterException("parents", "variable names must not be blank");
            }
            idx.put(names[i], i);
        }
        int[][] parents = new int[names.length][];
        for (int v = 0; v < names.length; v++) {
            List<String> ps = parentsByName.get(names[v]);
            parents[v] = new int[ps.size()];
            for (int j = 0; j < ps.size(); j++) {
                String p = ps.get(j);
                Integer pi = idx.get(p);
                String field = "parents." + names[v];
                if (pi == null) {
                    throw new InvalidParameterException(field, "parent '" + p + "' is not a declared variable");
                }
                if (pi == v) {
                    throw new UnfittableDataException(field, "the graph has a cycle: '" + p + "' is its own parent; "
                            + "a Bayesian network must be acyclic");
                }
                for (int k = 0; k < j; k++) {
                    if (parents[v][k] == pi) {
                        throw new InvalidParameterException(field, "parent '" + p + "' is listed twice");
                    }
                }
                parents[v][j] = pi;
            }
        }
        List<Integer> cycle = findCycle(parents);
        if (cycle != null) {
            throw new UnfittableDataException("parents", "the graph has a cycle: " + describe(names, cycle)
                    + "; a Bayesian network must be acyclic");
        }
        return new Dag(names, parents);
    }

    /** A cycle as a list of variables v0, v1, ..., v0 where each is a parent of the next, or null. */
    static List<Integer> findCycle(int[][] parents) {
        int n = parents.length;
        int[] colour = new int[n];
        for (int s = 0; s < n; s++) {
            if (colour[s] != 0) {
                continue;
            }
            // Iterative DFS along parent edges; a grey node reached again closes a cycle.
            int[] stack = new int[n];
            int[] pos = new int[n];
            int top = 0;
            stack[0] = s;
            colour[s] = 1;
            while (top >= 0) {
                int v = stack[top];
                if (pos[top] < parents[v].length) {
                    int p = parents[v][pos[top]++];
                    if (colour[p] == 1) {
                        List<Integer> cycle = new ArrayList<>();
                        int i = top;
                        while (stack[i] != p) {
                            i--;
                        }
                        // stack[i..top] follows parent edges: child -> parent; report parent -> child order.
                        for (int k = top; k >= i; k--) {
                            cycle.add(stack[k]);
                        }
                        cycle.add(0, p);
                        return cycle;
                    }
                    if (colour[p] == 0) {
                        colour[p] = 1;
                        stack[++top] = p;
                        pos[top] = 0;
                    }
                } else {
                    colour[v] = 2;
                    top--;
                }
            }
        }
        return null;
    }

    static String describe(String[] names, List<Integer> cycle) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cycle.size(); i++) {
            if (i > 0) {
                b.append(" -> ");
            }
            b.append(names[cycle.get(i)]);
        }
        return b.toString();
    }

    /** Kahn's algorithm taking, among the ready variables, the smallest name first: the same order for any declaration order. */
    private int[] canonicalOrder() {
        int n = names.length;
        int[] remaining = new int[n];
        PriorityQueue<Integer> ready = new PriorityQueue<>((a, b) -> names[a].compareTo(names[b]));
        for (int v = 0; v < n; v++) {
            remaining[v] = parents[v].length;
            if (remaining[v] == 0) {
                ready.add(v);
            }
        }
        int[] order = new int[n];
        int k = 0;
        while (!ready.isEmpty()) {
            int v = ready.poll();
            order[k++] = v;
            for (int c : children[v]) {
                if (--remaining[c] == 0) {
                    ready.add(c);
                }
            }
        }
        return order;
    }

    public int size() {
        return names.length;
    }

    public String name(int v) {
        return names[v];
    }

    public List<String> names() {
        return List.of(names);
    }

    /** Index of a variable, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /** Parents of {@code v} in CPT order. The returned array must not be modified. */
    public int[] parents(int v) {
        return parents[v];
    }

    /** Children of {@code v}. The returned array must not be modified. */
    public int[] children(int v) {
        return children[v];
    }

    /** Parents before children; ties broken by name, so it does not depend on declaration order. */
    public int[] topologicalOrder() {
        return topologicalOrder.clone();
    }

    /** Variable to parent names, in variable order. */
    public Map<String, List<String>> parentMap() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int v = 0; v < names.length; v++) {
            m.put(names[v], Arrays.stream(parents[v]).mapToObj(p -> names[p]).toList());
        }
        return m;
    }

    /** Ancestors of the marked variables, the marked ones included. {@code marked} is not modified. */
    public boolean[] ancestralClosure(boolean[] marked) {
        boolean[] in = marked.clone();
        int[] stack = new int[names.length];
        int top = 0;
        for (int v = 0; v < names.length; v++) {
            if (in[v]) {
                stack[top++] = v;
            }
        }
        while (top > 0) {
            int v = stack[--top];
            for (int p : parents[v]) {
                if (!in[p]) {
                    in[p] = true;
                    stack[top++] = p;
                }
            }
        }
        return in;
    }

    /** The factorisation string in canonical topological order, e.g. {@code P(a)P(b|a)P(c|a,b)}. */
    public String factorisation() {
        StringBuilder b = new StringBuilder();
        for (int v : topologicalOrder) {
            b.append("P(").append(names[v]);
            for (int j = 0; j < parents[v].length; j++) {
                b.append(j == 0 ? '|' : ',').append(names[parents[v][j]]);
            }
            b.append(')');
        }
        return b.toString();
    }

    /** Graphviz DOT: one node statement per variable and one edge per parent, in canonical order. */
    public String dot() {
        StringBuilder b = new StringBuilder("digraph {\n");
        for (int v : topologicalOrder) {
            b.append("  ").append(quote(names[v])).append(";\n");
        }
        for (int v : topologicalOrder) {
            for (int p : parents[v]) {
                b.append("  ").append(quote(names[p])).append(" -> ").append(quote(names[v])).append(";\n");
            }
        }
        return b.append("}\n").toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
