# t4080: time zones and the missing year.  Epochs by hand:
# 2021-07-04 is day 18812 (18628 + 181 + 3), 12:00 EDT = 16:00Z ->
# 1625356800 + 57600 = 1625414400; 2020-12-31T23:59:59Z = 1609459199.
. "$NF_TESTDIR/lib.sh"

echo '07/04-12:00:00.000000  [**] [1:1:1] m [**] {TCP} 10.0.0.1:1 -> 10.0.0.2:2' >ny.log
TZ=America/New_York snort2csv --year 2021 ny.log >out || fail "TZ env"
[ "$(tail -n 1 out | cut -d, -f1)" = 1625414400.000000 ] ||
    fail "TZ env: $(tail -n 1 out)"
TZ=UTC snort2csv --year 2021 --tz America/New_York ny.log >out ||
    fail "--tz"
[ "$(tail -n 1 out | cut -d, -f1)" = 1625414400.000000 ] ||
    fail "--tz: $(tail -n 1 out)"
# -y form carries its year: --year does not change it.
echo '07/04/21-12:00:00.000000  [**] [1:1:1] m [**] {TCP} 10.0.0.1:1 -> 10.0.0.2:2' >y.log
snort2csv --year 1999 --tz America/New_York y.log >out 2>err || fail "-y"
[ "$(tail -n 1 out | cut -d, -f1)" = 1625414400.000000 ] || fail "-y"
[ -s err ] && fail "-y: warned: $(cat err)"

# No --year: the year of the file's modification time, one warning for
# the whole run; a December alert in a file written in January belongs
# to the year before.
echo '12/31-23:59:59.000000  [**] [1:1:1] m [**] {TCP} 10.0.0.1:1 -> 10.0.0.2:2' >dec.log
cp dec.log dec2.log
touch -d '2021-01-05 12:00:00 UTC' dec.log dec2.log
TZ=UTC snort2csv dec.log dec2.log >out 2>err || fail "mtime: exit $?"
[ "$(sed -n 2p out | cut -d, -f1)" = 1609459199.000000 ] ||
    fail "mtime year: $(cat out)"
[ "$(grep -c 'have no year' err)" = 1 ] || fail "mtime: $(cat err)"
grep -q "timestamps in 'dec.log' have no year: using 2021 from the file's modification time" err ||
    fail "mtime message: $(cat err)"
exit 0
