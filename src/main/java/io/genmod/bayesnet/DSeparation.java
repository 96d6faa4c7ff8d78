package io.genmod.bayesnet;

import io.genmod.core.InvalidParameterException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * d-separation of variable sets by the reachability algorithm of Koller and Friedman (2009), Algorithm 3.1
 * ("Bayes ball"), extended to return one active trail when the sets are not d-separated.
 */
public final class DSeparation {

    /**
     * @param activePath an active trail from a variable of x to one of y (variable indices), empty when independent
     */
    public record Result(boolean independent, List<Integer> activePath) {
    }

    private static final int UP = 0;   // reached from a child: travelling against the edge
    private static final int DOWN = 1; // reached from a parent: travelling along the edge

    private DSeparation() {
    }

    /**
     * Whether x and y are d-separated given z.
     *
     * @throws InvalidParameterException (field "x", "y" or "given") when x or y is empty or the sets overlap
     */
    public static Result test(Dag dag, int[] x, int[] y, int[] z) {
        int n = dag.size();
        if (x.length == 0) {
            throw new InvalidParameterException("x", "must name at least one variable");
        }
        if (y.length == 0) {
            throw new InvalidParameterException("y", "must name at least one variable");
        }
        int[] set = new int[n]; // 0 none, 1 x, 2 y, 3 z
        mark(dag, set, x, 1, "x");
        mark(dag, set, y, 2, "y");
        mark(dag, set, z, 3, "given");
        boolean[] inZ = new boolean[n];
        for (int v : z) {
            inZ[v] = true;
        }
        boolean[] ancestorOfZ = dag.ancestralClosure(inZ);
        int[] previous = new int[2 * n]; // predecessor state, -1 for a start state
        boolean[] visited = new boolean[2 * n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int v : x) {
            int s = 2 * v + UP;
            visited[s] = true;
            previous[s] = -1;
            queue.add(s);
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            int v = state / 2;
            int dir = state % 2;
            if (set[v] == 2) {
                return new Result(false, simplify(trail(previous, state), set));
            }
            if (dir == UP && !inZ[v]) {
                for (int p : dag.parents(v)) {
                    visit(2 * p + UP, state, visited, previous, queue);
                }
                for (int c : dag.children(v)) {
                    visit(2 * c + DOWN, state, visited, previous, queue);
                }
            } else if (dir == DOWN) {
                if (!inZ[v]) {
                    for (int c : dag.children(v)) {
                        visit(2 * c + DOWN, state, visited, previous, queue);
                    }
                }
                if (ancestorOfZ[v]) {
                    for (int p : dag.parents(v)) {
                        visit(2 * p + UP, state, visited, previous, queue);
                    }
                }
            }
        }
        return new Result(true, List.of());
    }

    private static void mark(Dag dag, int[] set, int[] vars, int label, String field) {
        for (int v : vars) {
            if (set[v] != 0) {
                throw new InvalidParameterException(field, "'" + dag.name(v) + "' appears "
                        + (set[v] == label ? "twice" : "in more than one of x, y and given"));
            }
            set[v] = label;
        }
    }

    private static void visit(int s, int from, boolean[] visited, int[] previous, ArrayDeque<Integer> queue) {
        if (!visited[s]) {
            visited[s] = true;
            previous[s] = from;
            queue.add(s);
        }
    }

    private static List<Integer> trail(int[] previous, int state) {
        List<Integer> path = new ArrayList<>();
        for (int s = state; s >= 0; s = previous[s]) {
            path.add(0, s / 2);
        }
        return path;
    }

    /**
     * Makes the trail simple: starts it at its last x variable and drops every loop between two visits of the
     * same node. Each step keeps it active: if the joined edges at a repeated node v form a collider, the
     * trail arrived at v along an edge, and leaving v downwards it can only have come back up through a
     * collider in An(z) below v, so v is in An(z) itself.
     */
    private static List<Integer> simplify(List<Integer> path, int[] set) {
        List<Integer> p = new ArrayList<>(path);
        int start = 0;
        for (int i = 0; i < p.size(); i++) {
            if (set[p.get(i)] == 1) {
                start = i;
            }
        }
        p = new ArrayList<>(p.subList(start, p.size()));
        boolean changed = true;
        while (changed) {
            changed = false;
            outer:
            for (int i = 0; i < p.size(); i++) {
                for (int j = p.size() - 1; j > i; j--) {
                    if (p.get(i).equals(p.get(j))) {
                        p.subList(i + 1, j + 1).clear();
                        changed = true;
                        break outer;
                    }
                }
            }
        }
        return List.copyOf(p);
    }
}
