#!/usr/bin/env bash
# Same data, same start: EM, full-batch and mini-batch gradient ascent and variational Bayes; iterations and
# milliseconds each needs to reach EM's mean log-likelihood within 1e-3. Usage: bench/mixture-fitters.sh N D K COVARIANCE
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test-compile
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
exec java -Xmx4g -cp "target/classes:target/test-classes:$(cat target/bench.cp)" io.genmod.bench.MixtureFittersBench \
  "${1:-100000}" "${2:-5}" "${3:-5}" "${4:-full}" "${5:-1}"
