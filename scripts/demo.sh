#!/bin/sh
# demo.sh: show netfeat on a small bundled capture.
#   demo.sh BUILDDIR
# Decodes tests/captures/p2p-basic.pcap with pcap2pkt and prints the record
# stream with pktdump (text, then CSV).  The whole pipeline (flows, CIC and
# KDD features, labels) is added here as its stages land.
set -e
B=${1:?usage: demo.sh BUILDDIR}
top=$(cd "$(dirname "$0")/.." && pwd)
case "$B" in /*) ;; *) B=$top/$B ;; esac
cap=$top/tests/captures/p2p-basic.pcap
bin=$B/bin
tmp=$(mktemp -d "${TMPDIR:-/tmp}/netfeat-demo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "== pcap2pkt -r $(basename "$cap") | pktdump -v"
"$bin/pcap2pkt" -r "$cap" >"$tmp/pkt.bin"
"$bin/pktdump" -v "$tmp/pkt.bin"
echo
echo "== pktdump --csv (first columns)"
"$bin/pktdump" --csv "$tmp/pkt.bin" | cut -d, -f1-12
