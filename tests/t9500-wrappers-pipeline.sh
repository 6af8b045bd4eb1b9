# t9500: pcap2cic and pcap2kdd write the same CSV as the explicit pipelines
# their man pages and flow2cic(1) give, pass options and filters through,
# fail with the failing stage's status and message (pipefail semantics),
# exit 2 on usage errors, and answer --help and --version.
. "$NF_TESTDIR/lib.sh"
W=$NF_TOP/scripts
cic() { "$W/pcap2cic" "$@"; }
kdd() { "$W/pcap2kdd" "$@"; }

# Every good test capture, each feature set and compat mode.
n=0
for f in "$CAPS"/*.pcap "$CAPS"/*.pcapng; do
	case $f in *corrupt*) continue ;; esac
	n=$((n + 1))
	pcap2pkt -q -r "$f" | pkt2flow --active-timeout 120 | flow2cic \
	    >want 2>/dev/null || fail "$f: explicit cic pipeline failed"
	cic "$f" >out 2>err || fail "$f: pcap2cic exit $?: $(cat err)"
	same want out
	pcap2pkt -q -r "$f" | pkt2flow --fin-closes --active-timeout 120 |
	    flow2cic --compat cic2017 --header cic2017 >want 2>/dev/null ||
	    fail "$f: explicit cic2017 pipeline failed"
	cic --compat cic2017 --header cic2017 "$f" >out 2>err ||
	    fail "$f: pcap2cic --compat cic2017 exit $?: $(cat err)"
	same want out
	pcap2pkt -q -P 256 -r "$f" | pkt2flow | flow2kdd >want 2>/dev/null ||
	    fail "$f: explicit kdd pipeline failed"
	kdd "$f" >out 2>err || fail "$f: pcap2kdd exit $?: $(cat err)"
	same want out
done
[ $n -ge 10 ] || fail "only $n test captures"

# Several files as one stream, standard input, '-', a filter, options
# passed through to each stage.
a=$CAPS/cic-basic.pcap b=$CAPS/flow-mixed.pcap
pcap2pkt -q -r "$a" -r "$b" tcp | pkt2flow --active-timeout 120 \
    --idle-timeout 1 | flow2cic --label X >want 2>/dev/null || fail "explicit"
cic --label X --pkt2flow --idle-timeout --pkt2flow 1 "$a" "$b" -- tcp \
    >out 2>/dev/null || fail "pcap2cic options: exit $?"
same want out
pcap2pkt -q -r "$a" | pkt2flow --active-timeout 120 | flow2cic >want \
    2>/dev/null || fail "explicit"
cic <"$a" >out 2>/dev/null || fail "pcap2cic stdin: exit $?"
same want out
cic - <"$a" >out 2>/dev/null || fail "pcap2cic -: exit $?"
same want out
pcap2pkt -q -c 5 -P 64 -r "$b" | pkt2flow --unidirectional |
    flow2kdd --pure --label normal. >want 2>/dev/null || fail "explicit kdd"
kdd --payload 64 --pcap2pkt -c --pcap2pkt 5 --pkt2flow --unidirectional \
    --pure --label normal. "$b" >out 2>/dev/null || fail "pcap2kdd: exit $?"
same want out
[ -s want ] || fail "pcap2kdd --pure wrote nothing"

# A corrupt capture: exit 1 with pcap2pkt's message, the rows of the good
# part written as the explicit pipeline writes them.
for f in "$CAPS"/p2p-corrupt-*; do
	pcap2pkt -q -r "$f" 2>/dev/null | pkt2flow --active-timeout 120 \
	    2>/dev/null | flow2cic >want 2>/dev/null
	for w in cic kdd; do
		expect_exit 1 $w "$f" >out 2>err
		grep "^pcap2pkt: .*'$f'" err >/dev/null ||
		    fail "pcap2$w $f: no pcap2pkt message: $(cat err)"
		if grep -v '^pcap2pkt: \|^pkt2flow: \|^flow2' err; then
			fail "pcap2$w $f: a message not from a stage"
		fi
		[ $w = kdd ] || same want out
	done
done

# A later stage failing: its status and message.
expect_exit 2 cic --flow2cic --header --flow2cic nosuch "$a" >out 2>err
grep '^flow2cic: ' err >/dev/null || fail "no flow2cic message: $(cat err)"
expect_exit 2 kdd --pkt2flow --max-flows --pkt2flow x "$a" >out 2>err
grep '^pkt2flow: ' err >/dev/null || fail "no pkt2flow message: $(cat err)"
expect_exit 1 cic "$NF_TMP/nosuch.pcap" >out 2>err
grep "^pcap2pkt: .*nosuch.pcap" err >/dev/null || fail "missing: $(cat err)"

# The reader going away: quiet death by SIGPIPE, like the stages.
set -- "$b" "$b" "$b" "$b" "$b" "$b" "$b" "$b" "$b" "$b"
for w in cic kdd; do
	$w "$@" 2>err | head -c 1 >/dev/null
	st=${PIPESTATUS[0]}
	[ "$st" = 141 ] || fail "pcap2$w | head: exit $st, expected 141"
	if grep -i 'broken pipe\|write error\|^pcap2[ck]' err; then
		fail "pcap2$w | head: noisy"
	fi
done

# Usage errors: exit 2, a message and the usage on stderr, nothing on
# stdout.
for w in cic kdd; do
	# Unknown options, and options missing their argument.
	for args in "--nosuch $a" "-x $a" "--$w-nosuch $a" "$a --label" \
	    "$a --pcap2pkt"; do
		expect_exit 2 $w $args >out 2>err
		[ -s out ] && fail "pcap2$w $args: output on stdout"
		grep "^usage: pcap2$w " err >/dev/null ||
		    fail "pcap2$w $args: no usage: $(cat err)"
	done
done
expect_exit 2 cic --compat nosuch "$a" >out 2>err
grep "^pcap2cic: unknown compat mode 'nosuch'" err >/dev/null ||
    fail "compat: $(cat err)"
expect_exit 2 kdd --payload 12x "$a" >out 2>err
grep "^pcap2kdd: bad payload length '12x'" err >/dev/null ||
    fail "payload: $(cat err)"

# --help: usage on stdout, exit 0; --version: the netfeat version.
ver=$(pcap2pkt --version) || fail "pcap2pkt --version"
ver=${ver##* }
for w in cic kdd; do
	$w --help >out 2>err || fail "pcap2$w --help: exit $?"
	grep "^usage: pcap2$w " out >/dev/null || fail "pcap2$w --help: $(cat out)"
	[ -s err ] && fail "pcap2$w --help: stderr"
	$w --version >out || fail "pcap2$w --version: exit $?"
	echo "pcap2$w (netfeat) $ver" >want
	same want out
done
exit 0
