#!/usr/bin/python3
"""scikit-learn's side of bench/kde.sh: score_samples time on 2-D standard-normal data (N_TRAIN train,
N_QUERY queries, gaussian kernel, bandwidth 0.2). Not the same random numbers as the Java bench, the same
distribution. Usage: /usr/bin/python3 tools/reference/kde/sklearn_bench.py N_TRAIN N_QUERY RTOL"""
import sys
import time
import numpy as np
from sklearn.neighbors import KernelDensity

n_train, n_query, rtol = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
rng = np.random.default_rng(42)
train, query = rng.normal(size=(n_train, 2)), rng.normal(size=(n_query, 2))
kde = KernelDensity(kernel="gaussian", bandwidth=0.2, rtol=rtol).fit(train)
t0 = time.perf_counter()
ld = kde.score_samples(query)
print(f"ms={1000 * (time.perf_counter() - t0):.1f} mean_log_density={ld.mean():.10f}")
