#!/usr/bin/env bash
# Benchmark 3: planning a Kubespray upgrade over a checkout with 10, 50 and 150 release tags
# (synthetic repositories built with JGit). Goal: 150 tags under 2 s. See bench/README.md.
#
#   bench/run-kubespray-plan.sh [--rounds=5] [--tags=10,50,150]
#
# Needs Java 17 and Maven; no cluster, no git binary. Reads ../shared/fixtures/kubespray-releases.json.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

for tool in java mvn; do
  command -v "$tool" >/dev/null || { echo "run-kubespray-plan: $tool not found on PATH" >&2; exit 1; }
done

echo "[bench] building kubemagic-engine and bench (tests skipped) ..."
mvn -B -q -Dstyle.color=never -DskipTests -pl kubemagic-engine,bench -am install 2>&1 | sed 's/\x1b\[[0-9;]*m//g'

classpath_file="$root/bench/target/classpath.txt"
mvn -B -q -Dstyle.color=never -pl bench exec:exec -Dexec.executable=echo -Dexec.args='%classpath' \
  2> >(sed 's/\x1b\[[0-9;]*m//g' | grep -v '^$' >&2) \
  | sed 's/\x1b\[[0-9;]*m//g' | { grep -E '\.jar' || true; } | tail -n 1 > "$classpath_file"
classpath="$(cat "$classpath_file")"
[ -n "$classpath" ] || { echo "run-kubespray-plan: could not get the class path" >&2; exit 1; }

exec java -cp "$classpath" io.kubemagic.bench.KubesprayPlanBench "$@"
