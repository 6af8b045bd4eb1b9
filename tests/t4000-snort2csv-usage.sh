# t4000: snort2csv options, usage, exit codes.
. "$NF_TESTDIR/lib.sh"

snort2csv --help >help.out 2>help.err || fail "--help exited $?"
grep -q '^usage: snort2csv ' help.out || fail "--help: no usage on stdout"
[ -s help.err ] && fail "--help wrote to stderr"
snort2csv --version >ver.out || fail "--version exited $?"
grep -q '^snort2csv (netfeat) ' ver.out || fail "--version: $(cat ver.out)"

usage2() {
	snort2csv "$@" >out 2>err
	rc=$?
	[ $rc = 2 ] || fail "'snort2csv $*' exited $rc, expected 2"
	grep -q '^usage: snort2csv ' err || fail "'snort2csv $*': no usage"
	[ -s out ] && fail "'snort2csv $*' wrote to stdout"
	return 0
}
usage2 --bogus
usage2 --format xml
usage2 --year 19
usage2 --year abc
usage2 --tz Mars/Olympus_Mons
usage2 --home-net 10.0.0.0/33
usage2 --home-net '[10.0.0.0/8'
usage2 --csv-fields 'gid,nosuchfield'
grep -q "unknown csv field 'nosuchfield'" err || fail "field not named"
usage2 --home-net 10.0.0.0/8 --home-net-from /dev/null

# Missing input file: exit 1, message names the file, nothing on stdout.
snort2csv /nonexistent/alerts >out 2>err
[ $? = 1 ] || fail "missing file: exit $?"
grep -q "/nonexistent/alerts" err || fail "missing file: $(cat err)"
[ -s out ] && fail "missing file: output written"
# A snort.conf without HOME_NET: exit 1.
echo 'ipvar EXTERNAL_NET any' >snort.conf
expect_exit 1 snort2csv --home-net-from snort.conf /dev/null
# Empty input: header only, exit 0.
snort2csv </dev/null >out || fail "empty input exited $?"
echo 'ts,gid,sid,rev,msg,classification,priority,proto,src_ip,src_port,dst_ip,dst_port,is_src_internal,is_dst_internal' >want
same want out
exit 0
