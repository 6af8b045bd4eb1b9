# flow2kdd: a truncated stream still gives rows, then exit 1.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/kdd-lib.sh"
need_pipeline

kdd "$CAPS/kdd-smurf.pcap" s.csv
size=$(wc -c < s.csv.flow)
head -c $((size / 2)) s.csv.flow > half.flow
flow2kdd half.flow > half.csv 2> err
rc=$?
[ $rc = 1 ] || fail "truncated: exit $rc, want 1"
grep -q "truncated" err || fail "no truncation message"
n=$(col service half.csv | wc -l)
[ "$n" -ge 1 ] && [ "$n" -lt 20 ] || fail "rows before the cut: $n"
exit 0
