#!/usr/bin/env bash
# The main job on an embedded default: a real local 3-member etcd with a tiny quota is filled until
# etcd raises the NOSPACE alarm ("mvcc: database space exceeded"), then `kubemagic etcd defrag`
# recovers it and prints the before/after table. Everything runs on 127.0.0.1 and is removed after.
set -euo pipefail
cd "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.."

scripts/install-test-packages.sh
if [[ ! -f kubemagic-cli/target/kubemagic.jar ]]; then
    echo "building the kubemagic CLI ..." >&2
    mvn -B -q -DskipTests -pl kubemagic-cli -am package
fi
exec bin/kubemagic demo etcd-quota "$@"
