# cic-corpus.sh: sourced by c30 and c31: the shared corpus through the CIC
# pipeline, one CSV per capture that has a golden file.

# cic_corpus GOLDEN: every corpus capture with a golden GOLDEN/STEM.csv
# goes through
#   pcap2pkt -q | pkt2flow "${P2F[@]}" | flow2cic "${F2C[@]}"
# into ours/STEM.csv (P2F and F2C are arrays the caller sets).  Corrupt or
# unreadable inputs may stop early (exit 1): the rows written before the
# damage still count; any other flow2cic status fails the test, and no
# capture with a golden file skips it.
cic_corpus() {
	local g=$1 cap b stem n=0 st

	mkdir -p ours
	while IFS= read -r -d '' cap; do
		b=${cap##*/}
		stem=${b%.gz}
		stem=${stem%.pcapng}
		stem=${stem%.pcap}
		[ -f "$g/$stem.csv" ] || continue
		pcap2pkt -q -r "$cap" 2>/dev/null |
			pkt2flow "${P2F[@]}" 2>/dev/null |
			flow2cic "${F2C[@]}" >"ours/$stem.csv" 2>/dev/null
		st=("${PIPESTATUS[@]}")
		[ "${st[2]}" -le 1 ] || fail "flow2cic exited ${st[2]} on $b"
		n=$((n + 1))
	done < <(find "$SHARED/corpus" -maxdepth 2 -type f \
		\( -name '*.pcap' -o -name '*.pcapng' -o -name '*.pcapng.gz' \) \
		-print0 | sort -z)
	[ $n -gt 0 ] || skip "no capture with a golden file"
}
