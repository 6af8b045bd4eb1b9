# c90: every capture of $SHARED/corpus through every stage (robustlib.sh:
# bounded runs, exit 0/1 only, complete streams).  Under make asan this is
# the corpus under the sanitizers (a report exits 86).  Messages: whenever
# pcap2pkt exits 1 it names the file and "at offset N", and still writes a
# complete stream holding the packets before the damage.  Files whose
# structure is broken (MANIFEST: bad magic, rejected versions, truncated
# headers or records, absurd caplen, gzip) must exit 1; the other
# malformed-* files (caplen above snaplen or length, odd link types) may
# be read or refused; every real capture must be read with exit 0.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/robustlib.sh"

[ -x "$NF_BIN/pcap2pkt" ] || skip "pcap2pkt not built yet"
[ -d "$SHARED/corpus" ] || skip "no $SHARED/corpus"
n=0 nbad=0
printf '%-50s %s\n' file "exit status per stage"
for f in "$SHARED"/corpus/*; do
	[ -f "$f" ] || continue
	b=$(basename "$f")
	case "$b" in MANIFEST.tsv|README*) continue ;; esac
	n=$((n + 1))
	through_all "$f"
	printf '%-50s %s\n' "$b" "$RB_LINE"
	case "$b" in
	malformed-bad-magic.*|malformed-*invalid-version*|*.gz|\
	malformed-pcapng-shb-option-too-long.*|malformed-truncated-*|\
	malformed-caplen-huge.*|malformed-short-global-header.*)
		nbad=$((nbad + 1))
		[ "$RB_P2P" = 1 ] || echo "$b: damaged file read with exit" \
		    "$RB_P2P" >>"$RB_PROBLEMS"
		;;
	malformed-*)
		;;
	*)
		[ "$RB_P2P" = 0 ] || echo "$b: pcap2pkt exit $RB_P2P:" \
		    "$(grep -v '^pcap2pkt: read' rb.p2p.err | head -n 1)" \
		    >>"$RB_PROBLEMS"
		;;
	esac
	[ "$RB_P2P" = 1 ] || continue
	if ! grep -q "'[^']*$b' at offset [0-9]" rb.p2p.err; then
		echo "$b: message lacks file and offset: $(cat rb.p2p.err)" \
		    >>"$RB_PROBLEMS"
	fi
	# Damage after the first packet: what came before is kept.
	off=$(sed -n "s/.* at offset \([0-9]*\).*/\1/p" rb.p2p.err | head -n 1)
	if [ "${off:-0}" -gt 40 ]; then
		"$NF_TOOLS/streamstat" rb.pkt >rb.ss 2>/dev/null
		pk=$(awk '$1 == "pkt" { print $2 }' rb.ss)
		[ "${pk:-0}" -ge 1 ] || echo "$b: damage at offset $off but" \
		    "no packet kept" >>"$RB_PROBLEMS"
	fi
done
echo "$n files (${nbad} must be refused) through every stage; $(wc -l \
    <"$RB_PROBLEMS") problems"
if [ -s "$RB_PROBLEMS" ]; then
	cat "$RB_PROBLEMS"
	exit 1
fi
