#!/usr/bin/python3
"""Reference values for naive Bayes (issue 6): scikit-learn's GaussianNB on iris, wine and breast-cancer.

Run with Debian's interpreter from the repository root:
    /usr/bin/python3 tools/reference/classify/gaussian_nb.py
It writes the data sets as CSV (features..., label) and one keyed CSV per case,
gaussian-nb-<case>.csv, all under src/test/resources/classify/: every line is a key followed by
numbers (classes, classPrior, epsilon, theta.<class>, var.<class>, predictions, proba.<row>,
jll.<row>); lines starting with # are comments. Each case fits on the whole data set and predicts
the same rows.
"""
import os

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer, load_iris, load_wine
from sklearn.naive_bayes import GaussianNB

OUT = os.path.join("src", "test", "resources", "classify")

DATASETS = {"iris": load_iris, "wine": load_wine, "breast-cancer": load_breast_cancer}

# name, data set, GaussianNB keyword arguments
CASES = [
    ("iris", "iris", {}),
    ("wine", "wine", {}),
    ("breast-cancer", "breast-cancer", {}),
    ("iris-smoothing-0.01", "iris", {"var_smoothing": 1e-2}),
    ("wine-priors", "wine", {"priors": [0.5, 0.3, 0.2]}),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    data = {}
    for name, loader in DATASETS.items():
        bunch = loader()
        x, y = bunch.data.astype(float), bunch.target.astype(int)
        data[name] = (x, y)
        with open(os.path.join(OUT, name + ".csv"), "w") as f:
            for row, label in zip(x, y):
                f.write(",".join(repr(float(v)) for v in row) + "," + str(int(label)) + "\n")
    for name, dataset, kwargs in CASES:
        x, y = data[dataset]
        nb = GaussianNB(**kwargs).fit(x, y)
        lines = ["# GaussianNB(%s) on %s; sklearn %s, numpy %s" % (kwargs, dataset, sklearn.__version__, np.__version__),
                 key("dataset", [dataset]),
                 key("varSmoothing", [kwargs.get("var_smoothing", 1e-9)]),
                 key("classes", [int(c) for c in nb.classes_]),
                 key("classPrior", nb.class_prior_),
                 key("epsilon", [nb.epsilon_])]
        if kwargs.get("priors") is not None:
            lines.append(key("priors", kwargs["priors"]))
        lines += [key("theta.%d" % i, row) for i, row in enumerate(nb.theta_)]
        lines += [key("var.%d" % i, row) for i, row in enumerate(nb.var_)]
        lines.append(key("predictions", [int(c) for c in nb.predict(x)]))
        lines += [key("proba.%d" % i, row) for i, row in enumerate(nb.predict_proba(x))]
        lines += [key("jll.%d" % i, row) for i, row in enumerate(nb._joint_log_likelihood(x))]
        with open(os.path.join(OUT, "gaussian-nb-%s.csv" % name), "w") as f:
            f.write("\n".join(lines) + "\n")


def key(name, values):
    return ",".join([name] + [v if isinstance(v, str) else repr(v if isinstance(v, int) else float(v)) for v in values])

if __name__ == "__main__":
    main()
