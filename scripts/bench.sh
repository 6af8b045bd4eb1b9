#!/bin/sh
# bench.sh: netfeat benchmarks (make bench).  Never part of make check.
#   bench.sh BUILDDIR
#
# Generates deterministic captures (tests/tools/gencap, no download) into
# BUILDDIR/bench (reused when present), then measures and prints a table,
# also written to BUILDDIR/bench/results.txt:
#   - the libpcap floor (pcapfloor: a bare pcap_next_ex loop), tcpdump,
#     and each pipeline's packet rate as a ratio to the floor (measured
#     again, run by run, alternately with the pipeline);
#   - peak RSS of pkt2flow, flow2cic and flow2kdd with FLOWS concurrent
#     flows, as bytes per flow (difference to a 1000-flow run);
#   - a SYN flood through pkt2flow --max-flows 100000 | flow2cic: RSS over
#     time, evictions, packets in = packets tagged, rate vs the mix;
#   - csvlabel on a 1 GB feature CSV with 100 000 alerts.
# A measurement whose program is not built is skipped with a note.
# Throughput figures are the median of 3 runs.  Sizes can be scaled down
# for a quick try: NF_BENCH_PACKETS, NF_BENCH_FLOWS, NF_BENCH_FLOOD,
# NF_BENCH_CSV_BYTES, NF_BENCH_RUNS.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u -o pipefail

