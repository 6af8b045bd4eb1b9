# Usage, --help, --version, bad options, -i errors, terminal refusal.
. "$NF_TESTDIR/lib.sh"
pcap2pkt --help >h.txt || fail "--help exit"
grep -q '^usage: pcap2pkt ' h.txt || fail "--help text"
pcap2pkt --version >v.txt || fail "--version"
grep -q '^pcap2pkt (netfeat) ' v.txt || fail "version text"
expect_exit 2 pcap2pkt --bogus 2>e.txt >/dev/null
grep -q '^usage: ' e.txt || fail "usage on stderr"
expect_exit 2 pcap2pkt -c 0 -r "$CAPS/p2p-basic.pcap" 2>/dev/null >/dev/null
expect_exit 2 pcap2pkt -c x -r "$CAPS/p2p-basic.pcap" 2>/dev/null >/dev/null
expect_exit 2 pcap2pkt -P 70000 -r "$CAPS/p2p-basic.pcap" 2>/dev/null >/dev/null
expect_exit 2 pcap2pkt -i eth0 -r "$CAPS/p2p-basic.pcap" 2>/dev/null >/dev/null
# A device that does not exist: exit 1, naming it (never a real capture
# here: the live test has its own namespaces).
expect_exit 1 pcap2pkt -i nf-no-such-if0 2>e.txt >/dev/null
grep -q "cannot capture on 'nf-no-such-if0'" e.txt || fail "-i message: $(cat e.txt)"
expect_exit 2 pcap2pkt -i lo --tick 0 2>/dev/null >/dev/null
expect_exit 2 pcap2pkt -i lo -s x 2>/dev/null >/dev/null
pktdump --help >h.txt || fail "pktdump --help"
grep -q '^usage: pktdump ' h.txt || fail "pktdump --help text"
expect_exit 2 pktdump --bogus 2>/dev/null
expect_exit 2 pktdump a b 2>/dev/null
# Binary output to a terminal is refused (script gives us a pty).
if command -v script >/dev/null; then
	script -qec "pcap2pkt -q -r '$CAPS/p2p-basic.pcap'" /dev/null \
	    >tty.txt 2>&1
	rc=$?
	[ $rc = 1 ] || fail "terminal: exit $rc"
	grep -q 'terminal' tty.txt || fail "terminal message: $(cat tty.txt)"
	grep -q 'pktdump' tty.txt || fail "terminal hint"
fi
exit 0
