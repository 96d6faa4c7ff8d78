package io.genmod.classify;

import io.genmod.core.UnfittableDataException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The classes of a classifier in sorted order (numbers ascending, strings lexicographically), each label a
 * {@link Long} or a {@link String}; class i is index i everywhere in this package.
 */
public final class ClassLabels {

    private final List<Object> classes;
    private final Map<Object, Integer> index;

    private ClassLabels(List<Object> classes) {
        this.classes = List.copyOf(classes);
        this.index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
    }

    /**
     * The sorted distinct labels of {@code labels}, all Long or all String.
     *
     * @throws IllegalArgumentException when the labels mix types or are neither Long nor String
     */
    public static ClassLabels of(List<?> labels) {
        TreeSet<Object> sorted = new TreeSet<>(ClassLabels::compare);
        sorted.addAll(labels);
        return new ClassLabels(new ArrayList<>(sorted));
    }

    /**
     * Given classes, which must be distinct and sorted.
     *
     * @throws IllegalArgumentException when they are not
     */
    public static ClassLabels ofSorted(List<?> classes) {
        for (int i = 1; i < classes.size(); i++) {
            if (compare(classes.get(i - 1), classes.get(i)) >= 0) {
                throw new IllegalArgumentException("classes must be distinct and in sorted order");
            }
        }
        return new ClassLabels(new ArrayList<>(classes));
    }

    private static int compare(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        throw new IllegalArgumentException("labels must be all integers or all strings");
    }

    /** The labels, sorted. */
    public List<Object> classes() {
        return classes;
    }

    public int size() {
        return classes.size();
    }

    public Object label(int index) {
        return classes.get(index);
    }

    /** The class index of a label, or -1 when it is not a class. */
    public int indexOf(Object label) {
        Integer i = index.get(label);
        return i == null ? -1 : i;
    }

    /** Whether these classes are integers (else strings). */
    public boolean numeric() {
        return classes.get(0) instanceof Long;
    }

    /** The class index of every label; every label must be a class. */
    public int[] encode(List<?> labels) {
        int[] y = new int[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = indexOf(labels.get(i));
            if (y[i] < 0) {
                throw new IllegalArgumentException("label " + labels.get(i) + " is not a class");
            }
        }
        return y;
    }

    /** The labels of class indices. */
    public List<Object> decode(int[] y) {
        List<Object> labels = new ArrayList<>(y.length);
        for (int v : y) {
            labels.add(classes.get(v));
        }
        return labels;
    }

    /** A label as users wrote it: strings quoted. */
    public String describe(int index) {
        Object label = classes.get(index);
        return label instanceof String ? "'" + label + "'" : label.toString();
    }

    /**
     * Points per class, checking that there are at least two classes and that each has {@code minPoints}.
     *
     * @throws UnfittableDataException (field "y") otherwise
     */
    public int[] countsAtLeast(int[] y, int minPoints) {
        if (size() < 2) {
            throw new UnfittableDataException("y", "has a single class " + describe(0)
                    + "; a classifier needs at least two classes");
        }
        int[] counts = new int[size()];
        for (int v : y) {
            counts[v]++;
        }
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] < minPoints) {
                throw new UnfittableDataException("y", "class " + describe(c) + " has " + counts[c]
                        + (counts[c] == 1 ? " point" : " points") + "; each class needs at least " + minPoints);
            }
        }
        return counts;
    }
}
