# t9600: the make include scripts/netfeat.mk on a dataset directory of
# three captures: a parallel build, nothing to do the second time, only
# the outputs of a touched capture rebuilt, one header and every part's
# rows in the dataset, FEATURES=kdd and flows, labels from a Snort fast
# alert log, and no finished-looking output after a failed or interrupted
# build.  Expected parts come from running the wrappers and the explicit
# flow table pipeline by hand.
. "$NF_TESTDIR/lib.sh"
command -v make >/dev/null || skip "no make"
# The programs reach make only through NETFEAT_BIN.
PATH=${PATH#"$NF_BIN":}
W=$NF_TOP/scripts
M="NETFEAT_BIN=$NF_BIN NETFEAT_SCRIPTS=$W"

mkdir data
cp "$CAPS/cic-basic.pcap" data/a.pcap
cp "$CAPS/flow-mixed.pcap" data/b.pcap
cp "$CAPS/p2p-multi-le.pcapng" data/c.pcapng
cat >Makefile <<MK
PCAPS = data/a.pcap data/b.pcap data/c.pcapng
include $NF_TOP/scripts/netfeat.mk
MK
mk() { make --no-print-directory $M "$@"; }

mk -j2 dataset >log 2>&1 || fail "make -j2 dataset: $(cat log)"
for s in a b c; do
	[ -f data/$s.cic.csv ] || fail "no data/$s.cic.csv"
done
ls data/*.tmp *.tmp 2>/dev/null && fail "temporary files left"
# Each part is what the wrapper writes.
for f in data/a.pcap data/b.pcap data/c.pcapng; do
	PATH=$NF_BIN:$PATH "$W/pcap2cic" "$f" >want 2>/dev/null ||
	    fail "pcap2cic $f"
	same want "${f%.*}.cic.csv"
done
# One header, then the parts' rows in order.
{ cat data/a.cic.csv; tail -n +2 data/b.cic.csv; tail -n +2 data/c.cic.csv; } \
    >want
same want dataset.cic.csv
[ "$(grep -c '^Flow ID,' dataset.cic.csv)" = 1 ] || fail "headers"
[ "$(wc -l <dataset.cic.csv)" -gt 10 ] || fail "few rows"

# Up to date: make -q says so, make does nothing.
mk -q dataset || fail "make -q dataset: $? after a build"
mk dataset >log 2>&1 || fail "second make"
grep "Nothing to be done for 'dataset'" log >/dev/null ||
    fail "second make did something: $(cat log)"

# Touch one capture: only its part and the dataset are remade.  Everything
# is dated two hours back first, the reference one hour back.
touch -d '2 hours ago' data/* dataset.cic.csv
touch -d '1 hour ago' ref
touch data/b.pcap
mk -q dataset && fail "make -q: up to date after touching b.pcap"
mk -n dataset >log 2>&1 || fail "make -n"
grep 'data/b.pcap' log >/dev/null || fail "make -n: b not remade: $(cat log)"
grep 'data/a.pcap\|data/c.pcapng' log && fail "make -n: others remade"
mk dataset >log 2>&1 || fail "make after touch: $(cat log)"
find data dataset.cic.csv -type f -newer ref | sort >got
printf '%s\n' data/b.cic.csv data/b.pcap dataset.cic.csv >want
same want got
mk -q dataset || fail "make -q after the rebuild"

# FEATURES=kdd and flows: their own parts and dataset.
mk -j2 FEATURES=kdd dataset >log 2>&1 || fail "kdd: $(cat log)"
mk -j2 FEATURES=flows dataset >log 2>&1 || fail "flows: $(cat log)"
for s in a b c; do
	f=$(ls data/$s.pcap*)
	PATH=$NF_BIN:$PATH "$W/pcap2kdd" "$f" >want 2>/dev/null || fail "kdd"
	same want data/$s.kdd.csv
	pcap2=$NF_BIN/pcap2pkt
	"$pcap2" -r "$f" 2>/dev/null | "$NF_BIN/pkt2flow" 2>/dev/null |
	    "$NF_BIN/flow2csv" >want || fail "flows"
	same want data/$s.flows.csv
done
for ft in kdd flows; do
	{ cat data/a.$ft.csv; tail -n +2 data/b.$ft.csv
	  tail -n +2 data/c.$ft.csv; } >want
	same want dataset.$ft.csv
done
mk -q FEATURES=kdd dataset || fail "kdd not up to date"
mk -q FEATURES=flows dataset || fail "flows not up to date"

# Labels from a Snort fast alert log (no year in its lines: SNORT_OPTS).
# The alert is 1 ms into the HTTP flow of a.pcap (10.1.0.1:40000 ->
# 10.1.0.2:80 at 1700000000 = 2023-11-14 22:13:20 UTC, see gen-cic.py).
cat >alert.fast <<'A'
11/14-22:13:20.001000  [**] [1:1000001:1] WEB test attack [**] [Classification: Web Application Attack] [Priority: 1] {TCP} 10.1.0.1:40000 -> 10.1.0.2:80
A
L="ALERTS=alert.fast SNORT_OPTS=--year=2023"
mk -j2 $L dataset >log 2>&1 || fail "labeled: $(cat log)"
for s in a b c; do
	[ -f data/$s.cic.labeled.csv ] || fail "no data/$s.cic.labeled.csv"
done
head -n 1 dataset.cic.csv | grep ',Label,alert_sid,alert_priority,alert_count$' \
    >/dev/null || fail "labeled header: $(head -n 1 dataset.cic.csv)"
grep -c ',WEB test attack,1000001,1,1$' dataset.cic.csv >got
echo 1 >want
same want got
grep '^10\.1\.0\.1-10\.1\.0\.2-40000-80-6,.*,WEB test attack,' \
    dataset.cic.csv >/dev/null || fail "the alert labeled another flow"
[ "$(wc -l <dataset.cic.csv)" = "$(cat data/*.cic.csv | wc -l | \
    awk '{ print $1 - 2 }')" ] || fail "labeled rows"
mk -q $L dataset || fail "labeled dataset not up to date"
# A new alert log remakes every labeled part, not the features.
touch -d '2 hours ago' data/* *.csv alert.fast
touch -d '1 hour ago' ref
touch alert.fast
mk $L dataset >log 2>&1 || fail "relabel"
find data *.csv -type f -newer ref -name '*.csv' | sort >got
printf '%s\n' data/a.cic.labeled.csv data/b.cic.labeled.csv \
    data/c.cic.labeled.csv dataset.cic.csv netfeat-alerts.csv >want
same want got

# A corrupt capture: the build fails with pcap2pkt's message and leaves
# neither its part nor a dataset nor temporary files.
cp "$CAPS/p2p-corrupt-truncdata.pcap" data/d.pcap
rm -f dataset.cic.csv
mk -j2 PCAPS="data/a.pcap data/d.pcap" dataset >log 2>&1 &&
    fail "make with a corrupt capture succeeded"
grep "^pcap2pkt: corrupt capture 'data/d.pcap'" log >/dev/null ||
    fail "no pcap2pkt message: $(cat log)"
ls data/d.* dataset.cic.csv* data/*.tmp 2>/dev/null | grep -v 'd\.pcap$' &&
    fail "output left after a failed build"

# Parts with different headers are refused.
sed -i '1s/^Flow ID,/Flow-ID,/' data/c.cic.csv
mk dataset >log 2>&1 && fail "different headers accepted"
grep 'header of data/c.cic.csv differs from data/a.cic.csv' log >/dev/null ||
    fail "headers: $(cat log)"
[ -e dataset.cic.csv ] && fail "dataset written with different headers"

# Interrupted: a slow pcap2cic stands in for the real one; SIGTERM to the
# whole make leaves no part and no dataset.
rm -f data/*.cic.csv
mkdir slow
cat >slow/pcap2cic <<'S'
#!/bin/sh
echo 'Flow ID,Label'
echo 'half,a row'
exec sleep 30
S
chmod +x slow/pcap2cic
setsid make --no-print-directory NETFEAT_BIN="$NF_BIN" NETFEAT_SCRIPTS=slow \
    dataset >log 2>&1 &
pid=$!
i=0
until ls data/*.cic.csv.tmp >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -lt 100 ] || { kill -TERM -- -$pid; fail "slow build never began"; }
	sleep 0.1
done
kill -TERM -- -$pid
wait $pid && fail "interrupted make exited 0"
ls data/*.cic.csv dataset.cic.csv 2>/dev/null &&
    fail "complete-looking output after an interrupt"

# netfeat-parts and netfeat-clean.
mk -s netfeat-parts >got || fail "netfeat-parts"
printf '%s\n' data/a.cic.csv data/b.cic.csv data/c.cic.csv >want
same want got
mk $L netfeat-clean >log 2>&1 || fail "netfeat-clean"
ls | sort >got
printf '%s\n' Makefile alert.fast data got log ref slow want >want
same want got
ls data | sort >got
printf '%s\n' a.pcap b.pcap c.pcapng d.pcap >want
same want got
exit 0
