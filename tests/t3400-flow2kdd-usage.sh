# flow2kdd: usage, help, bad options, untagged input.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/kdd-lib.sh"

flow2kdd --help > help.out || fail "--help"
grep -q -- '--time-window' help.out || fail "usage lacks --time-window"
flow2kdd --version > /dev/null || fail "--version"
for bad in "--order middle" "--private-rule x" "--diff-srv x" \
    "--features 30" "--host-window 0" "--time-window abc" "--nonesuch" \
    "a b"; do
	flow2kdd $bad < /dev/null > /dev/null 2> err.out
	[ $? = 2 ] || fail "flow2kdd $bad: want exit 2"
	grep -q '^usage: flow2kdd' err.out || fail "no usage for $bad"
done
# Not a record stream at all: exit 1 with a message naming the input.
echo "not a stream" > junk
flow2kdd junk > /dev/null 2> err.out
[ $? = 1 ] || fail "junk input: want exit 1"
grep -q "junk" err.out || fail "message does not name the file"
# A PKT stream not tagged by pkt2flow is refused.
need_pipeline
pcap2pkt -q -r "$CAPS/kdd-smurf.pcap" > untagged.pkt || fail pcap2pkt
flow2kdd untagged.pkt > /dev/null 2> err.out
[ $? = 1 ] || fail "untagged: want exit 1"
grep -q "pkt2flow" err.out || fail "untagged: no hint"
exit 0
