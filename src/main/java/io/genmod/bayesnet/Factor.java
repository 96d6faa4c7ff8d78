package io.genmod.bayesnet;

import io.genmod.core.UnfittableDataException;
import io.genmod.core.WorkingMemory;

/**
 * A non-negative table over discrete variables, stored as {@code values * exp(logScale)} so that long
 * products do not underflow. Variables are in ascending index order; the first varies fastest.
 * Operations follow Koller and Friedman, Probabilistic Graphical Models (2009), Algorithm 10.A.1.
 */
final class Factor {

    /** Largest intermediate table variable elimination may build (8 bytes each). */
    static final long MAX_CELLS = 1L << 25;

    final int[] vars;
    final int[] card;
    final double[] values;
    final double logScale;

    Factor(int[] vars, int[] card, double[] values, double logScale) {
        this.vars = vars;
        this.card = card;
        this.values = values;
        this.logScale = logScale;
    }

    boolean contains(int v) {
        for (int x : vars) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** The product of two factors, rescaled so its largest value is 1. */
    static Factor product(Factor a, Factor b) {
        int[] vars = new int[a.vars.length + b.vars.length];
        int[] card = new int[vars.length];
        int[] sa = new int[vars.length];
        int[] sb = new int[vars.length];
        int i = 0;
        int j = 0;
        int u = 0;
        int strideA = 1;
        int strideB = 1;
        while (i < a.vars.length || j < b.vars.length) {
            int va = i < a.vars.length ? a.vars[i] : Integer.MAX_VALUE;
            int vb = j < b.vars.length ? b.vars[j] : Integer.MAX_VALUE;
            int v = Math.min(va, vb);
            vars[u] = v;
            if (va == v) {
                card[u] = a.card[i];
                sa[u] = strideA;
                strideA *= a.card[i++];
            }
            if (vb == v) {
                card[u] = b.card[j];
                sb[u] = strideB;
                strideB *= b.card[j++];
            }
            u++;
        }
        long cells = 1;
        for (int k = 0; k < u; k++) {
            cells *= card[k];
            if (cells > MAX_CELLS) {
                throw new UnfittableDataException("variables", "exact inference would need a table of more than "
                        + MAX_CELLS + " entries; query fewer variables or give more evidence");
            }
        }
        // the product, and the posterior's copy of it when it is the last one
        WorkingMemory.check(2.0 * Double.BYTES * cells, "variables", "exact inference's table of " + cells
                + " entries", "query fewer variables or give more evidence");
        int size = (int) cells;
        double[] out = new double[size];
        int[] assignment = new int[u];
        int ia = 0;
        int ib = 0;
        double max = 0;
        for (int k = 0; k < size; k++) {
            double p = a.values[ia] * b.values[ib];
            out[k] = p;
            if (p > max) {
                max = p;
            }
            for (int l = 0; l < u; l++) {
                if (++assignment[l] < card[l]) {
                    ia += sa[l];
                    ib += sb[l];
                    break;
                }
                assignment[l] = 0;
                ia -= (card[l] - 1) * sa[l];
                ib -= (card[l] - 1) * sb[l];
            }
        }
        return rescaled(java.util.Arrays.copyOf(vars, u), java.util.Arrays.copyOf(card, u), out, max,
                a.logScale + b.logScale);
    }

    /** Sums variable {@code v} (which this factor contains) out. */
    Factor sumOut(int v) {
        int u = vars.length;
        int[] outVars = new int[u - 1];
        int[] outCard = new int[u - 1];
        int[] so = new int[u];
        int stride = 1;
        int k = 0;
        for (int l = 0; l < u; l++) {
            if (vars[l] == v) {
                so[l] = 0;
            } else {
                outVars[k] = vars[l];
                outCard[k++] = card[l];
                so[l] = stride;
                stride *= card[l];
            }
        }
        double[] out = new double[stride];
        int[] assignment = new int[u];
        int io = 0;
        for (int c = 0; c < values.length; c++) {
            out[io] += values[c];
            for (int l = 0; l < u; l++) {
                if (++assignment[l] < card[l]) {
                    io += so[l];
                    break;
                }
                assignment[l] = 0;
                io -= (card[l] - 1) * so[l];
            }
        }
        double max = 0;
        for (double x : out) {
            max = Math.max(max, x);
        }
        return rescaled(outVars, outCard, out, max, logScale);
    }

    /**
     * Keeps the entries consistent with the evidence and drops the observed variables.
     *
     * @param evidence state per variable index, -1 where unobserved. Not modified.
     */
    Factor reduce(int[] evidence) {
        int u = vars.length;
        int observed = 0;
        for (int v : vars) {
            if (evidence[v] >= 0) {
                observed++;
            }
        }
        if (observed == 0) {
            return this;
        }
        int[] outVars = new int[u - observed];
        int[] outCard = new int[u - observed];
        int[] srcStride = new int[u];
        int s = 1;
        for (int l = 0; l < u; l++) {
            srcStride[l] = s;
            s *= card[l];
        }
        int base = 0;
        int[] freeStride = new int[u - observed];
        int k = 0;
        int size = 1;
        for (int l = 0; l < u; l++) {
            int e = evidence[vars[l]];
            if (e >= 0) {
                base += e * srcStride[l];
            } else {
                outVars[k] = vars[l];
                outCard[k] = card[l];
                freeStride[k++] = srcStride[l];
                size *= card[l];
            }
        }
        double[] out = new double[size];
        int[] assignment = new int[outVars.length];
        int is = base;
        double max = 0;
        for (int c = 0; c < size; c++) {
            double x = values[is];
            out[c] = x;
            max = Math.max(max, x);
            for (int l = 0; l < outVars.length; l++) {
                if (++assignment[l] < outCard[l]) {
                    is += freeStride[l];
                    break;
                }
                assignment[l] = 0;
                is -= (outCard[l] - 1) * freeStride[l];
            }
        }
        return rescaled(outVars, outCard, out, max, logScale);
    }

    private static Factor rescaled(int[] vars, int[] card, double[] values, double max, double logScale) {
        if (max > 0 && max != 1.0) {
            double inv = 1.0 / max;
            if (Double.isFinite(inv)) {
                for (int k = 0; k < values.length; k++) {
                    values[k] *= inv;
                }
            } else { // a subnormal maximum: its inverse overflows, so divide (0 * infinity would be NaN)
                for (int k = 0; k < values.length; k++) {
                    values[k] /= max;
                }
            }
            logScale += Math.log(max);
        }
        return new Factor(vars, card, values, logScale);
    }
}
