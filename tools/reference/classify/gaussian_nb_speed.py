#!/usr/bin/python3
"""scikit-learn's side of bench/nb.sh: GaussianNB.predict_proba on 1,000,000 rows x 64 features x 10 classes.

The data has the shape and kind of bench/nb.sh's (Gaussian classes, centres N(0, 1), scales in [0.5, 1.5)) but
not the same numbers. Run with Debian's interpreter: OMP_NUM_THREADS=2 /usr/bin/python3 gaussian_nb_speed.py
Prints one line sklearn_predict_proba_s=<seconds>.
"""
import time

import numpy as np
from sklearn.naive_bayes import GaussianNB

rng = np.random.default_rng(20261125)
n, d, k = 1_000_000, 64, 10
centres = rng.normal(size=(k, d))
scales = 0.5 + rng.random((k, d))
y = rng.integers(0, k, n)
x = centres[y] + scales[y] * rng.normal(size=(n, d))
nb = GaussianNB().fit(x, y)
start = time.perf_counter()
nb.predict_proba(x)
print("sklearn_predict_proba_s=%.2f" % (time.perf_counter() - start))
