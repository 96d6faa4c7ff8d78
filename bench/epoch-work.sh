#!/usr/bin/env bash
# Usage: bench/epoch-work.sh [N D K]   (defaults 1000000 10 16, full covariances, batches of 1024)
# The CPU work of one exact mini-batch gradient epoch, run on a team of one thread (the pass and the steps with
# nothing to wait for), against one EM iteration on all cores, on bench/em.sh's data and start. Prints
# em_cpu_ms_per_iteration=... one_thread_epoch_cpu_ms=... work_over_em=... em_ms_per_iteration=...
# one_thread_epoch_ms=... (medians of three interleaved rounds); see io.genmod.mixture.EpochWorkBench.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test-compile >&2
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp >&2
exec java -Xmx8g -cp "target/classes:target/test-classes:$(cat target/bench.cp)" io.genmod.mixture.EpochWorkBench \
  "${1:-1000000}" "${2:-10}" "${3:-16}"
