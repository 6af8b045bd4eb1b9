# flow2kdd: telnet with two failed logins, then a success (content features).
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/kdd-lib.sh"
need_pipeline

kdd "$CAPS/kdd-telnet.pcap" t.csv
# gen-kdd.py telnet: "Login incorrect" twice, then "Last login:" and a
# "$ " prompt; user alice (neither host nor guest); client bytes
# 3 (IAC WILL) + 7 + 8 + 7 + 8 + 7 + 8 + 4 + 6 = 58.
echo "service=telnet flag=SF src_bytes=58 num_failed_logins=2 \
logged_in=1 num_shells=1 root_shell=0 su_attempted=0 is_host_login=0 \
is_guest_login=0 num_outbound_cmds=0 " > want
row 1 t.csv service flag src_bytes num_failed_logins logged_in num_shells \
    root_shell su_attempted is_host_login is_guest_login \
    num_outbound_cmds > got
same want got
# Without payload snippets: one warning, content features 0.
pcap2pkt -q -r "$CAPS/kdd-telnet.pcap" | pkt2flow > np.flow ||
	fail "pipeline without -P"
flow2kdd np.flow > np.csv 2> err || fail "flow2kdd without payload"
grep -c "content features" err | grep -qx 1 || fail "no single warning"
[ "$(col num_failed_logins np.csv)" = 0 ] || fail "content without payload"
[ "$(col src_bytes np.csv)" = 58 ] || fail "bytes need no payload"
exit 0
