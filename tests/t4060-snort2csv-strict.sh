# t4060: bad lines: warning with file and line, counted, summary; --strict
# stops at the first with exit 1 after the rows before it.
. "$NF_TESTDIR/lib.sh"
H='ts,gid,sid,rev,msg,classification,priority,proto,src_ip,src_port,dst_ip,dst_port,is_src_internal,is_dst_internal'

cat >bad.log <<'X'
01/27-16:01:04.000000  [**] [1:1:1] good one [**] [Priority: 1] {TCP} 10.0.0.1:1 -> 10.0.0.2:2
01/27-16:01:05.000000  [**] [1:x:1] bad rule [**] [Priority: 1] {TCP} 10.0.0.1:1 -> 10.0.0.2:2
01/27-16:01:06.000000  [**] [1:2:1] good two [**] [Priority: 1] {UDP} 10.0.0.1:1 -> 10.0.0.2:2
01/27-16:01:07.000000  [**] [1:3:1] no protocol [**] [Priority: 1] 10.0.0.1 -> 10.0.0.2
X
cat >want <<X
$H
1580140864.000000,1,1,1,good one,,1,TCP,10.0.0.1,1,10.0.0.2,2,,
1580140866.000000,1,2,1,good two,,1,UDP,10.0.0.1,1,10.0.0.2,2,,
X
snort2csv --year 2020 --tz UTC bad.log >out 2>err || fail "exit $?"
same want out
grep -q "bad fast line in 'bad.log' line 2: bad or missing \[gid:sid:rev\]" err ||
    fail "no line 2 warning: $(cat err)"
grep -q "bad fast line in 'bad.log' line 4: missing {protocol}" err ||
    fail "no line 4 warning: $(cat err)"
grep -q "2 bad lines were skipped in 'bad.log'" err || fail "no summary"

snort2csv --strict --year 2020 --tz UTC bad.log >out 2>err
rc=$?
[ $rc = 1 ] || fail "--strict exited $rc"
head -n 2 want >want2
same want2 out
[ "$(grep -c 'bad fast line' err)" = 1 ] || fail "--strict: $(cat err)"

# Many bad lines: 10 warnings, then only the count.
i=0
: >many.log
while [ $i -lt 25 ]; do
	echo "01/27-16:01:05.000000  [**] [1:x:1] m [**] {TCP} 1.2.3.4:1 -> 5.6.7.8:2" >>many.log
	i=$((i + 1))
done
snort2csv --year 2020 --tz UTC many.log >out 2>err || fail "many: exit $?"
[ "$(grep -c 'bad fast line' err)" = 10 ] || fail "many: $(cat err)"
grep -q "25 bad lines were skipped in 'many.log'" err || fail "many: count"

# A second file is still read after bad lines in the first.
snort2csv --year 2020 --tz UTC bad.log bad.log >out 2>err || fail "two files"
[ "$(wc -l <out)" = 5 ] || fail "two files: $(cat out)"
exit 0
