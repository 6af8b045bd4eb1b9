#!/bin/sh
# run-tests.sh: run the Check unit tests and the shell tests against the
# binaries in build directory B; prints one line per test and a closing
# "N passed, N failed, N skipped" line; exits 1 if any failed.
#   run-tests.sh [--unit-only|--shell-only] B [PATTERN]
mode=all
case "${1:-}" in
--unit-only) mode=unit; shift ;;
--shell-only) mode=shell; shift ;;
esac
B=${1:?usage: run-tests.sh [--unit-only|--shell-only] BUILDDIR [PATTERN]}
pat=${2:-}
top=$(cd "$(dirname "$0")/.." && pwd)
case "$B" in /*) ;; *) B=$top/$B ;; esac

NF_BIN=$B/bin NF_TOOLS=$B/tools NF_TESTDIR=$top/tests NF_TOP=$top
export NF_BIN NF_TOOLS NF_TESTDIR NF_TOP
LC_ALL=C
export LC_ALL
pass=0 fail=0 skip=0 failed=
scratch=$(mktemp -d "${TMPDIR:-/tmp}/netfeat-tests.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

run() {
	name=$1; shift
	out=$scratch/$name.out
	"$@" >"$out" 2>&1
	rc=$?
	if [ $rc = 0 ]; then
		pass=$((pass + 1)); echo "ok   $name"
	elif [ $rc = 77 ]; then
		skip=$((skip + 1)); echo "skip $name: $(tail -n 1 "$out")"
	else
		fail=$((fail + 1)); failed="$failed $name"
		echo "FAIL $name (exit $rc)"
		sed 's/^/    | /' "$out" | tail -n 40
	fi
}

if [ $mode != shell ]; then
	for u in "$B"/tests/check_*; do
		[ -x "$u" ] || continue
		case "$u" in *.d|*.o) continue ;; esac
		n=$(basename "$u")
		[ -z "$pat" ] || case "$n" in *$pat*) ;; *) continue ;; esac
		run "$n" "$u"
	done
fi
if [ $mode != unit ]; then
	for t in "$top"/tests/t[0-9][0-9][0-9][0-9]-*.sh; do
		[ -f "$t" ] || continue
		n=$(basename "$t" .sh)
		[ -z "$pat" ] || case "$n" in *$pat*) ;; *) continue ;; esac
		mkdir -p "$scratch/$n.d"
		run "$n" env NF_TMP="$scratch/$n.d" bash "$t"
	done
fi
[ -z "$failed" ] || echo "failed:$failed"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail = 0 ]
