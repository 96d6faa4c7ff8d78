#!/usr/bin/python3
"""Reference log-densities from scikit-learn's KernelDensity (rtol=0, atol=0) for every kernel in 1, 2 and 3
dimensions. Queries within 1e-6 (relative) of the edge of a compact kernel's support are redrawn: there
1 - r/h is a difference of nearly equal numbers and its rounding, not the method, decides the answer. Writes src/test/resources/kde/sklearn_score_samples.json. Run with /usr/bin/python3 (Debian's
python3-sklearn) from the repository root."""
import json
import numpy as np
import sklearn
from sklearn.neighbors import KernelDensity

rng = np.random.default_rng(20261125)
cases = []
for kernel in ["gaussian", "epanechnikov", "tophat", "exponential", "linear", "cosine"]:
    for d, h in [(1, 0.4), (2, 0.7), (3, 1.1)]:
        train = rng.normal(size=(150, d)) * np.linspace(1.0, 2.0, d)
        queries = rng.normal(size=(40, d)) * 1.5
        for i in range(len(queries)):
            while np.min(np.abs(np.linalg.norm(train - queries[i], axis=1) / h - 1)) < 1e-6:
                queries[i] = rng.normal(size=d) * 1.5
        if kernel in ("gaussian", "exponential"):
            queries[0] = 12.0  # far from every point: log-space sums must not underflow
        kde = KernelDensity(kernel=kernel, bandwidth=h, rtol=0, atol=0).fit(train)
        # scikit-learn's log-space bounds leave residues such as -36 where the true density is 0 (every
        # training point at least h away from the query of a compact kernel): flag those rows
        outside = [bool(kernel not in ("gaussian", "exponential")
                        and np.min(np.linalg.norm(train - q, axis=1)) >= h) for q in queries]
        cases.append({"kernel": kernel, "dimension": d, "bandwidth": h, "outsideSupport": outside,
                      "train": train.tolist(), "queries": queries.tolist(),
                      "logDensity": [None if not np.isfinite(v) else float(v) for v in kde.score_samples(queries)]})
with open("src/test/resources/kde/sklearn_score_samples.json", "w") as f:
    json.dump({"sklearn": sklearn.__version__, "cases": cases}, f)
