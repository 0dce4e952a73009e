#!/usr/bin/env bash
# The benchmark harness (docs/benchmarks.md): builds the modules it needs (tests skipped), then runs
# io.github.grpcops.sample.bench.Benchmark with these arguments, e.g.
#   sample-app/bench.sh --compare bare,default --rounds 6
#   sample-app/bench.sh --config default --method ListUsers --postgres
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -q -Pbench -pl sample-app -am verify -DskipTests -Dbench.args="$*"
