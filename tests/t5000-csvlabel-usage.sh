# csvlabel: --help, --version, usage errors, unreadable files.
. "$NF_TESTDIR/lib.sh"

printf 'ts,src_ip,dst_ip,msg\n' >a.csv
printf 'start,src_ip,dst_ip\n' >f.csv

expect_exit 0 csvlabel --help >help.out 2>help.err
grep -q '^usage: csvlabel (--alerts ALERTS.csv | --rules RULES.csv)' help.out ||
	fail "--help does not print the usage on stdout"
[ -s help.err ] && fail "--help wrote to stderr"
expect_exit 0 csvlabel -h >/dev/null
expect_exit 0 csvlabel --version >ver.out
grep -q '^csvlabel (netfeat) ' ver.out || fail "bad --version: $(cat ver.out)"

# Usage errors: exit 2, usage on stderr, nothing on stdout.
for args in "" "f.csv" "--alerts" "--alerts a.csv f.csv f.csv" \
    "--alerts a.csv --match 4tuple f.csv" \
    "--alerts a.csv --label-from rev f.csv" \
    "--alerts a.csv --window -1 f.csv" "--alerts a.csv --window x f.csv" \
    "--alerts a.csv --bogus f.csv" "--alerts - --rules - f.csv" \
    "--alerts - f.csv -"; do
	# shellcheck disable=SC2086
	expect_exit 2 csvlabel $args >out 2>err
	[ -s out ] && fail "'$args' wrote to stdout"
	[ -s err ] || fail "'$args' printed no message"
done
csvlabel >/dev/null 2>err
grep -q '^usage: csvlabel' err || fail "no usage on stderr"

# Unreadable inputs: exit 1 naming the file.
expect_exit 1 csvlabel --alerts nonexistent.csv f.csv 2>err
grep -q "^csvlabel: cannot open 'nonexistent.csv'" err || fail "$(cat err)"
expect_exit 1 csvlabel --alerts a.csv nonexistent.csv 2>err
grep -q "^csvlabel: cannot open 'nonexistent.csv'" err || fail "$(cat err)"
# Empty features input: no header.
expect_exit 1 csvlabel --alerts a.csv </dev/null 2>err
grep -q "^csvlabel: no header row" err || fail "$(cat err)"
exit 0
