#!/usr/bin/python3
"""Reference EM fits from scikit-learn's GaussianMixture, started from given weights, means and precisions.

Run with Debian's python3-sklearn:  /usr/bin/python3 tools/reference/mixture/em_reference.py
Writes src/test/resources/mixture/em-reference.json. Most cases run a fixed number of EM iterations
(tol=0, so scikit-learn never stops early) so that the Java fitter can run exactly the same number of
M-steps; the cases named .../tol stop on scikit-learn's default tolerance 1e-3 instead and also record
n_iter_, which the Java fitter must reproduce. The expected values are scikit-learn's weights_, means_,
covariances_ (compact shape of the type) and score(X), the mean log-likelihood at the returned parameters.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

warnings.simplefilter("ignore", ConvergenceWarning)
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "src", "test", "resources", "mixture", "em-reference.json")
REG_COVAR = 1e-6


def datasets():
    rng = np.random.default_rng(20261125)
    a = np.vstack([
        rng.normal([0, 0], [1.0, 0.5], size=(150, 2)),
        rng.multivariate_normal([3, 1], [[1.0, 0.6], [0.6, 1.0]], size=120),
        rng.normal([-2, 3], [0.7, 1.2], size=(130, 2)),
    ])
    cov = np.array([[2.0, 0.8, 0.3, 0.0], [0.8, 1.5, -0.4, 0.2], [0.3, -0.4, 1.0, 0.1], [0.0, 0.2, 0.1, 0.5]])
    b = np.vstack([
        rng.multivariate_normal([0, 0, 0, 0], cov, size=260),
        rng.multivariate_normal([2, -1, 1, 3], 0.5 * np.eye(4), size=240),
    ])
    c = np.concatenate([rng.normal(-1.0, 0.6, 180), rng.normal(2.0, 1.1, 220)]).reshape(-1, 1) + 100.0
    return [("clusters-2d", a, 3), ("correlated-4d", b, 2), ("offset-1d", c, 2)]


def initial(x, k, rng):
    d = x.shape[1]
    weights = rng.dirichlet(np.full(k, 5.0))
    means = x[rng.choice(len(x), size=k, replace=False)] + rng.normal(0, 0.3, size=(k, d))
    spread = np.cov(x.T).reshape(d, d)
    full = []
    for j in range(k):
        a = rng.normal(0, 0.3, size=(d, d))
        full.append(spread + a @ a.T)
    return weights, means, np.array(full)


def constrained(full, kind):
    """Initial covariances that respect the type, as full k x d x d matrices, and sklearn's precisions_init."""
    k, d, _ = full.shape
    if kind == "full":
        cov = full
        prec = np.array([np.linalg.inv(c) for c in cov])
    elif kind == "tied":
        cov = np.array([full[0]] * k)
        prec = np.linalg.inv(full[0])
    elif kind == "diag":
        cov = np.array([np.diag(np.diag(c)) for c in full])
        prec = np.array([1.0 / np.diag(c) for c in full])
    else:
        s = np.array([np.trace(c) / d for c in full])
        cov = np.array([v * np.eye(d) for v in s])
        prec = 1.0 / s
    return cov, prec


def main():
    rng = np.random.default_rng(7)
    cases = []
    for name, x, k in datasets():
        weights, means, full = initial(x, k, rng)
        for kind in ["full", "tied", "diag", "spherical"]:
            cov, prec = constrained(full, kind)
            for iterations, tol in [(1, 0.0), (100, 0.0), (100, 1e-3)]:
                gm = GaussianMixture(n_components=k, covariance_type=kind, tol=tol, reg_covar=REG_COVAR,
                                     max_iter=iterations, weights_init=weights, means_init=means,
                                     precisions_init=prec, random_state=0)
                gm.fit(x)
                case = {
                    "name": f"{name}/{kind}/{iterations}" + ("/tol" if tol > 0 else ""),
                    "covarianceType": kind,
                    "components": k,
                    "maxIterations": iterations,
                    "regularization": REG_COVAR,
                    "x": x.tolist(),
                    "initialWeights": weights.tolist(),
                    "initialMeans": means.tolist(),
                    "initialCovariances": cov.tolist(),
                    "weights": gm.weights_.tolist(),
                    "means": gm.means_.tolist(),
                    "covariances": np.asarray(gm.covariances_).tolist(),
                    "meanLogLikelihood": float(gm.score(x)),
                }
                if tol > 0:
                    case["tolerance"] = tol
                    case["iterations"] = int(gm.n_iter_)
                    case["converged"] = bool(gm.converged_)
                cases.append(case)
    with open(OUT, "w") as f:
        json.dump({"generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}", "cases": cases}, f)


if __name__ == "__main__":
    main()
