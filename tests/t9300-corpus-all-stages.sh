# t9300: every file of tests/captures (corrupt ones and the generators
# included: anything is input) through every stage, each run bounded by
# timeout: no signal deaths, no hangs, exit 0 or 1 only, and pcap2pkt's
# output is always a complete stream (see robustlib.sh).
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/robustlib.sh"

[ -x "$NF_BIN/pcap2pkt" ] || skip "pcap2pkt not built yet"
[ -d "$CAPS" ] || skip "no tests/captures"
n=0
for f in "$CAPS"/*; do
	[ -f "$f" ] || continue
	through_all "$f"
	n=$((n + 1))
done
if [ -s "$RB_PROBLEMS" ]; then
	cat "$RB_PROBLEMS"
	fail "$(wc -l <"$RB_PROBLEMS") problems in $n files"
fi
echo "$n files through every stage"
