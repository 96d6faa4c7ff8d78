package io.genmod.bayesnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genmod.core.InvalidParameterException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * d-separation against its meaning: for CPTs drawn at random (faithful with probability 1), X and Y are
 * d-separated given Z exactly when the enumerated joint factorises as P(x, y, z) P(z) = P(x, z) P(y, z).
 */
class DSeparationTest {

    /** Largest |P(x,y,z)P(z) - P(x,z)P(y,z)| taken as exact factorisation (rounding only). */
    private static final double FACTORISES = 1e-12;
    /** Smallest violation accepted as a genuine dependence. */
    private static final double DEPENDENT = 1e-7;

    @Test
    void agreesWithFactorisationOfTheJointOnRandomDags() {
        SplittableRandom random = new SplittableRandom(2026);
        int independent = 0;
        int dependent = 0;
        for (int trial = 0; trial < 600; trial++) {
            int n = 3 + random.nextInt(5);
            Dag dag = Networks.randomDag(n, 0.45, 3, random);
            BayesianNetwork net = Networks.randomNetwork(dag, 3, random);
            double[] joint = Networks.joint(net);
            int[] perm = Networks.permutation(n, random);
            int nx = 1 + random.nextInt(Math.min(2, n - 2));
            int ny = 1 + random.nextInt(Math.min(2, n - nx - 1));
            int nz = random.nextInt(n - nx - ny + 1);
            int[] x = Arrays.copyOfRange(perm, 0, nx);
            int[] y = Arrays.copyOfRange(perm, nx, nx + ny);
            int[] z = Arrays.copyOfRange(perm, nx + ny, nx + ny + nz);
            DSeparation.Result result = DSeparation.test(dag, x, y, z);
            double violation = violation(net, joint, x, y, z);
            if (result.independent()) {
                independent++;
                assertThat(violation).as("trial %d: d-separated but the joint does not factorise", trial)
                        .isLessThan(FACTORISES);
                assertThat(result.activePath()).isEmpty();
            } else {
                dependent++;
                assertThat(violation).as("trial %d: d-connected but the joint factorises", trial)
                        .isGreaterThan(DEPENDENT);
                assertActiveTrail(dag, result.activePath(), x, y, z);
            }
        }
        assertThat(independent).isGreaterThan(100);
        assertThat(dependent).isGreaterThan(100);
    }

    @Test
    void johnAndJaneAreDependentThroughTheTrafficJamUntilItIsKnown() {
        Dag dag = Factorisation.parse("P(T) P(John|T) P(Jane|T)");
        int t = dag.indexOf("T");
        int john = dag.indexOf("John");
        int jane = dag.indexOf("Jane");
        DSeparation.Result marginal = DSeparation.test(dag, new int[] {john}, new int[] {jane}, new int[0]);
        assertThat(marginal.independent()).isFalse();
        assertThat(marginal.activePath()).containsExactly(john, t, jane);
        assertThat(DSeparation.test(dag, new int[] {john}, new int[] {jane}, new int[] {t}).independent()).isTrue();
    }

    @Test
    void smokingAndAsbestosAreIndependentUntilCancerIsKnown() {
        Dag dag = Factorisation.parse("P(S)P(A)P(C|S,A)");
        int s = dag.indexOf("S");
        int a = dag.indexOf("A");
        int c = dag.indexOf("C");
        assertThat(DSeparation.test(dag, new int[] {s}, new int[] {a}, new int[0]).independent()).isTrue();
        DSeparation.Result given = DSeparation.test(dag, new int[] {s}, new int[] {a}, new int[] {c});
        assertThat(given.independent()).isFalse();
        assertThat(given.activePath()).containsExactly(s, c, a);
    }

    @Test
    void observedDescendantOfAColliderActivatesIt() {
        Dag dag = Factorisation.parse("P(S)P(A)P(C|S,A)P(X|C)");
        DSeparation.Result r = DSeparation.test(dag, new int[] {dag.indexOf("S")}, new int[] {dag.indexOf("A")},
                new int[] {dag.indexOf("X")});
        assertThat(r.independent()).isFalse();
        assertThat(r.activePath()).containsExactly(dag.indexOf("S"), dag.indexOf("C"), dag.indexOf("A"));
    }

