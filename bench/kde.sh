#!/usr/bin/env bash
# Usage: bench/kde.sh N_TRAIN N_QUERY RELATIVE_TOLERANCE
# Scores N_QUERY points of a 2-D standard normal under a gaussian KDE (bandwidth 0.2) of N_TRAIN points
# from the same distribution (fixed seed) and prints: ms=<scoring time> mean_log_density=<mean>
# KDE_BENCH_JAVA_OPTS=-Dbench.cpu=true adds the process CPU time per run on standard error.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test-compile >&2
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp >&2
java ${KDE_BENCH_JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat target/bench.cp)" io.genmod.bench.KdeBench "${1:-20000}" "${2:-20000}" "${3:-0}"
