#!/usr/bin/env bash
# Usage: bench/em.sh N D K COVARIANCE [FITTER]
# Times mixture-fitter iterations (after an untimed k-means++ initialisation and two untimed warm-up fits)
# on data drawn from a fixed seed and prints one line: ms_per_iteration=<number> mean_log_likelihood=<number>
# cpu_ms_per_iteration=<number> fit_ms_per_iteration=<number>. ms_per_iteration times the iterations alone
# (first to last iteration reported); fit_ms_per_iteration divides the whole fit, one-time work included.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 4 ]; then
  echo "usage: bench/em.sh N D K full|tied|diag|spherical [em|gradient|variational]" >&2
  exit 2
fi
./mvnw -q test-compile >&2
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp >&2
exec java -Xmx8g -cp "target/classes:target/test-classes:$(cat target/bench.cp)" io.genmod.bench.EmBench "$@"
