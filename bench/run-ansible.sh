#!/usr/bin/env bash
# Benchmark 4: `kubemagic ansible playbook` vs plain `ansible-playbook` on the same playbook (JVM start
# included), and the lint of a 500-host inventory. See bench/README.md.
#
#   bench/run-ansible.sh [--rounds=3] [--tasks=20] [--hosts=4] [--lint-hosts=500]
#
# Options may also come from BENCH_<NAME> environment variables (BENCH_ROUNDS=5).
# Needs ansible-core, openssh-server (scripts/install-test-packages.sh), Java 17, Maven; runs as a
# user that may log in to itself over loopback (root in CI). Two sshd of its own on 127.0.0.1 and 127.0.0.2.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

for tool in ansible-playbook ssh-keygen java mvn; do
  command -v "$tool" >/dev/null || { echo "run-ansible: $tool not found on PATH (scripts/install-test-packages.sh)" >&2; exit 1; }
done
[ -x /usr/sbin/sshd ] || { echo "run-ansible: /usr/sbin/sshd not found (apt-get install openssh-server)" >&2; exit 1; }

echo "[bench] building kubemagic-engine (with its test kit), the CLI jar and bench (tests skipped) ..."
mvn -B -q -Dstyle.color=never -DskipTests -pl kubemagic-engine,kubemagic-cli,bench -am install 2>&1 | sed 's/\x1b\[[0-9;]*m//g'

classpath_file="$root/bench/target/classpath.txt"
mvn -B -q -Dstyle.color=never -pl bench exec:exec -Dexec.executable=echo -Dexec.args='%classpath' \
  | sed 's/\x1b\[[0-9;]*m//g' | grep -E '\.jar' | tail -n 1 > "$classpath_file"
classpath="$(cat "$classpath_file")"
[ -n "$classpath" ] || { echo "run-ansible: could not get the class path" >&2; exit 1; }

exec java -cp "$classpath" io.kubemagic.bench.AnsibleBench --results-dir="$root/bench/results" \
  --jar="$root/kubemagic-cli/target/kubemagic.jar" "$@"
