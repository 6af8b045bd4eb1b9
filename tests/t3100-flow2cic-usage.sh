# flow2cic: --help, --version, usage errors, refused inputs.
. "$NF_TESTDIR/lib.sh"

flow2cic --help >out 2>err || fail "--help exited $?"
grep -q '^usage: flow2cic \[--header' out || fail "--help: no usage on stdout"
[ ! -s err ] || fail "--help wrote to stderr"
flow2cic --version >out || fail "--version exited $?"
grep -q '^flow2cic (netfeat) ' out || fail "--version: $(cat out)"

for args in "--bogus" "--header cicv4" "--compat cic2018" "a b" \
    "--label"; do
	# shellcheck disable=SC2086
	expect_exit 2 flow2cic $args </dev/null >out 2>err
	grep -q '^usage: flow2cic' err || fail "'$args': no usage on stderr"
	[ ! -s out ] || fail "'$args' wrote to stdout"
done

expect_exit 1 flow2cic /nonexistent/stream 2>err
grep -q "^flow2cic: .*nonexistent" err || fail "missing file: $(cat err)"
printf 'not a stream at all, just text......' >junk
expect_exit 1 flow2cic junk 2>err
grep -q "^flow2cic: " err || fail "junk: no message"

# A stream not tagged by pkt2flow is refused with a hint.
command -v pcap2pkt >/dev/null || exit 0
pcap2pkt -q -r "$CAPS/cic-basic.pcap" >pkt || fail "pcap2pkt failed"
expect_exit 1 flow2cic pkt >out 2>err
grep -q "pkt2flow" err || fail "untagged stream: $(cat err)"
exit 0