    @Test
    void overlappingOrEmptySetsAreRejected() {
        Dag dag = Factorisation.parse("P(a)P(b|a)P(c|b)");
        assertThatThrownBy(() -> DSeparation.test(dag, new int[] {0}, new int[] {0}, new int[0]))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("more than one");
        assertThatThrownBy(() -> DSeparation.test(dag, new int[0], new int[] {1}, new int[0]))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> DSeparation.test(dag, new int[] {0}, new int[] {1}, new int[] {1}))
                .isInstanceOf(InvalidParameterException.class);
    }

    /** max over x, y, z of |P(x,y,z)P(z) - P(x,z)P(y,z)|, each set's states enumerated jointly. */
    private static double violation(BayesianNetwork net, double[] joint, int[] x, int[] y, int[] z) {
        int sx = size(net, x);
        int sy = size(net, y);
        int sz = size(net, z);
        double[] pxyz = new double[sx * sy * sz];
        for (int k = 0; k < joint.length; k++) {
            int ix = code(net, k, x);
            int iy = code(net, k, y);
            int iz = code(net, k, z);
            pxyz[(ix * sy + iy) * sz + iz] += joint[k];
        }
        double worst = 0;
        for (int iz = 0; iz < sz; iz++) {
            double pz = 0;
            for (int ix = 0; ix < sx; ix++) {
                for (int iy = 0; iy < sy; iy++) {
                    pz += pxyz[(ix * sy + iy) * sz + iz];
                }
            }
            for (int ix = 0; ix < sx; ix++) {
                double pxz = 0;
                for (int iy = 0; iy < sy; iy++) {
                    pxz += pxyz[(ix * sy + iy) * sz + iz];
                }
                for (int iy = 0; iy < sy; iy++) {
                    double pyz = 0;
                    for (int jx = 0; jx < sx; jx++) {
                        pyz += pxyz[(jx * sy + iy) * sz + iz];
                    }
                    worst = Math.max(worst, Math.abs(pxyz[(ix * sy + iy) * sz + iz] * pz - pxz * pyz));
                }
            }
        }
        return worst;
    }

    private static int size(BayesianNetwork net, int[] vars) {
        int s = 1;
        for (int v : vars) {
            s *= net.cardinality(v);
        }
        return s;
    }

    private static int code(BayesianNetwork net, int k, int[] vars) {
        int c = 0;
        for (int v : vars) {
            c = c * net.cardinality(v) + Networks.stateOf(net, k, v);
        }
        return c;
    }

    /** Checks the definition of an active trail given z (Koller and Friedman 2009, Definition 3.6). */
    private static void assertActiveTrail(Dag dag, List<Integer> path, int[] x, int[] y, int[] z) {
        assertThat(path).hasSizeGreaterThanOrEqualTo(2);
        assertThat(new HashSet<>(path)).as("simple trail").hasSize(path.size());
        assertThat(Arrays.stream(x).boxed().toList()).contains(path.get(0));
        assertThat(Arrays.stream(y).boxed().toList()).contains(path.get(path.size() - 1));
        Set<Integer> inZ = new HashSet<>(Arrays.stream(z).boxed().toList());
        for (int i = 0; i + 1 < path.size(); i++) {
            assertThat(isParent(dag, path.get(i), path.get(i + 1)) || isParent(dag, path.get(i + 1), path.get(i)))
                    .as("adjacent").isTrue();
        }
        for (int i = 1; i + 1 < path.size(); i++) {
            int b = path.get(i);
            boolean collider = isParent(dag, path.get(i - 1), b) && isParent(dag, path.get(i + 1), b);
            if (collider) {
                assertThat(hasDescendantIn(dag, b, inZ)).as("collider %s has a descendant in z", b).isTrue();
            } else {
                assertThat(inZ).as("non-collider %s not in z", b).doesNotContain(b);
            }
        }
    }

    private static boolean isParent(Dag dag, int p, int c) {
        return Arrays.stream(dag.parents(c)).anyMatch(q -> q == p);
    }

    private static boolean hasDescendantIn(Dag dag, int v, Set<Integer> z) {
        if (z.contains(v)) {
            return true;
        }
        for (int c : dag.children(v)) {
            if (hasDescendantIn(dag, c, z)) {
                return true;
            }
        }
        return false;
    }
}
