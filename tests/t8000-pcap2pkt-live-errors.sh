# pcap2pkt live-capture errors and device listing (no traffic is sent;
# the end-to-end live test is make check-live).
. "$NF_TESTDIR/lib.sh"

# -D lists devices like tcpdump -D: "N.name ... [flags]", loopback
# included, at most one marked (auto), and never a loopback one.
pcap2pkt -D > dev.txt || fail "-D"
grep -Eq '^[0-9]+\.lo ' dev.txt || fail "-D: no lo: $(cat dev.txt)"
[ "$(grep -c '(auto)$' dev.txt)" -le 1 ] || fail "-D: several (auto)"
! grep '(auto)$' dev.txt | grep -q Loopback || fail "-D: loopback is auto"

# Without the capability: a clear message naming CAP_NET_RAW, exit 1.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	expect_exit 1 setpriv --reuid=65534 --regid=65534 --clear-groups \
	    --inh-caps=-all --bounding-set=-all \
	    "$NF_BIN/pcap2pkt" -i lo 2>e.txt >/dev/null
	grep -q 'CAP_NET_RAW' e.txt || fail "no capability hint: $(cat e.txt)"
	grep -q "'lo'" e.txt || fail "device not named: $(cat e.txt)"
fi

# -Z with a user that does not exist: refused after opening, exit 1.
if [ "$(id -u)" = 0 ]; then
	expect_exit 1 pcap2pkt -q -i lo -Z nf-no-such-user -c 1 \
	    2>e.txt >/dev/null
	grep -q "no user 'nf-no-such-user'" e.txt ||
	    fail "-Z message: $(cat e.txt)"
fi
exit 0
