#!/usr/bin/env bash
# Installs the real parts the tests and the demo run against (Debian packages), once per machine.
set -euo pipefail

packages=(etcd-server etcd-client docker-registry skopeo umoci apache2-utils ansible-core openssh-server openssh-client)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
    sudo="sudo"
fi
echo "installing ${missing[*]} (Debian packages) ..." >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
