package io.genmod.kde;

/**
 * A kd-tree over points stored column-wise ({@code coords[k][i]}, reordered so that every node covers a
 * contiguous range), with a bounding box per node. Splits the widest side at the median (Bentley 1975;
 * Friedman, Bentley and Finkel 1977). Immutable after construction.
 */
final class KdTree {

    final int d;
    final int n;
    /** Coordinates by dimension, in tree order. */
    final double[][] coords;
    /** Original row of the point at each tree position. */
    final int[] index;
    final int[] start;
    final int[] end;
    /** Child nodes, -1 for a leaf. */
    final int[] left;
    final int[] right;
    /** Box of node j: lo[j * d + k], hi[j * d + k]. */
    final double[] lo;
    final double[] hi;
    final int nodes;
    /** Points in the largest leaf (above the leaf size where many points coincide). */
    final int maxLeaf;

    /**
     * @param rows points (already scaled). Not modified.
     * @param leafSize the largest number of points in a leaf
     */
    KdTree(double[][] rows, int leafSize) {
        this.n = rows.length;
        this.d = rows[0].length;
        this.index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        int capacity = 2 * Math.max(1, (2 * n) / Math.max(1, leafSize) + 1) + 1;
        int[] s = new int[capacity];
        int[] e = new int[capacity];
        int[] l = new int[capacity];
        int[] r = new int[capacity];
        double[] bl = new double[capacity * d];
        double[] bh = new double[capacity * d];
        int count = 0;
        // iterative construction with an explicit stack of node ids
        int[] stack = new int[capacity];
        int top = 0;
        s[0] = 0;
        e[0] = n;
        count = 1;
        stack[top++] = 0;
        while (top > 0) {
            int node = stack[--top];
            int from = s[node];
            int to = e[node];
            int widest = 0;
            double width = -1;
            for (int k = 0; k < d; k++) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = from; i < to; i++) {
                    double v = rows[index[i]][k];
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                bl[node * d + k] = min;
                bh[node * d + k] = max;
                if (max - min > width) {
                    width = max - min;
                    widest = k;
                }
            }
            if (to - from <= leafSize || width <= 0) {
                l[node] = -1;
                r[node] = -1;
                continue;
            }
            int mid = (from + to) >>> 1;
            select(rows, from, to - 1, mid, widest);
            if (count + 2 > s.length) {
                int grown = s.length * 2;
                s = java.util.Arrays.copyOf(s, grown);
                e = java.util.Arrays.copyOf(e, grown);
                l = java.util.Arrays.copyOf(l, grown);
                r = java.util.Arrays.copyOf(r, grown);
                bl = java.util.Arrays.copyOf(bl, grown * d);
                bh = java.util.Arrays.copyOf(bh, grown * d);
                stack = java.util.Arrays.copyOf(stack, grown);
            }
            int a = count++;
            int b = count++;
            s[a] = from;
            e[a] = mid;
            s[b] = mid;
            e[b] = to;
            l[node] = a;
            r[node] = b;
            stack[top++] = b;
            stack[top++] = a;
        }
        this.nodes = count;
        int largest = 0;
        for (int node = 0; node < count; node++) {
            if (l[node] < 0) {
                largest = Math.max(largest, e[node] - s[node]);
            }
        }
        this.maxLeaf = largest;
        this.start = s;
        this.end = e;
        this.left = l;
        this.right = r;
        this.lo = bl;
        this.hi = bh;
        this.coords = new double[d][n];
        for (int i = 0; i < n; i++) {
            double[] row = rows[index[i]];
            for (int k = 0; k < d; k++) {
                coords[k][i] = row[k];
            }
        }
    }

    boolean leaf(int node) {
        return left[node] < 0;
    }

    /** Quickselect on index[from..to] by coordinate k so that position kth holds its order statistic. */
    private void select(double[][] rows, int from, int to, int kth, int k) {
        while (to > from) {
            double pivot = rows[index[(from + to) >>> 1]][k];
            int i = from;
            int j = to;
            while (i <= j) {
                while (rows[index[i]][k] < pivot) {
                    i++;
                }
                while (rows[index[j]][k] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = index[i];
                    index[i] = index[j];
                    index[j] = t;
                    i++;
                    j--;
                }
            }
            if (kth <= j) {
                to = j;
            } else if (kth >= i) {
                from = i;
            } else {
                return;
            }
        }
    }

    /** Smallest squared distance between the box of node a of tree {@code p} and node b of this tree. */
    double minSquaredDistance(KdTree p, int a, int b) {
        double sum = 0;
        for (int k = 0; k < d; k++) {
            double gap = Math.max(p.lo[a * d + k] - hi[b * d + k], lo[b * d + k] - p.hi[a * d + k]);
            if (gap > 0) {
                sum += gap * gap;
            }
        }
        return sum;
    }

    /** Largest squared distance between the box of node a of tree {@code p} and node b of this tree. */
    double maxSquaredDistance(KdTree p, int a, int b) {
        double sum = 0;
        for (int k = 0; k < d; k++) {
            double span = Math.max(p.hi[a * d + k] - lo[b * d + k], hi[b * d + k] - p.lo[a * d + k]);
            sum += span * span;
        }
        return sum;
    }
}
