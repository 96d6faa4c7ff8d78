#!/usr/bin/env bash
# Bayesian-network benchmark: variable-elimination query latency on a 50-node network of tree-width <= 4 and
# CPT learning from 1,000,000 records of 20 variables. Prints one line of key=value figures.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test-compile
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp
java -Xmx2g -cp "target/classes:target/test-classes:$(cat target/bench.cp)" io.genmod.bench.BnBench "$@"
