#!/bin/bash
# bench-csvlabel.sh: csvlabel throughput on a synthetic feature CSV.
#   bench-csvlabel.sh [BUILDDIR [MEGABYTES [ALERTS]]]
# Writes a flow2csv-style CSV of MEGABYTES (default 1024) and a snort2csv
# alerts file of ALERTS (default 100000) with build/tools/csvlabel-gen in a
# scratch directory, then times (best of 2 after a warm-up read) the CSV
# reader alone (csvin-count: the parsing floor) and csvlabel --alerts, and
# prints MB/s for both and their ratio, by wall clock and by CPU time
# (user + system; the fair number on a shared machine).  Needs about twice
# MEGABYTES of free space in ${TMPDIR:-/tmp}.
B=${1:-build}
MB=${2:-1024}
N=${3:-100000}
gen=$B/tools/csvlabel-gen
floor=$B/tools/csvin-count
prog=$B/bin/csvlabel
for x in "$gen" "$floor" "$prog"; do
	[ -x "$x" ] || { echo "bench-csvlabel: $x not built (make)" >&2; exit 1; }
done
dir=$(mktemp -d "${TMPDIR:-/tmp}/netfeat-bench-csvlabel.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT INT TERM
"$gen" "$dir/f.csv" "$dir/a.csv" "$MB" "$N" || exit 1
bytes=$(wc -c <"$dir/f.csv")
cat "$dir/f.csv" >/dev/null

# best CMD...: "wall cpu" seconds of the faster of two runs.
best() {
	local b= r
	for i in 1 2; do
		r=$( { TIMEFORMAT='%R %U %S'; time "$@" >"$dir/out"; } 2>&1 ) ||
			{ echo "bench-csvlabel: $* failed" >&2; exit 1; }
		r=$(echo "$r" | awk '{ print $1, $2 + $3 }')
		if [ -z "$b" ] || awk -v r="$r" -v b="$b" \
		    'BEGIN { split(r, x, " "); split(b, y, " "); exit !(x[1] < y[1]) }'
		then
			b=$r
		fi
	done
	echo "$b"
}
read -r wf cf <<<"$(best "$floor" "$dir/f.csv")"
read -r wl cl <<<"$(best "$prog" --alerts "$dir/a.csv" "$dir/f.csv")"
labeled=$(awk -F, 'NR > 1 && $NF > 0' "$dir/out" | wc -l)
awk -v b="$bytes" -v wf="$wf" -v cf="$cf" -v wl="$wl" -v cl="$cl" \
    -v n="$N" -v l="$labeled" 'BEGIN {
	mb = b / 1048576
	printf "csvlabel: %.0f MB feature CSV, %d alerts, %d rows labeled\n", mb, n, l
	printf "                    wall            cpu (user+sys)\n"
	printf "  csv reader alone  %6.2f s %6.1f MB/s  %6.2f s %6.1f MB/s\n", wf, mb / wf, cf, mb / cf
	printf "  csvlabel          %6.2f s %6.1f MB/s  %6.2f s %6.1f MB/s\n", wl, mb / wl, cl, mb / cl
	printf "  csvlabel / reader %.2fx wall, %.2fx cpu\n", wl / wf, cl / cf
}'
