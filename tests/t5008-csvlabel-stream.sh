# csvlabel passes rows on as they arrive on a pipe (a live feature stage
# upstream), before its input ends.
. "$NF_TESTDIR/lib.sh"

printf 'ts,src_ip,dst_ip,msg\n5,10.0.0.1,10.0.0.2,hit\n' >a.csv
mkfifo in.fifo || skip "no mkfifo"
csvlabel --alerts a.csv in.fifo >out 2>err &
pid=$!
exec 3>in.fifo
printf 'start,src_ip,dst_ip\n5,10.0.0.1,10.0.0.2\n' >&3
i=0
while [ "$(wc -l <out)" -lt 2 ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
lines=$(wc -l <out)
printf '6,10.0.0.3,10.0.0.4\n' >&3
exec 3>&-
wait $pid || fail "exit $?"
[ "$lines" = 2 ] || fail "$lines lines out before the input ended"
printf 'start,src_ip,dst_ip,label,alert_sid,alert_priority,alert_count\n5,10.0.0.1,10.0.0.2,hit,,,1\n6,10.0.0.3,10.0.0.4,BENIGN,,,0\n' >want
same want out
exit 0
