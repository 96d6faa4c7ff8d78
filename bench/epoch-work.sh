#!/usr/bin/env bash
# Usage: bench/epoch-work.sh [N D K BATCH]   (defaults 1000000 10 16 1024, full covariances)
# CPU work of one exact mini-batch gradient epoch against one EM pass on bench/em.sh's data: prints
# em_pass_cpu_ms=... batch_sweep_cpu_ms=... steps_cpu_ms=... epoch_work_over_em_pass=... em_pass_ms=...
# (medians over interleaved rounds). The sweep and the steps run on one thread, so their CPU time is the work an
# epoch cannot avoid whatever its schedule; see io.genmod.mixture.EpochWorkBench.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test-compile >&2
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp >&2
exec java -Xmx8g -cp "target/classes:target/test-classes:$(cat target/bench.cp)" io.genmod.mixture.EpochWorkBench \
  "${1:-1000000}" "${2:-10}" "${3:-16}" "${4:-1024}"
