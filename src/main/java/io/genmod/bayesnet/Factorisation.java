package io.genmod.bayesnet;

import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a factorisation such as {@code P(a)P(b|a)P(c|b)P(d|b)} or {@code p(x1, x2, x3) = p(x3|x2) p(x2|x1) p(x1)}
 * into a {@link Dag}. Grammar: an optional joint {@code P(v, ...) =}, then factors {@code P(child)} or
 * {@code P(child|parent, ...)} separated by nothing, spaces or {@code *}. A name is any run of characters other
 * than whitespace and {@code ( ) | , * =}. Positions in messages are 1-based character positions.
 */
public final class Factorisation {

    /** The field that errors are reported under. */
    public static final String FIELD = "factorisation";

    private final String text;
    private int pos;

    private Factorisation(String text) {
        this.text = text;
    }

    /**
     * @throws InvalidParameterException (field "factorisation") when the string does not parse, a variable has
     *                                   two factors or a parent has no factor
     * @throws UnfittableDataException   (field "factorisation") when the factors form a cycle
     */
    public static Dag parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidParameterException(FIELD, "must be a non-empty string such as P(a)P(b|a)");
        }
        return new Factorisation(text).parseAll();
    }

    private record Factor(List<String> head, List<String> given, List<Integer> givenPositions, int position) {
    }

    private Dag parseAll() {
        List<Factor> factors = new ArrayList<>();
        Factor joint = null;
        skipSpace();
        Factor first = factor();
        skipSpace();
        if (peek() == '=') {
            if (!first.given().isEmpty()) {
                throw error(first.position(), "the joint on the left of '=' must not have a '|'");
            }
            joint = first;
            pos++;
        } else {
            factors.add(first);
        }
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                break;
            }
            if (peek() == '*') {
                pos++;
                skipSpace();
            }
            factors.add(factor());
        }
        if (factors.isEmpty()) {
            throw error(pos, "expected at least one factor after '='");
        }
        Map<String, Factor> byChild = new LinkedHashMap<>();
        for (Factor f : factors) {
            if (f.head().size() != 1) {
                throw error(f.position(), "a factor must have exactly one variable before '|', found "
                        + f.head().size() + " (" + String.join(", ", f.head()) + ")");
            }
            String child = f.head().get(0);
            Factor previous = byChild.put(child, f);
            if (previous != null) {
                throw error(f.position(), "variable '" + child + "' has a second factor; its first is at position "
                        + (previous.position() + 1));
            }
        }
        Map<String, List<String>> parents = new LinkedHashMap<>();
        for (Factor f : factors) {
            String child = f.head().get(0);
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < f.given().size(); j++) {
                String p = f.given().get(j);
                int at = f.givenPositions().get(j);
                if (!byChild.containsKey(p)) {
                    throw error(at, "parent '" + p + "' of '" + child + "' has no factor P(" + p + "|...)");
                }
                if (p.equals(child)) {
                    throw new UnfittableDataException(FIELD, "at position " + (at + 1) + ": '" + child
                            + "' is conditioned on itself, a cycle; a Bayesian network must be acyclic");
                }
                if (!seen.add(p)) {
                    throw error(at, "parent '" + p + "' is listed twice");
                }
            }
            parents.put(child, f.given());
        }
        if (joint != null) {
            Set<String> declared = new HashSet<>(joint.head());
            if (!declared.equals(byChild.keySet()) || declared.size() != joint.head().size()) {
                throw error(joint.position(), "the joint lists " + joint.head() + " but the factors are for "
                        + byChild.keySet());
            }
        }
        String[] names = parents.keySet().toArray(String[]::new);
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            idx.put(names[i], i);
        }
        int[][] pa = new int[names.length][];
        for (int v = 0; v < names.length; v++) {
            pa[v] = parents.get(names[v]).stream().mapToInt(idx::get).toArray();
        }
        List<Integer> cycle = Dag.findCycle(pa);
        if (cycle != null) {
            StringBuilder where = new StringBuilder();
            for (int k = 1; k < cycle.size(); k++) {
                Factor f = byChild.get(names[cycle.get(k)]);
                where.append(k > 1 ? ", " : "").append(text, f.position(), end(f.position()))
                        .append(" at position ").append(f.position() + 1);
            }
            throw new UnfittableDataException(FIELD, "the factors form a cycle " + Dag.describe(names, cycle)
                    + " (" + where + "); a Bayesian network must be acyclic");
        }
        return Dag.of(parents);
    }

    private int end(int start) {
        int e = text.indexOf(')', start);
        return e < 0 ? text.length() : e + 1;
    }

    private Factor factor() {
        int start = pos;
        char c = peek();
        if (c != 'P' && c != 'p') {
            throw error(pos, pos >= text.length() ? "expected a factor P(...) but the string ended"
                    : "expected a factor P(...) but found '" + c + "'");
        }
        pos++;
        skipSpace();
        expect('(');
        List<String> head = new ArrayList<>();
        List<String> given = new ArrayList<>();
        List<Integer> givenPositions = new ArrayList<>();
        head.add(name());
        skipSpace();
        while (peek() == ',') {
            pos++;
            head.add(name());
            skipSpace();
        }
        if (peek() == '|') {
            pos++;
            while (true) {
                skipSpace();
                givenPositions.add(pos);
                given.add(name());
                skipSpace();
                if (peek() != ',') {
                    break;
                }
                pos++;
            }
        }
        skipSpace();
        expect(')');
        return new Factor(head, given, givenPositions, start);
    }

    private String name() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && !isDelimiter(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error(pos, pos >= text.length() ? "expected a variable name but the string ended"
                    : "expected a variable name but found '" + text.charAt(pos) + "'");
        }
        return text.substring(start, pos);
    }

    private static boolean isDelimiter(char c) {
        return Character.isWhitespace(c) || c == '(' || c == ')' || c == '|' || c == ',' || c == '*' || c == '=';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error(pos, pos >= text.length() ? "expected '" + c + "' but the string ended"
                    : "expected '" + c + "' but found '" + text.charAt(pos) + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private InvalidParameterException error(int at, String message) {
        return new InvalidParameterException(FIELD, "at position " + (at + 1) + ": " + message);
    }
}
