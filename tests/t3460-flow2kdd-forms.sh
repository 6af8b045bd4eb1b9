# flow2kdd: --pure, --features darpa29, --label, --order end, --no-caps.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/kdd-lib.sh"
need_pipeline

kdd "$CAPS/kdd-synscan.pcap" d.csv
# Default: 6 identity + 41 features + label = 48 columns, a header.
[ "$(head -n 1 d.csv | awk -F, '{ print NF }')" = 48 ] || fail "48 columns"
head -n 1 d.csv | grep -q '^conn_id,start,src_ip,src_port,dst_ip,dst_port,duration,protocol_type,service,flag,src_bytes' ||
	fail "header"
# --pure: 41 + label, no header, KDD text form.
flow2kdd --pure --label neptune. d.csv.flow > p.txt || fail pure
[ "$(awk -F, '{ print NF }' p.txt | sort -u)" = 42 ] || fail "42 fields"
head -n 1 p.txt | grep -q '^0,tcp,private,REJ,0,0,0,0,0,' || fail "pure row"
[ "$(cut -d, -f42 p.txt | sort -u)" = neptune. ] || fail "label"
# darpa29: features 1-10 and 23-41 + label = 30 fields.
flow2kdd --pure --features darpa29 d.csv.flow > p29.txt || fail darpa29
[ "$(awk -F, '{ print NF }' p29.txt | sort -u)" = 30 ] || fail "30 fields"
# Same rows with --order end here (no connection outlives another's
# start): same multiset of pure rows.
flow2kdd --pure --label neptune. --order end d.csv.flow > e.txt ||
	fail "order end"
sort p.txt > a
sort e.txt > b
same a b
flow2kdd --no-caps d.csv.flow > nc.csv || fail no-caps
same d.csv nc.csv
exit 0
