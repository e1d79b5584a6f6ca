#!/usr/bin/env bash
# Benchmark 1: defragmenting a 3-member etcd cluster under a steady client write load,
# Kube Magic's DefragRunner vs `etcdctl defrag --cluster`. See bench/README.md.
#
#   bench/run-etcd-defrag.sh [--rounds=3] [--prefill-mib=80] [--rate=50] [...]
#
# Options may also come from BENCH_<NAME> environment variables (BENCH_ROUNDS=2).
# Needs /usr/bin/etcd and /usr/bin/etcdctl (apt-get install etcd-server etcd-client), Java 17, Maven.
# Results: a table per round and a summary on stdout, all data in bench/results/etcd-defrag-<timestamp>.json.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

for tool in etcd etcdctl java mvn; do
  command -v "$tool" >/dev/null || { echo "run-etcd-defrag: $tool not found on PATH" >&2; exit 1; }
done

echo "[bench] building kubemagic-engine and bench (tests skipped) ..."
mvn -B -q -Dstyle.color=never -DskipTests -pl kubemagic-engine,bench -am install 2>&1 | sed 's/\x1b\[[0-9;]*m//g'

# The runtime class path, from the exec plugin the root pom manages; the benchmark then runs in
# a JVM of its own, without Maven beside it.
classpath_file="$root/bench/target/classpath.txt"
mvn -B -q -Dstyle.color=never -pl bench exec:exec -Dexec.executable=echo -Dexec.args='%classpath' \
  2> >(sed 's/\x1b\[[0-9;]*m//g' | grep -v '^$' >&2) \
  | sed 's/\x1b\[[0-9;]*m//g' | { grep -E '\.jar' || true; } | tail -n 1 > "$classpath_file"
classpath="$(cat "$classpath_file")"
[ -n "$classpath" ] || { echo "run-etcd-defrag: could not get the class path" >&2; exit 1; }

echo "[bench] results go to $root/bench/results/ (etcd-defrag-<timestamp>.json)"
exec java -cp "$classpath" io.kubemagic.bench.EtcdDefragBench --results-dir="$root/bench/results" "$@"
