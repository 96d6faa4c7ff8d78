#!/usr/bin/python3
"""Reference bin edges from numpy's histogram_bin_edges for every rule, on several data sets, with and
without a range; plus np.histogram / np.histogramdd densities. Writes
src/test/resources/histogram/numpy_bin_edges.json. Run with /usr/bin/python3 from the repository root."""
import json
import numpy as np

rng = np.random.default_rng(7)
datasets = {
    "normal1000": rng.normal(2.0, 3.0, size=1000),
    "exponential500": rng.exponential(1.5, size=500),
    "uniform37": rng.uniform(-1.0, 4.0, size=37),
    "small5": np.array([0.5, 1.25, 1.5, 3.0, 7.75]),
    "ties200": rng.integers(0, 6, size=200).astype(float),
    "bimodal2000": np.concatenate([rng.normal(-2, 0.5, 1400), rng.normal(3, 1.0, 600)]),
    "lognormal300": rng.lognormal(0.0, 1.0, size=300),
}
rules = ["sturges", "scott", "fd", "sqrt", "rice", "doane", "stone", "auto"]
cases = []
for name, x in datasets.items():
    for rule in rules:
        for rng_ in [None, (float(np.percentile(x, 10)), float(np.percentile(x, 90)) + 0.5)]:
            if rng_ is not None and not rng_[0] < rng_[1]:
                continue
            edges = np.histogram_bin_edges(x, bins=rule, range=rng_)
            cases.append({"data": name, "bins": rule, "range": rng_, "edges": edges.tolist()})
    for bins in [1, 7, 50]:
        edges = np.histogram_bin_edges(x, bins=bins)
        counts, _ = np.histogram(x, bins=bins)
        density, _ = np.histogram(x, bins=bins, density=True)
        cases.append({"data": name, "bins": bins, "range": None, "edges": edges.tolist(),
                      "counts": counts.tolist(), "density": density.tolist()})

xy = np.column_stack([datasets["normal1000"], rng.normal(size=1000)])
h, e = np.histogramdd(xy, bins=[4, 6], density=True)
c, _ = np.histogramdd(xy, bins=[4, 6])
grid = {"x": xy.tolist(), "bins": [4, 6], "edges": [v.tolist() for v in e], "counts": c.tolist(), "density": h.tolist()}

with open("src/test/resources/histogram/numpy_bin_edges.json", "w") as f:
    json.dump({"numpy": np.__version__, "datasets": {k: v.tolist() for k, v in datasets.items()},
               "cases": cases, "grid2d": grid}, f)
