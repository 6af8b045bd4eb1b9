# t9800: scripts/demo.sh (make demo) exits 0 and every section it prints
# has a table header and at least one row; the demo capture is what its
# generator makes.
. "$NF_TESTDIR/lib.sh"
B=$(dirname "$NF_BIN")

sh "$NF_TOP/scripts/demo.sh" "$B" >out 2>err || fail "demo.sh exit $?: $(cat err)"
[ -s err ] && fail "demo.sh wrote to stderr: $(cat err)"
# Lines after each "== " heading up to the next blank line.
awk '/^== / { h = $0; n[h] = 0; order[++k] = h; next }
    /^$/ { h = ""; next }
    h != "" && !/^\(/ { n[h]++ }
    END { for (i = 1; i <= k; i++) print n[order[i]] "\t" order[i] }' out >counts
[ "$(wc -l <counts)" = 6 ] || fail "expected 6 sections: $(cat counts)"
while IFS='	' read -r c h; do
	[ "$c" -ge 2 ] || fail "section without rows: $h"
done <counts
for s in Packets CICFlowMeter "KDD Cup" "Flow table" Alerts Labeled; do
	grep "^== $s" out >/dev/null || fail "no section $s"
done
# The telnet flow carries its alert's label; the table is aligned.
grep '^10\.0\.0\.66  *42000  *10\.0\.0\.23  *23  *DEMO TELNET root login  *1000001' \
    out >/dev/null || fail "telnet flow not labeled"
grep '^src_ip  *dst_ip  *service  *flag ' out >/dev/null || fail "kdd table"

# The bundled capture is what gen-demo.py writes.
need_scapy
cp "$CAPS/gen-demo.py" .
$PY gen-demo.py || fail "gen-demo.py"
cmp demo-mixed.pcap "$CAPS/demo-mixed.pcap" || fail "demo capture differs"
exit 0
