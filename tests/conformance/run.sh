#!/bin/sh
# run.sh: conformance against ../shared/corpus and ../shared/golden.
#   run.sh BUILDDIR SHAREDDIR
# Runs every tests/conformance/cNN-*.sh with NF_BIN, NF_TOOLS, SHARED,
# NF_TESTDIR and a scratch NF_TMP set; each prints its agreement table and
# exits 0 (pass), 77 (skip) or anything else (fail).  Skips everything with
# a message when SHAREDDIR is absent.
B=${1:?usage: run.sh BUILDDIR SHAREDDIR}
S=${2:?usage: run.sh BUILDDIR SHAREDDIR}
top=$(cd "$(dirname "$0")/../.." && pwd)
case "$B" in /*) ;; *) B=$top/$B ;; esac
case "$S" in /*) ;; *) S=$top/$S ;; esac
if [ ! -d "$S/corpus" ]; then
	echo "conformance: $S/corpus not found; skipping (set SHARED=DIR)"
	exit 0
fi
NF_BIN=$B/bin NF_TOOLS=$B/tools SHARED=$S NF_TESTDIR=$top/tests NF_TOP=$top
export NF_BIN NF_TOOLS SHARED NF_TESTDIR NF_TOP
LC_ALL=C
export LC_ALL
pass=0 fail=0 skip=0 failed=
scratch=$(mktemp -d "${TMPDIR:-/tmp}/netfeat-conf.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
for t in "$top"/tests/conformance/c[0-9][0-9]-*.sh; do
	[ -f "$t" ] || continue
	n=$(basename "$t" .sh)
	mkdir -p "$scratch/$n"
	echo "=== $n"
	NF_TMP=$scratch/$n bash "$t"
	rc=$?
	if [ $rc = 0 ]; then pass=$((pass + 1)); echo "ok   $n"
	elif [ $rc = 77 ]; then skip=$((skip + 1)); echo "skip $n"
	else fail=$((fail + 1)); failed="$failed $n"; echo "FAIL $n (exit $rc)"
	fi
done
[ -z "$failed" ] || echo "failed:$failed"
echo "conformance: $pass passed, $fail failed, $skip skipped"
[ $fail = 0 ]
