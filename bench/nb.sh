#!/usr/bin/env bash
# Naive Bayes prediction speed: bench/nb.sh N D CLASSES (defaults 1000000 64 10).
# Builds the test classes, generates N rows of D features in CLASSES classes from a fixed seed, fits diagonal
# naive Bayes and prints one line ms=<median milliseconds to predict all rows with probabilities> (details on stderr).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
D=${2:-64}
CLASSES=${3:-10}
./mvnw -q test-compile
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp
exec java -Xmx8g -cp "target/classes:target/test-classes:$(cat target/bench.cp)" io.genmod.bench.NaiveBayesBench "$N" "$D" "$CLASSES"
