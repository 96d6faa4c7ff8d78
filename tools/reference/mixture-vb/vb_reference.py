#!/usr/bin/python3
"""Reference variational fits from scikit-learn's BayesianGaussianMixture, started from given responsibilities.

Run with Debian's python3-sklearn:  /usr/bin/python3 tools/reference/mixture-vb/vb_reference.py
Writes src/test/resources/mixture-vb/vb-reference.json. The initial responsibilities (random rows summing to 1)
(stored once per data set under "data") are passed to scikit-learn by overriding _initialize_parameters, which then runs exactly `maxIterations`
iterations (tol=0 never stops early). Expected values are weights_, means_, covariances_ (compact shape of
the type), lower_bound_ and the Dirichlet (or Beta) posterior concentrations.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import BayesianGaussianMixture

warnings.simplefilter("ignore", ConvergenceWarning)
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "src", "test", "resources", "mixture-vb",
                   "vb-reference.json")
REG_COVAR = 1e-6
PRIORS = {"dirichlet-distribution": "dirichlet_distribution", "dirichlet-process": "dirichlet_process"}


class GivenStart(BayesianGaussianMixture):
    """BayesianGaussianMixture whose initial responsibilities are given instead of drawn."""

    def __init__(self, initial_resp=None, **kwargs):
        super().__init__(**kwargs)
        self.initial_resp = initial_resp

    def _initialize_parameters(self, X, random_state):
        self._initialize(X, self.initial_resp)


def datasets():
    rng = np.random.default_rng(20261125)
    a = np.vstack([
        rng.normal([0, 0], [1.0, 0.5], size=(150, 2)),
        rng.multivariate_normal([3, 1], [[1.0, 0.6], [0.6, 1.0]], size=120),
        rng.normal([-2, 3], [0.7, 1.2], size=(130, 2)),
    ])
    cov = np.array([[2.0, 0.8, 0.3], [0.8, 1.5, -0.4], [0.3, -0.4, 1.0]])
    b = np.vstack([
        rng.multivariate_normal([0, 0, 0], cov, size=160),
        rng.multivariate_normal([4, -2, 1], 0.5 * np.eye(3), size=140),
    ]) + np.array([10.0, -5.0, 0.0])
    return rng, [("clusters-2d", a, 5), ("shifted-3d", b, 4)]


def main():
    rng, sets = datasets()
    cases = []
    data = {}
    for name, x, k in sets:
        n, d = x.shape
        resp = rng.random((n, k))
        resp /= resp.sum(axis=1, keepdims=True)
        data[name] = {"x": x.tolist(), "responsibilities": resp.tolist()}
        for cov_type in ["full", "tied", "diag", "spherical"]:
            for prior in PRIORS:
                for custom in [False, True]:
                    kwargs = dict(n_components=k, covariance_type=cov_type, weight_concentration_prior_type=PRIORS[prior],
                                  reg_covar=REG_COVAR, max_iter=40, tol=0.0, init_params="random")
                    params = {}
                    if custom:
                        psi = np.diag(np.arange(1, d + 1) * 0.5) + 0.1
                        compact = {"full": psi, "tied": psi, "diag": np.diag(psi), "spherical": float(np.mean(np.diag(psi)))}
                        params = {"weightConcentration": 0.5, "meanPrecisionPrior": 2.0,
                                  "degreesOfFreedomPrior": d + 1.5, "covariancePrior": psi.tolist()}
                        kwargs.update(weight_concentration_prior=0.5, mean_precision_prior=2.0,
                                      degrees_of_freedom_prior=d + 1.5, covariance_prior=compact[cov_type])
                    model = GivenStart(initial_resp=resp, **kwargs).fit(x)
                    wc = model.weight_concentration_
                    cases.append({
                        "name": f"{name}-{cov_type}-{prior}" + ("-custom" if custom else ""),
                        "covarianceType": cov_type,
                        "weightPrior": prior,
                        "components": k,
                        "maxIterations": model.n_iter_,
                        "regularization": REG_COVAR,
                        "params": params,
                        "data": name,
                        "weights": model.weights_.tolist(),
                        "means": model.means_.tolist(),
                        "covariances": np.asarray(model.covariances_).tolist(),
                        "lowerBound": float(model.lower_bound_),
                        "weightConcentration": [np.asarray(c).tolist() for c in wc] if isinstance(wc, tuple)
                        else [np.asarray(wc).tolist()],
                    })
    with open(OUT, "w") as f:
        json.dump({"generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}", "data": data, "cases": cases}, f)


if __name__ == "__main__":
    main()
