# pktdump: --help, --version, usage errors, not a stream, SIGPIPE.
. "$NF_TESTDIR/lib.sh"
pktdump --help >h.txt || fail "--help"
grep -q '^usage: pktdump \[-vx\] \[--csv\] \[FILE\]$' h.txt || fail "usage"
pktdump --version | grep -q '^pktdump (netfeat) ' || fail "--version"
expect_exit 2 pktdump --nope 2>/dev/null
expect_exit 1 pktdump "$CAPS/p2p-basic.pcap" 2>e.txt
grep -q 'magic' e.txt || fail "not-a-stream message: $(cat e.txt)"
expect_exit 1 pktdump missing.bin 2>e.txt
grep -q "missing.bin" e.txt || fail "missing file message"
# SIGPIPE: quiet.
set -- ; for i in $(seq 100); do set -- "$@" -r "$CAPS/p2p-basic.pcap"; done
pcap2pkt -q "$@" >big.bin || fail "pcap2pkt"
pktdump big.bin 2>p.err | head -n 1 >/dev/null
rc=${PIPESTATUS[0]}
[ $rc = 141 ] || [ $rc = 0 ] || fail "SIGPIPE: exit $rc"
[ ! -s p.err ] || fail "SIGPIPE message: $(cat p.err)"
exit 0
