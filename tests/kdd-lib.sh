# kdd-lib.sh: helpers for the flow2kdd shell tests (sourced after lib.sh).

# need_pipeline: skip unless pcap2pkt and pkt2flow are built.
need_pipeline() {
	[ -x "$NF_BIN/pcap2pkt" ] && [ -x "$NF_BIN/pkt2flow" ] ||
		skip "pcap2pkt/pkt2flow not built yet"
}

# kdd CAPTURE OUT [flow2kdd options...]: run the recommended pipeline
# through intermediate files, checking every stage's status.
kdd() {
	cap=$1 out=$2
	shift 2
	pcap2pkt -q -P 256 -r "$cap" > "$out.pkt" || fail "pcap2pkt $cap"
	pkt2flow "$out.pkt" > "$out.flow" || fail "pkt2flow $cap"
	flow2kdd "$@" "$out.flow" > "$out" || fail "flow2kdd $cap"
}

# col NAME FILE: the values of column NAME (by header), one per line.
col() {
	awk -F, -v n="$1" 'NR == 1 { for (i = 1; i <= NF; i++)
		if ($i == n) c = i; if (!c) exit 1; next } { print $c }' "$2" ||
		fail "no column $1 in $2"
}

# row N FILE NAMES...: "name=value ..." of data row N for the columns.
row() {
	r=$1 f=$2
	shift 2
	for n in "$@"; do
		printf '%s=%s ' "$n" "$(col "$n" "$f" | sed -n "${r}p")"
	done
	echo
}
