#!/usr/bin/env bash
# The start-up benchmark (docs/benchmarks.md): builds the modules it needs (tests skipped), builds the
# getting-started application from docs/getting-started.md and a plain net.devh variant of it, then starts
# each configuration in turn, e.g.
#   getting-started/startup-bench.sh --rounds 5
#   getting-started/startup-bench.sh --rounds 5 --jar before=/path/to/an/older/greeter.jar
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -q -Pstartup-bench -pl getting-started -am verify -DskipTests -Dstartup.args="$*"
