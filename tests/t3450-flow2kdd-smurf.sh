# flow2kdd: smurf-like echo replies: one record per ICMP message.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/kdd-lib.sh"
need_pipeline

kdd "$CAPS/kdd-smurf.pcap" s.csv
# 20 echo replies (1024 data bytes + 8 header = 1032) from 20 sources to
# 10.0.0.99 within 0.95 s: 20 rows; row i has count = srv_count = i.
[ "$(col service s.csv | wc -l)" = 20 ] || fail "want 20 rows"
for c in protocol_type service flag duration src_bytes dst_bytes; do
	col $c s.csv | sort -u
done | tr "\n" " " > got; echo >> got
echo "icmp ecr_i SF 0 1032 0 " > want
same want got
echo "count=20 srv_count=20 same_srv_rate=1.00 srv_diff_host_rate=0.00 \
dst_host_count=20 dst_host_same_src_port_rate=1.00 " > want20
row 20 s.csv count srv_count same_srv_rate srv_diff_host_rate \
    dst_host_count dst_host_same_src_port_rate > got20
same want20 got20
# --host-window 5: dst_host_count stops at 5; --time-window 0.5: the
# last row (0.95 s) sees the replies at 0.45..0.95 s = 11 (the window
# [t - 0.5, t] is closed at both ends).
flow2kdd --host-window 5 --time-window 0.5 s.csv.flow > w.csv || fail opts
echo "count=11 dst_host_count=5 " > wantw
row 20 w.csv count dst_host_count > gotw
same wantw gotw
exit 0
