#!/usr/bin/python3
"""scikit-learn's time per EM iteration on data shaped like bench/em.sh's (same n, d, k, covariance type; the
data come from numpy, not from the Java generator). Prints one line like bench/em.sh.

    /usr/bin/python3 tools/reference/mixture/bench_sklearn.py 1000000 10 16 full
"""
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

warnings.simplefilter("ignore", ConvergenceWarning)


def data(n, d, k, rng):
    means = rng.uniform(-5, 5, size=(k, d))
    factors = np.tril(rng.normal(0, 0.3, size=(k, d, d)), -1) + np.stack([np.diag(0.5 + rng.uniform(size=d)) for _ in range(k)])
    labels = rng.integers(0, k, size=n)
    e = rng.normal(size=(n, d))
    return means[labels] + np.einsum("nab,nb->na", factors[labels], e)


def fit_seconds(x, k, kind, iterations, start):
    gm = GaussianMixture(n_components=k, covariance_type=kind, max_iter=iterations, tol=0.0,
                         weights_init=start.weights_, means_init=start.means_, precisions_init=start.precisions_)
    t = time.perf_counter()
    gm.fit(x)
    return time.perf_counter() - t, gm


def main():
    n, d, k, kind = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    x = data(n, d, k, np.random.default_rng(20261125))
    start = GaussianMixture(n_components=k, covariance_type=kind, max_iter=1, init_params="random_from_data",
                            random_state=1).fit(x[:100_000])
    t1, _ = fit_seconds(x, k, kind, 1, start)
    t11, gm = fit_seconds(x, k, kind, 11, start)
    print(f"ms_per_iteration={(t11 - t1) / 10 * 1000:.1f} mean_log_likelihood={gm.score(x):.9f}")


if __name__ == "__main__":
    main()
