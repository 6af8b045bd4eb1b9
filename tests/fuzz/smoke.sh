#!/bin/sh
# smoke.sh: run every built libFuzzer target for a bounded time on a seed
# corpus; fail if any crashes, leaks, times out or runs out of memory.
#   smoke.sh FUZZDIR SECONDS SHARED [TARGET...]
#
# Seeds (copied into a temporary corpus, so the tree is never modified):
# tests/fuzz/seeds-NAME/ for target fuzz_NAME, the tests' own captures
# (tests/captures) and every file of SHARED/corpus (alerts included) up to
# MAXSEED bytes; fuzz_record instead gets the record streams the built
# stages make of the tests' captures (when $NF_BIN, default build/bin, has
# them).
# Crash inputs are saved as tests/fuzz/crashes/NAME-crash-<sha1> (and
# leak-, timeout-, oom-) for the developer to turn into regression tests.
set -u
dir=${1:?usage: smoke.sh FUZZDIR SECONDS SHARED [TARGET...]}
secs=${2:?usage: smoke.sh FUZZDIR SECONDS SHARED [TARGET...]}
shared=${3:-../shared}
if [ $# -ge 3 ]; then shift 3; else shift $#; fi
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${NF_BIN:-$top/build/bin}
crashes=$top/tests/fuzz/crashes
MAXSEED=262144
mkdir -p "$crashes"
work=$(mktemp -d "${TMPDIR:-/tmp}/netfeat-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

# add_seeds DIR FILE...: copy regular files no larger than MAXSEED.
add_seeds() {
	to=$1; shift
	for f in "$@"; do
		[ -f "$f" ] || continue
		[ "$(wc -c <"$f")" -le $MAXSEED ] || continue
		cp "$f" "$to/$(printf '%s' "$f" | cksum | cut -d' ' -f1)" ||
			return 1
	done
}

ntarget=0 nfail=0 failed=
for t in "$dir"/fuzz_*; do
	[ -x "$t" ] && [ -f "$t" ] || continue
	case "$t" in *.d|*.o) continue ;; esac
	base=${t##*/}
	name=${base#fuzz_}
	if [ $# -gt 0 ]; then
		case " $* " in *" $base "*|*" $name "*) ;; *) continue ;; esac
	fi
	ntarget=$((ntarget + 1))
	corpus=$work/$name
	mkdir -p "$corpus"
	add_seeds "$corpus" "$top/tests/fuzz/seeds-$name"/*
	# Captures and logs mean nothing to the record reader.
	[ "$name" = record ] || add_seeds "$corpus" "$top"/tests/captures/*
	if [ "$name" != record ] && [ -d "$shared/corpus" ]; then
		# shellcheck disable=SC2046
		add_seeds "$corpus" $(find "$shared/corpus" -type f \
		    ! -name MANIFEST.tsv | sort)
	fi
	if [ "$name" = record ] && [ -x "$bin/pcap2pkt" ]; then
		i=0
		for c in "$top"/tests/captures/*.pcap*; do
			[ -f "$c" ] || continue
			i=$((i + 1))
			"$bin/pcap2pkt" -r "$c" >"$corpus/pkt$i" 2>/dev/null
			[ -x "$bin/pkt2flow" ] &&
			    "$bin/pkt2flow" <"$corpus/pkt$i" \
			    >"$corpus/flow$i" 2>/dev/null
			[ $i -lt 40 ] || break
		done
		find "$corpus" -type f -size +${MAXSEED}c -exec rm -f {} +
	fi
	nseed=$(find "$corpus" -type f | wc -l)
	log=$work/$name.log
	"$t" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
	    -close_fd_mask=1 -print_final_stats=1 \
	    -artifact_prefix="$crashes/$name-" "$corpus" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	if [ $rc = 0 ]; then
		echo "ok   $base: ${runs:-?} runs in ${secs}s from $nseed seeds"
	else
		nfail=$((nfail + 1)); failed="$failed $base"
		echo "FAIL $base (exit $rc); inputs saved under $crashes:"
		grep -E '^(==[0-9]+==|SUMMARY|artifact_prefix|Test unit written)' \
		    "$log" | sed 's/^/    | /' | head -n 20
		grep -A 12 'ERROR:' "$log" | sed 's/^/    | /' | head -n 30
	fi
done
if [ $ntarget = 0 ]; then
	echo "smoke.sh: no fuzz targets in $dir" >&2
	exit 1
fi
[ -z "$failed" ] || echo "failed:$failed"
echo "$ntarget targets, $nfail failed"
[ $nfail = 0 ]
