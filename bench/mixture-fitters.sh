#!/usr/bin/env bash
# Same data, same start: EM, full-batch and mini-batch gradient ascent and variational Bayes; iterations and
# milliseconds each needs to reach EM's mean log-likelihood within 1e-3. Usage: bench/mixture-fitters.sh N D K COVARIANCE
# With "speed" first (bench/mixture-fitters.sh speed N D K COVARIANCE): milliseconds per iteration of EM, variational
# Bayes and a mini-batch (1024) gradient epoch on the same data, in one JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test-compile
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
CP="target/classes:target/test-classes:$(cat target/bench.cp)"
if [ "${1:-}" = speed ]; then
  exec java -Xmx4g -cp "$CP" io.genmod.bench.MixtureFittersBench speed "${2:-1000000}" "${3:-5}" "${4:-5}" "${5:-full}"
fi
exec java -Xmx4g -cp "$CP" io.genmod.bench.MixtureFittersBench "${1:-100000}" "${2:-5}" "${3:-5}" "${4:-full}" "${5:-1}"
