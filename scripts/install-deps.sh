#!/bin/sh
# install-deps.sh: install (idempotently) every Debian package netfeat's
# build, tests, conformance, fuzzing and benchmarks need.
#   --if-missing   do nothing when everything is already present
set -eu

PKGS="build-essential pkg-config libpcap-dev libcsv-dev check libjansson-dev
clang libclang-rt-14-dev llvm mandoc tshark tcpdump wireshark-common
python3 python3-scapy iproute2 procps iputils-ping"

present() {
	for h in /usr/include/pcap/pcap.h /usr/include/csv.h \
	    /usr/include/check.h /usr/include/jansson.h; do
		[ -f "$h" ] || return 1
	done
	for t in cc pkg-config clang tshark mergecap tcpdump mandoc \
	    /usr/bin/python3 ip; do
		command -v "$t" >/dev/null 2>&1 || return 1
	done
	/usr/bin/python3 -c 'import scapy' 2>/dev/null || return 1
	return 0
}

if [ "${1:-}" = "--if-missing" ] && present; then
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "install-deps.sh: missing packages and not root; install:" >&2
	echo "  $PKGS" | tr '\n' ' ' >&2
	echo >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer no.
echo "wireshark-common wireshark-common/install-setuid boolean false" |
	debconf-set-selections 2>/dev/null || true
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $PKGS >/dev/null
present || { echo "install-deps.sh: packages installed but a tool is" \
    "still missing" >&2; exit 1; }
