# t4070: is_src_internal / is_dst_internal from --home-net and
# --home-net-from (Snort 2 ipvar, Snort 3 Lua), with negation and lists.
. "$NF_TESTDIR/lib.sh"
H='ts,gid,sid,rev,msg,classification,priority,proto,src_ip,src_port,dst_ip,dst_port,is_src_internal,is_dst_internal'

cat >a.log <<'X'
01/27-16:01:04.000000  [**] [1:1:1] a [**] {TCP} 10.0.0.1:1 -> 8.8.8.8:53
01/27-16:01:04.000000  [**] [1:2:1] b [**] {TCP} 10.1.0.1:1 -> 10.2.0.1:2
01/27-16:01:04.000000  [**] [1:3:1] c [**] {UDP} 2001:db8::1:5 -> 2001:db9::1:6
X
cat >want <<X
$H
1580140864.000000,1,1,1,a,,,TCP,10.0.0.1,1,8.8.8.8,53,1,0
1580140864.000000,1,2,1,b,,,TCP,10.1.0.1,1,10.2.0.1,2,0,1
1580140864.000000,1,3,1,c,,,UDP,2001:db8::1,5,2001:db9::1,6,1,0
X
snort2csv --year 2020 --tz UTC --home-net '[10.0.0.0/8,!10.1.0.0/16],2001:db8::/32' a.log >out ||
    fail "exit $?"
same want out

cat >snort.conf <<'X'
# snort.conf excerpt
ipvar LAB [10.0.0.0/8,2001:db8::/32]
ipvar HOME_NET [$LAB,!10.1.0.0/16]
ipvar EXTERNAL_NET !$HOME_NET
X
snort2csv --year 2020 --tz UTC --home-net-from snort.conf a.log >out ||
    fail "snort.conf: exit $?"
same want out

cat >snort.lua <<'X'
HOME_NET = '[10.0.0.0/8, !10.1.0.0/16, 2001:db8::/32]'
EXTERNAL_NET = 'any'
X
snort2csv --year 2020 --tz UTC --home-net-from snort.lua a.log >out ||
    fail "snort.lua: exit $?"
same want out
exit 0
