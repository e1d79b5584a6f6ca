#!/usr/bin/env bash
# Benchmark 2: scanning 20 images (real Distribution registry, Clair API simulator) with bounded
# concurrency vs one after another, and HTTP requests per image vs the API's minimum. See bench/README.md.
#
#   bench/run-clair.sh [--images=20] [--concurrency=20] [--index-delay-ms=400] [--api=v4|v2]
#
# Options may also come from BENCH_<NAME> environment variables (BENCH_IMAGES=10).
# Needs docker-registry, skopeo and umoci (scripts/install-test-packages.sh), Java 17, Maven.
# Results: a table on stdout, all data in bench/results/clair-scan-<timestamp>.json.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

for tool in docker-registry skopeo umoci java mvn; do
  command -v "$tool" >/dev/null || { echo "run-clair: $tool not found on PATH (scripts/install-test-packages.sh)" >&2; exit 1; }
done

echo "[bench] building kubemagic-engine (with its test kit) and bench (tests skipped) ..."
mvn -B -q -Dstyle.color=never -DskipTests -pl kubemagic-engine,bench -am install 2>&1 | sed 's/\x1b\[[0-9;]*m//g'

classpath_file="$root/bench/target/classpath.txt"
mvn -B -q -Dstyle.color=never -pl bench exec:exec -Dexec.executable=echo -Dexec.args='%classpath' \
  | sed 's/\x1b\[[0-9;]*m//g' | grep -E '\.jar' | tail -n 1 > "$classpath_file"
classpath="$(cat "$classpath_file")"
[ -n "$classpath" ] || { echo "run-clair: could not get the class path" >&2; exit 1; }

exec java -cp "$classpath" io.kubemagic.bench.ClairScanBench --results-dir="$root/bench/results" "$@"
