# robustlib.sh: run a capture through every stage, each run bounded in
# time; sourced by t9300 and conformance c90 (bash, after lib.sh or with
# NF_BIN and NF_TOOLS set).
#
# through_all FILE: pcap2pkt -r FILE, then pktdump, pkt2flow and every
# built feature stage on the PKT stream, and pktdump and the feature
# stages on pkt2flow's tagged stream.  Every run must end by itself
# within RB_TIMEOUT seconds with status 0 or 1 (never a signal, a
# sanitizer's 86, or a usage error); a non-empty pcap2pkt output must be
# a complete stream (END present), also when pcap2pkt exits 1.  Sets
# RB_P2P (pcap2pkt's status), RB_LINE (one summary line: stage=status)
# and appends each problem to RB_PROBLEMS (a file).
RB_TIMEOUT=${RB_TIMEOUT:-20}
RB_PROBLEMS=${RB_PROBLEMS:-$PWD/problems.txt}
: >>"$RB_PROBLEMS"

# rb_run NAME IN OUT ERR PROG ARGS...: bounded run; prints the status.
rb_run() {
	local name=$1 in=$2 out=$3 err=$4 st
	shift 4
	timeout -s KILL "$RB_TIMEOUT" "$@" <"$in" >"$out" 2>"$err"
	st=$?
	case $st in
	0|1) ;;
	137) echo "$name: killed after ${RB_TIMEOUT}s (hang?): $*" \
	    >>"$RB_PROBLEMS" ;;
	86) echo "$name: sanitizer report: $* ($(grep -m1 -E \
	    'ERROR|runtime error' "$err"))" >>"$RB_PROBLEMS" ;;
	*) echo "$name: exit $st: $* ($(tail -n 1 "$err"))" \
	    >>"$RB_PROBLEMS" ;;
	esac
	echo $st
}

through_all() {
	local f=$1 b s st
	b=$(basename "$f")
	RB_LINE=
	RB_P2P=$(rb_run "$b" /dev/null rb.pkt rb.p2p.err \
	    "$NF_BIN/pcap2pkt" -r "$f")
	RB_LINE="pcap2pkt=$RB_P2P"
	[ -s rb.pkt ] || return 0
	if ! "$NF_TOOLS/streamstat" rb.pkt >/dev/null 2>rb.ss.err; then
		echo "$b: pcap2pkt (exit $RB_P2P) wrote an incomplete stream:" \
		    "$(cat rb.ss.err)" >>"$RB_PROBLEMS"
		return 0
	fi
	for s in pktdump pkt2flow flow2csv flow2cic flow2kdd; do
		[ -x "$NF_BIN/$s" ] || continue
		st=$(rb_run "$b" rb.pkt rb.$s.out rb.$s.err "$NF_BIN/$s")
		RB_LINE="$RB_LINE $s=$st"
	done
	[ -x "$NF_BIN/pkt2flow" ] && [ -s rb.pkt2flow.out ] || return 0
	for s in pktdump flow2csv flow2cic flow2kdd; do
		[ -x "$NF_BIN/$s" ] || continue
		st=$(rb_run "$b" rb.pkt2flow.out rb.f.$s.out rb.f.$s.err \
		    "$NF_BIN/$s")
		RB_LINE="$RB_LINE flows|$s=$st"
	done
}
