#!/usr/bin/env bash
# The test command: installs what the tests need (real etcd), then builds and runs every test.
set -euo pipefail
cd "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.."

scripts/install-test-packages.sh
mvn -B verify "$@"
