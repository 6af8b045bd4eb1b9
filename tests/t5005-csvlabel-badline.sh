# csvlabel on bad input: the rows before the damage are written, the
# message names file and line, exit 1.
. "$NF_TESTDIR/lib.sh"

printf 'ts,src_ip,dst_ip,msg\n5,10.0.0.1,10.0.0.2,hit\n' >a.csv
H=start,src_ip,dst_ip,x,label,alert_sid,alert_priority,alert_count

# Stray quote on line 5 (lines 3-4 hold a quoted field over two lines).
printf 'start,src_ip,dst_ip,x\n5,10.0.0.1,10.0.0.2,a\n6,10.0.0.2,10.0.0.1,"two\nlines"\n7,10.0.0.1,10.0.0.2,b"c\n8,10.0.0.1,10.0.0.2,d\n' >f.csv
expect_exit 1 csvlabel --alerts a.csv f.csv >out 2>err
printf '%s\n5,10.0.0.1,10.0.0.2,a,hit,,,1\n6,10.0.0.2,10.0.0.1,"two\nlines",hit,,,1\n' "$H" >want
same want out
echo "csvlabel: malformed CSV (stray quote) in 'f.csv' at line 5" >want
same want err

# Wrong field count on line 3.
printf 'start,src_ip,dst_ip,x\n5,10.0.0.1,10.0.0.2,a\n6,10.0.0.1,10.0.0.2\n' >f.csv
expect_exit 1 csvlabel --alerts a.csv f.csv >out 2>err
printf '%s\n5,10.0.0.1,10.0.0.2,a,hit,,,1\n' "$H" >want
same want out
echo "csvlabel: 3 fields (header has 4) in 'f.csv' at line 3" >want
same want err

# Bad values, from standard input.
printf 'start,src_ip,dst_ip,x\n5,10.0.0.1,10.0.0.2,a\nnoon,10.0.0.1,10.0.0.2,a\n' >f.csv
expect_exit 1 csvlabel --alerts a.csv <f.csv >out 2>err
echo "csvlabel: bad start time value 'noon' in '<stdin>' at line 3" >want
same want err
printf 'start,src_ip,dst_ip,x\n5,10.0.0.1,host,a\n' >f.csv
expect_exit 1 csvlabel --alerts a.csv f.csv >out 2>err
echo "csvlabel: bad dst_ip value 'host' in 'f.csv' at line 2" >want
same want err
printf '%s\n' "$H" >want
same want out

# Quoted field still open at the end.
printf 'start,src_ip,dst_ip,x\n5,10.0.0.1,10.0.0.2,"open\n' >f.csv
expect_exit 1 csvlabel --alerts a.csv f.csv >out 2>err
echo "csvlabel: quoted field not closed at end of input in 'f.csv' at line 2" >want
same want err

# Bad alerts file: nothing written.
printf 'ts,src_ip,dst_ip,msg\n5,10.0.0.1,10.0.0.2,ok\n6,10.0.0.1,10.0.0.2,"bad"x\n' >b.csv
printf 'start,src_ip,dst_ip,x\n5,10.0.0.1,10.0.0.2,a\n' >f.csv
expect_exit 1 csvlabel --alerts b.csv f.csv >out 2>err
[ -s out ] && fail "wrote output after a bad alerts file"
echo "csvlabel: malformed CSV (stray quote) in 'b.csv' at line 3" >want
same want err
printf 'ts,src_ip,dst_ip,msg\nyesterday,10.0.0.1,10.0.0.2,x\n' >b.csv
expect_exit 1 csvlabel --alerts b.csv f.csv >out 2>err
echo "csvlabel: bad ts value 'yesterday' in 'b.csv' at line 2" >want
same want err
printf 'ts,src_ip,dst_ip\n' >b.csv
expect_exit 1 csvlabel --alerts b.csv f.csv >out 2>err
echo "csvlabel: no 'msg' column in alerts file 'b.csv'" >want
same want err
exit 0
