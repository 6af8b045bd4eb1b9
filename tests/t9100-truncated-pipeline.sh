# t9100: an upstream stage killed with SIGKILL mid-stream.  Each stage
# reading the cut stream says "truncated stream at offset N" (N checked
# against the bytes it got), still writes what it has (flows ended
# "truncated"), and exits 1.  Expected counts come from streamstat, which
# counts the records of the cut stream independently of the stages.
. "$NF_TESTDIR/lib.sh"

for p in pcap2pkt pkt2flow; do
	[ -x "$NF_BIN/$p" ] || skip "$p not built yet"
done
CUT=1000003	# odd: always inside a record

"$NF_TOOLS/gencap" -n 200000 --seed 9100 -w mix.pcap || fail "gencap"

# killcut OUT CMD...: run CMD writing into a FIFO, read CUT bytes of its
# output into OUT, then SIGKILL it while it is blocked on the full pipe
# (fd 3 keeps the FIFO open, so it cannot exit on EPIPE first).
killcut() {
	out=$1; shift
	rm -f fifo && mkfifo fifo || fail "mkfifo"
	"$@" >fifo 2>killed.err &
	pid=$!
	exec 3<fifo
	head -c $CUT <&3 >"$out"
	sleep 0.2
	kill -9 $pid
	wait $pid
	st=$?
	exec 3<&-
	[ $st = 137 ] || fail "'$*' was not killed mid-stream (status $st)"
	[ "$(wc -c <"$out")" = $CUT ] || fail "short cut of '$*'"
}

# truncmsg ERRFILE: the message names an offset N; a record cut after K
# bytes is reported at its start, so N + K must be CUT (or N = CUT when the
# cut fell between records).
truncmsg() {
	grep -q "truncated stream at offset" "$1" ||
	    fail "no 'truncated stream at offset' in $1: $(cat "$1")"
	sed -n 's/.*truncated stream at offset \([0-9]*\).*, \([0-9]*\) read.*/\1 \2/p;
	    s/.*truncated stream at offset \([0-9]*\).*without END.*/\1 0/p' \
	    "$1" | head -n 1 >off.txt
	read -r n k <off.txt || fail "cannot parse offset in $(cat "$1")"
	[ $((n + k)) = $CUT ] || fail "offset $n + $k read != $CUT bytes"
}

# count FILE KEY: a streamstat figure.
count() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }

# 1. pcap2pkt killed: pkt2flow reads the cut PKT stream.
killcut pkt.cut pcap2pkt -r mix.pcap
expect_exit 1 "$NF_TOOLS/streamstat" pkt.cut >pkt.ss 2>/dev/null
pkts=$(count pkt.ss pkt)
[ "$pkts" -gt 1000 ] || fail "only $pkts packets before the cut"
expect_exit 1 pkt2flow pkt.cut >flows.out 2>pkt2flow.err
truncmsg pkt2flow.err
expect_exit 0 "$NF_TOOLS/streamstat" flows.out >flows.ss
[ "$(count flows.ss pkt)" = "$pkts" ] ||
    fail "pkt2flow wrote $(count flows.ss pkt) of $pkts packets"
[ "$(count flows.ss pkt_tagged)" = "$pkts" ] || fail "untagged packets"
[ "$(count flows.ss flow_begin)" = "$(count flows.ss flow_end)" ] ||
    fail "pkt2flow left flows without FLOW_END"
[ "$(count flows.ss flow_end.truncated)" -gt 0 ] ||
    fail "no flow ended 'truncated'"

# 2. pkt2flow killed: each feature stage reads the cut tagged stream.
pcap2pkt -r mix.pcap 2>/dev/null >pkt.full || fail "pcap2pkt"
killcut tagged.cut pkt2flow pkt.full
expect_exit 1 "$NF_TOOLS/streamstat" tagged.cut >tagged.ss 2>/dev/null
nbegin=$(count tagged.ss flow_begin)
nend=$(count tagged.ss flow_end)
[ "$nbegin" -gt "$nend" ] || fail "no flow open at the cut"
nrun=0
for s in flow2csv flow2cic flow2kdd; do
	[ -x "$NF_BIN/$s" ] || { echo "note: $s not built, not tested"; continue; }
	nrun=$((nrun + 1))
	expect_exit 1 $s tagged.cut >$s.csv 2>$s.err
	truncmsg $s.err
	rows=$(($(wc -l <$s.csv) - 1))
	# One row per flow begun before the cut; flow2kdd: one per TCP or
	# UDP flow and one per ICMP message (kdd.md), other protocols none.
	want=$nbegin
	if [ $s = flow2kdd ]; then
		pktdump --csv tagged.cut >tagged.csv 2>/dev/null
		want=$(awk -F, '($1 == "flow_begin" && ($10 == 6 ||
		    $10 == 17)) || ($1 == "pkt" && ($10 == 1 || $10 == 58))' \
		    tagged.csv | wc -l)
	fi
	[ "$rows" = "$want" ] || fail "$s wrote $rows rows for $want flows"
done
if [ -x "$NF_BIN/flow2csv" ]; then
	ntrunc=$(awk -F, 'NR > 1 && $NF == "truncated"' flow2csv.csv | wc -l)
	[ "$ntrunc" = $((nbegin - nend)) ] ||
	    fail "$ntrunc rows 'truncated', $((nbegin - nend)) flows open"
fi

# 3. A whole pipeline, pcap2pkt killed mid-file: pkt2flow reports it and
# exits 1; the rows downstream still come, open flows ended 'truncated'.
if [ -x "$NF_BIN/flow2csv" ]; then
	rm -f fifo && mkfifo fifo || fail "mkfifo"
	pcap2pkt -r mix.pcap >fifo 2>/dev/null &
	pid=$!
	exec 3<fifo
	head -c $CUT <&3 | pkt2flow 2>pipe.err | flow2csv >pipe.csv 2>pipe2.err
	set -- "${PIPESTATUS[@]}"
	kill -9 $pid
	wait $pid
	exec 3<&-
	[ "$1" = 0 ] && [ "$2" = 1 ] || fail "head/pkt2flow exited $1/$2"
	# flow2csv reads a complete stream whose END pkt2flow marked
	# incomplete: it says where the cut was and fails too.
	[ "$3" = 1 ] || fail "flow2csv exited $3"
	grep -q "pkt2flow found a truncated stream at offset [0-9]" \
	    pipe2.err || fail "flow2csv: $(cat pipe2.err)"
	grep -q "truncated stream at offset" pipe.err ||
	    fail "pkt2flow did not report the cut"
	[ "$(awk -F, 'NR > 1 && $NF == "truncated"' pipe.csv | wc -l)" -gt 0 ] ||
	    fail "no 'truncated' rows from the pipeline"
fi
echo "cut at $CUT bytes: $pkts packets, $nbegin flows ($nend ended);" \
    "$nrun feature stages checked"
