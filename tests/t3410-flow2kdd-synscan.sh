# flow2kdd: nmap-like SYN scan (gen-kdd.py synscan): flags, serror/rerror.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/kdd-lib.sh"
need_pipeline

kdd "$CAPS/kdd-synscan.pcap" scan.csv
# Ten probes from 10.0.0.66:40000 to 10.0.0.1, 0.1 s apart, in start
# order: closed ports answer RST/ACK (REJ), open ports SYN/ACK and the
# scanner resets (RSTO), filtered ports stay silent (S0); no payload.
cat > want.flags <<'X'
1 private REJ
22 ssh RSTO
2 private REJ
111 sunrpc S0
3 private REJ
80 http RSTO
4 private REJ
113 auth S0
5 private REJ
135 private S0
X
paste -d' ' <(col dst_port scan.csv) <(col service scan.csv) \
    <(col flag scan.csv) > got.flags
same want.flags got.flags
[ "$(col src_bytes scan.csv | sort -u)" = 0 ] || fail "src_bytes not 0"
[ "$(col dst_bytes scan.csv | sort -u)" = 0 ] || fail "dst_bytes not 0"
# Row 5 (port 3): window {1,22,2,111,3}: 1 S0 of 5 = 0.20, 4 of REJ or
# RSTO = 0.80; its own service alone: srv_count 1, srv_rerror 1.00.
echo "count=5 srv_count=1 serror_rate=0.20 rerror_rate=0.80 \
srv_rerror_rate=1.00 same_srv_rate=0.20 " > want5
row 5 scan.csv count srv_count serror_rate rerror_rate srv_rerror_rate \
    same_srv_rate > got5
same want5 got5
# Row 10 (port 135, S0): all ten in 0.9 s: serror 3/10, rerror 7/10,
# same service 1/10; names {private, ssh, sunrpc, http, auth}: diff_srv
# 5/10 (kdd rule); one source port for the whole scan: same_src_port
# over the same-service set {135} = 1/1.
echo "count=10 serror_rate=0.30 rerror_rate=0.70 srv_serror_rate=1.00 \
same_srv_rate=0.10 diff_srv_rate=0.50 dst_host_count=10 \
dst_host_serror_rate=0.30 dst_host_rerror_rate=0.70 \
dst_host_same_src_port_rate=1.00 " > want10
row 10 scan.csv count serror_rate rerror_rate srv_serror_rate \
    same_srv_rate diff_srv_rate dst_host_count dst_host_serror_rate \
    dst_host_rerror_rate dst_host_same_src_port_rate > got10
same want10 got10
# --diff-srv complement: 1 - 0.10 = 0.90.
flow2kdd --diff-srv complement scan.csv.flow > comp.csv || fail complement
[ "$(col diff_srv_rate comp.csv | tail -n 1)" = 0.90 ] ||
	fail "complement diff_srv_rate"
exit 0