B=${1:?usage: bench.sh BUILDDIR}
top=$(cd "$(dirname "$0")/.." && pwd)
case "$B" in /*) ;; *) B=$top/$B ;; esac
BIN=$B/bin
TOOLS=$B/tools
C=$B/bench
RES=$C/results.txt
NPKT=${NF_BENCH_PACKETS:-5000000}
NFLOWS=${NF_BENCH_FLOWS:-1000000}
NFLOOD=${NF_BENCH_FLOOD:-10000000}
CSVBYTES=${NF_BENCH_CSV_BYTES:-1000000000}
NALERTS=${NF_BENCH_ALERTS:-100000}
RUNS=${NF_BENCH_RUNS:-3}
MAXFLOWS=100000
export LC_ALL=C
mkdir -p "$C" || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/netfeat-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
errors=0

for t in gencap pcapfloor streamstat gencsv; do
	[ -x "$TOOLS/$t" ] || { echo "bench.sh: $TOOLS/$t not built" >&2;
	    exit 1; }
done

note() { echo "$*" >&2; }
have() { [ -x "$BIN/$1" ]; }
now() { date +%s.%N; }
# fdiv A B [FMT]: A / B.
fdiv() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" \
    'BEGIN { if (b == 0) print "-"; else printf f "\n", a / b }'; }

# Results: one line per measurement, printed now and kept for the file.
row() {
	printf '%-46s %14s %7s %9s  %s\n' "$1" "$2" "$3" "$4" "${5:-}" |
	    tee -a "$RES.tmp"
}
skip() { row "$1" "skipped" "" "" "$2"; }
# verdict VALUE TARGET: "ok" if VALUE >= TARGET, else "BELOW" (VALUE
# unrounded: a ratio printed 0.25 may be 0.249).
ge() { awk -v v="$1" -v t="$2" 'BEGIN { print (v >= t) ? "ok" : "BELOW" }'; }
le() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "ok" : "ABOVE" }'; }

# gen FILE GENCAP-ARGS...: make a capture unless cached.
gen() {
	f=$1; shift
	[ -s "$f" ] && return 0
	note "bench: generating $(basename "$f") ..."
	"$TOOLS/gencap" "$@" -w "$f.part" && mv "$f.part" "$f"
}

# timeit CMD: seconds the bash command line CMD takes (its stdout goes
# where CMD says; stderr to $tmp/err).  Fails if any stage fails.
timeit() {
	local t0 t1
	t0=$(now)
	bash -o pipefail -c "$1" 2>"$tmp/err" || {
		note "bench: '$1' failed:"; sed 's/^/    /' "$tmp/err" | tail -5 >&2
		return 1; }
	t1=$(now)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", b - a }'
}

# median CMD: median of RUNS timings of CMD.
median() {
	local i s all=
	for ((i = 0; i < RUNS; i++)); do
		s=$(timeit "$1") || return 1
		all="$all $s"
	done
	middle $all
}

# middle N...: the median of the numbers.
middle() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
	    END { print v[int((NR + 1) / 2)] }'
}

# rate NAME CMD TARGET: packets/s of CMD over the mix, ratio to the
# floor.  Each run of CMD follows a run of the floor, and the ratio is
# of the two medians: on a shared machine the speed of both drifts by
# 10 % and more within minutes, and a floor measured once, at another
# moment, moves every ratio with it.
rate() {
	local i s f all= fall= pps fpps ratio
	for ((i = 0; i < RUNS; i++)); do
		f=$(timeit "'$TOOLS/pcapfloor' '$MIX' >/dev/null") &&
		    s=$(timeit "$2") || {
			row "$1" "FAILED" "" "$3"; errors=$((errors + 1))
			return 1; }
		all="$all $s"
		fall="$fall $f"
	done
	pps=$(fdiv "$NPKT" "$(middle $all)" "%.0f")
	fpps=$(fdiv "$NPKT" "$(middle $fall)" "%.0f")
	ratio=$(fdiv "$pps" "$fpps")
	if [ "$3" = ref ]; then
		row "$1" "$(fdiv "$pps" 1e6 "%.2f Mpkt/s")" "$ratio" "(ref)" \
		    "floor $(fdiv "$fpps" 1e6 "%.2f")"
	else
		row "$1" "$(fdiv "$pps" 1e6 "%.2f Mpkt/s")" "$ratio" \
		    ">= $3" "$(ge "$(fdiv "$pps" "$fpps" %.6f)" "$3") (floor $(fdiv "$fpps" 1e6 "%.2f"))"
	fi
}

# ------------------------------------------------------------------
MIX=$C/mix-$NPKT-s96.pcap
CONC=$C/concurrent-$NFLOWS.pcap
CONC0=$C/concurrent-1000.pcap
FLOOD=$C/synflood-$NFLOOD.pcap
gen "$MIX" -n "$NPKT" -s 96 || exit 1
gen "$CONC" --concurrent "$NFLOWS" || exit 1
gen "$CONC0" --concurrent 1000 || exit 1
gen "$FLOOD" --syn-flood -n "$NFLOOD" || exit 1

rm -f "$RES.tmp"
{
	echo "netfeat bench, $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -n)," \
	    "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "(shared machine: other jobs run meanwhile, figures are noisy;" \
	    "throughput = median of $RUNS runs; ratio = to the floor's median" \
	    "over runs alternating with them)"
	echo "mix: $NPKT packets, snaplen 96 ($(du -h "$MIX" | cut -f1))"
	echo
	printf '%-46s %14s %7s %9s  %s\n' measurement value ratio target ""
} | tee "$RES.tmp"

# Throughput on the mix (read once first, so every run finds it cached).
cat "$MIX" >/dev/null
s=$(median "'$TOOLS/pcapfloor' '$MIX' >/dev/null") || exit 1
FLOOR=$(fdiv "$NPKT" "$s" "%.0f")
row "libpcap floor (pcapfloor)" "$(fdiv "$FLOOR" 1e6 "%.2f Mpkt/s")" 1.00 ""
if command -v tcpdump >/dev/null; then
	rate "tcpdump -r F -w /dev/null" \
	    "tcpdump -r '$MIX' -w /dev/null" ref
else
	skip "tcpdump -r F -w /dev/null" "tcpdump not installed"
fi
P=$BIN/pcap2pkt
if have pcap2pkt; then
	rate "pcap2pkt -r F >/dev/null" "'$P' -r '$MIX' >/dev/null" 0.5
else
	skip "pcap2pkt -r F >/dev/null" "pcap2pkt not built yet"
fi
if have pcap2pkt && have pkt2flow; then
	rate "pcap2pkt | pkt2flow" \
	    "'$P' -r '$MIX' | '$BIN/pkt2flow' >/dev/null" 0.35
else
	skip "pcap2pkt | pkt2flow" "pkt2flow not built yet"
fi
# The CIC pipeline on the mix: measured here, and again beside the flood.
CICMIX="'$P' -r '$MIX' | '$BIN/pkt2flow' | '$BIN/flow2cic' >/dev/null"
if have pcap2pkt && have pkt2flow && have flow2cic; then
	rate "pcap2pkt | pkt2flow | flow2cic" "$CICMIX" 0.25
else
	skip "pcap2pkt | pkt2flow | flow2cic" "flow2cic not built yet"
fi
if have pcap2pkt && have pkt2flow && have flow2kdd; then
	rate "pcap2pkt -P 256 | pkt2flow | flow2kdd" \
	    "'$P' -P 256 -r '$MIX' | '$BIN/pkt2flow' | '$BIN/flow2kdd' >/dev/null" \
	    0.2
else
	skip "pcap2pkt -P 256 | pkt2flow | flow2kdd" "flow2kdd not built yet"
fi

# Peak RSS per flow: NFLOWS concurrent flows vs 1000, each stage alone
# (GNU time, the stage itself) on a cached input stream.
CFG="--max-flows $((NFLOWS + NFLOWS / 2))"
if have pcap2pkt && have pkt2flow; then
	for n in "$NFLOWS" 1000; do
		[ -s "$C/conc-$n.flows" ] && continue
		cap=$CONC; [ "$n" = 1000 ] && cap=$CONC0
		"$P" -r "$cap" >"$C/conc-$n.pkt" 2>"$tmp/err" &&
		    "$BIN/pkt2flow" $CFG <"$C/conc-$n.pkt" \
		    >"$C/conc-$n.part" 2>"$tmp/err" &&
		    mv "$C/conc-$n.part" "$C/conc-$n.flows" ||
		    { note "bench: cannot make $C/conc-$n.flows";
		    errors=$((errors + 1)); }
	done
fi
# peakrss IN PROG ARGS...: peak RSS in KiB of PROG reading IN.
peakrss() {
	local in=$1; shift
	/usr/bin/time -f %M -o "$tmp/rss" "$@" <"$in" >/dev/null \
	    2>"$tmp/err" || { note "bench: '$*' failed:"; tail -5 "$tmp/err" >&2;
	    return 1; }
	tail -n 1 "$tmp/rss"
}
perflow() {
	local name=$1 prog=$2 target=$3 big small per in args=
	if ! have "$prog" || ! have pcap2pkt || ! have pkt2flow; then
		skip "$name" "$prog not built yet"; return
	fi
	if [ ! -x /usr/bin/time ]; then
		skip "$name" "no /usr/bin/time (Debian package time)"; return
	fi
	in=flows
	[ "$prog" = pkt2flow ] && { in=pkt; args=$CFG; }
	big=$(peakrss "$C/conc-$NFLOWS.$in" "$BIN/$prog" $args)
	small=$(peakrss "$C/conc-1000.$in" "$BIN/$prog" $args)
	if [ -z "$big" ] || [ -z "$small" ]; then
		row "$name" "FAILED" "" ""; errors=$((errors + 1)); return
	fi
	per=$(awk -v b="$big" -v s="$small" -v n="$NFLOWS" \
	    'BEGIN { printf "%.0f", (b - s) * 1024 / (n - 1000) }')
	if [ "$target" = report ]; then
		row "$name" "$per B/flow" "" "(report)" \
		    "peak $((big / 1024)) MiB"
	else
		row "$name" "$per B/flow" "" "<= $target" \
		    "$(le "$per" "$target"), peak $((big / 1024)) MiB"
	fi
}
perflow "pkt2flow RSS, $NFLOWS concurrent flows" pkt2flow 256
perflow "flow2cic RSS, $NFLOWS concurrent flows" flow2cic 512
perflow "flow2kdd RSS, $NFLOWS concurrent flows" flow2kdd report

# vmrss VAR PID: VAR = its resident size in KiB (0 when gone), without
# a fork (no command substitution).
vmrss() {
	local k v _
	printf -v "$1" 0
	while read -r k v _; do
		[ "$k" = VmRSS: ] && { printf -v "$1" %s "$v"; return; }
	done </proc/$2/status 2>/dev/null
}

# SYN flood: every packet a new flow, table capped at MAXFLOWS.
flood() {
	local d=$tmp/flood t0 t1 p1 p2 p3 s1 s2 s3 secs pps r2 r3 ss tick all i s
	local m mall mpps
	mkdir -p "$d" && mkfifo "$d/a" "$d/b" || return 1
	# The mix runs alternate with the flood runs, as the floor's do with
	# the pipelines' (see rate()).
	mall=$(timeit "$CICMIX") || { errors=$((errors + 1)); return 1; }
	t0=$(now)
	"$P" -r "$FLOOD" >"$d/a" 2>"$d/e1" & p1=$!
	"$BIN/pkt2flow" --max-flows $MAXFLOWS <"$d/a" >"$d/b" 2>"$d/e2" & p2=$!
	"$BIN/flow2cic" <"$d/b" >/dev/null 2>"$d/e3" & p3=$!
	: >"$d/rss"
	# Sampled with bash builtins only: a fork per sample (awk, date,
	# sleep) takes CPU from the stages on a 2-core machine.
	mkfifo "$d/tick" && exec {tick}<>"$d/tick"
	while kill -0 $p3 2>/dev/null; do
		vmrss r2 $p2
		vmrss r3 $p3
		echo "${EPOCHREALTIME/,/.} $r2 $r3" >>"$d/rss"
		read -r -t 0.2 -u $tick _
	done
	exec {tick}<&-
	wait $p1; s1=$?; wait $p2; s2=$?; wait $p3; s3=$?
	t1=$(now)
	if [ $s1 != 0 ] || [ $s2 != 0 ] || [ $s3 != 0 ]; then
		row "SYN flood $NFLOOD pkts, --max-flows $MAXFLOWS" FAILED "" "" \
		    "exit $s1/$s2/$s3"
		cat "$d"/e? | tail -5 >&2
		errors=$((errors + 1)); return 1
	fi
	secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
	# Throughput is the median of RUNS runs like the others: the run
	# above (sampled for RSS) and RUNS - 1 plain ones.
	all=$secs
	for ((i = 1; i < RUNS; i++)); do
		m=$(timeit "$CICMIX") &&
		s=$(timeit "'$P' -r '$FLOOD' 2>/dev/null | '$BIN/pkt2flow' \
		    --max-flows $MAXFLOWS 2>/dev/null | '$BIN/flow2cic' \
		    >/dev/null") || { errors=$((errors + 1)); return 1; }
		all="$all $s"
		mall="$mall $m"
	done
	secs=$(middle $all)
	pps=$(fdiv "$NFLOOD" "$secs" "%.0f")
	mpps=$(fdiv "$NPKT" "$(middle $mall)" "%.0f")
	row "SYN flood | pkt2flow --max-flows | flow2cic" \
	    "$(fdiv "$pps" 1e6 "%.2f Mpkt/s")" \
	    "$(fdiv "$pps" "$mpps")" ">= 0.5" \
	    "$(ge "$(fdiv "$pps" "$mpps" %.6f)" 0.5) (ratio to the mix, $(fdiv "$mpps" 1e6 "%.2f") alternately)"
	# RSS: samples at 25/50/75/100 % of the run; flat = the last half
	# grows less than 10 % over the 25 % sample (the table is full after
	# the first MAXFLOWS packets, about 1 % of the run).
	awk -v t0="$t0" -v t1="$t1" '
	    { t = ($1 - t0) / (t1 - t0); if ($2 > 0) { n++; T[n] = t;
	      R2[n] = $2; R3[n] = $3 } }
	    END {
		if (n == 0) { print "- - - - - -"; exit }
		q[1] = .25; q[2] = .5; q[3] = .75; q[4] = 1
		for (k = 1; k <= 4; k++) {
			for (i = 1; i < n && T[i] < q[k]; i++) ;
			a[k] = R2[i]; c[k] = R3[i]
		}
		m2 = m3 = 0
		for (i = 1; i <= n; i++) if (T[i] >= .5) {
			if (R2[i] > m2) m2 = R2[i]; if (R3[i] > m3) m3 = R3[i] }
		printf "%d/%d/%d/%d %d/%d/%d/%d %.3f %.3f\n", a[1] / 1024,
		    a[2] / 1024, a[3] / 1024, a[4] / 1024, c[1] / 1024,
		    c[2] / 1024, c[3] / 1024, c[4] / 1024,
		    (a[1] ? m2 / a[1] : 0), (c[1] ? m3 / c[1] : 0)
	    }' "$d/rss" >"$d/rssq"
	read -r q2 q3 g2 g3 <"$d/rssq"
	row "  pkt2flow RSS MiB at 25/50/75/100%" "$q2" "" "flat" \
	    "$(le "$g2" 1.10) (late max / 25% = $g2)"
	row "  flow2cic RSS MiB at 25/50/75/100%" "$q3" "" "flat" \
	    "$(le "$g3" 1.10) (late max / 25% = $g3)"
	# Accounting: an untimed pass counted by streamstat, not by the
	# stage's own summary.
	if ! bash -o pipefail -c "'$P' -r '$FLOOD' 2>/dev/null | \
	    '$BIN/pkt2flow' --max-flows $MAXFLOWS 2>'$d/e2b' | \
	    '$TOOLS/streamstat' >'$d/ss'"; then
		row "  flood accounting" FAILED "" ""
		errors=$((errors + 1)); return 1
	fi
	ss() { awk -v k="$1" '$1 == k { print $2 }' "$d/ss"; }
	# pkt2flow may count evictions under more than one name
	# (ended_evicted, evictions): take the largest.
	ev=$(awk '$1 ~ /^end\.pkt2flow\..*evict/ && $2 > m { m = $2 }
	    END { print m + 0 }' "$d/ss")
	row "  packets in = packets tagged" \
	    "$(ss pkt)/$(ss pkt_tagged)" "" "$NFLOOD" \
	    "$([ "$(ss pkt)" = "$NFLOOD" ] && [ "$(ss pkt_tagged)" = "$NFLOOD" ] &&
	    echo ok || echo MISMATCH)"
	row "  evictions: FLOW_END evicted / END counter" \
	    "$(ss flow_end.evicted)/$ev" "" "> 0" \
	    "$([ "${ev:-0}" -gt 0 ] && [ "$(ss flow_end.evicted)" = "$ev" ] &&
	    echo ok || echo MISMATCH)"
	if grep -qi evict "$d/e2" 2>/dev/null; then
		row "  evictions on pkt2flow stderr" "yes" "" "" \
		    "$(grep -i evict "$d/e2" | head -n 1 | cut -c1-80)"
	else
		row "  evictions on pkt2flow stderr" "NO" "" "" "missing"
	fi
}
if have pcap2pkt && have pkt2flow && have flow2cic; then
	flood
else
	skip "SYN flood $NFLOOD pkts, --max-flows $MAXFLOWS" \
	    "needs pcap2pkt, pkt2flow, flow2cic"
fi

# csvlabel on a big feature CSV.
if have csvlabel; then
	F=$C/features-$CSVBYTES.csv
	A=$C/alerts-$NALERTS.csv
	if [ ! -s "$F" ] || [ ! -s "$A" ]; then
		note "bench: generating $(basename "$F") ..."
		"$TOOLS/gencsv" --bytes "$CSVBYTES" --alerts "$NALERTS" \
		    "$F" "$A" >/dev/null || exit 1
	fi
	# The floor: the same CSV through csvlabel's reader alone (libcsv).
	fl=
	if [ -x "$TOOLS/csvin-count" ] &&
	    fl=$(timeit "'$TOOLS/csvin-count' '$F' >/dev/null"); then
		fmbs=$(fdiv "$(wc -c <"$F")" "$fl" "%.0f")
		fmbs=$(fdiv "$fmbs" 1e6 "%.0f")
		row "  CSV reader alone (csvin-count)" "$fmbs MB/s" "" "" \
		    "(1 run)"
	fi
	if s=$(timeit "'$BIN/csvlabel' --alerts '$A' '$F' >/dev/null"); then
		mbs=$(fdiv "$(wc -c <"$F")" "$s" "%.0f")
		mbs=$(fdiv "$mbs" 1e6 "%.0f")
		row "csvlabel, $((CSVBYTES / 1000000)) MB CSV, $NALERTS alerts" \
		    "$mbs MB/s" "${fl:+$(fdiv "$fl" "$s")}" ">= 100" \
		    "$(ge "$mbs" 100) (1 run; ratio to the reader)"
	else
		row "csvlabel" FAILED "" ""; errors=$((errors + 1))
	fi
else
	skip "csvlabel, 1 GB CSV, $NALERTS alerts" "csvlabel not built yet"
fi

mv "$RES.tmp" "$RES"
echo
echo "results written to $RES"
[ $errors = 0 ]
