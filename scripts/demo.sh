#!/bin/sh
# demo.sh: the whole netfeat pipeline on a small bundled capture.
#   demo.sh BUILDDIR
# tests/captures/demo-mixed.pcap (made by gen-demo.py: HTTP, DNS, ping, a
# telnet root login, an anonymous FTP upload, a SYN scan) goes through
# pcap2pkt and pktdump, pcap2cic, pcap2kdd, the flow table, snort2csv on
# tests/captures/demo-alert.fast and csvlabel; a few rows and columns of
# each output are printed as a table under a "== " heading.
set -eu
B=${1:?usage: demo.sh BUILDDIR}
top=$(cd "$(dirname "$0")/.." && pwd)
case "$B" in /*) ;; *) B=$top/$B ;; esac
cap=$top/tests/captures/demo-mixed.pcap
alerts=$top/tests/captures/demo-alert.fast
PATH=$B/bin:$top/scripts:$PATH
export PATH
tmp=$(mktemp -d "${TMPDIR:-/tmp}/netfeat-demo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# Stage summaries go to a log, shown only when a step fails.
log=$tmp/log

# show FILE COLUMNS [ROWS]: print the named columns (comma-separated) of
# CSV FILE as an aligned table, at most ROWS rows (default 8).  The demo's
# CSVs have no quoted commas.
show() {
	awk -F, -v want="$2" -v max="${3:-8}" '
	NR == 1 {
		n = split(want, w, ",")
		for (i = 1; i <= n; i++)
			for (j = 1; j <= NF; j++)
				if ($j == w[i]) col[i] = j
		for (i = 1; i <= n; i++)
			if (!(i in col)) {
				print "demo.sh: no column " w[i] > "/dev/stderr"
				exit 1
			}
	}
	NR <= max + 1 {
		for (i = 1; i <= n; i++) {
			cell[NR, i] = $col[i]
			if (length($col[i]) > wid[i]) wid[i] = length($col[i])
		}
		rows = NR
	}
	END {
		for (r = 1; r <= rows; r++) {
			line = ""
			for (i = 1; i <= n; i++)
				line = line sprintf("%-*s  ", wid[i], cell[r, i])
			sub(/ +$/, "", line)
			print line
		}
		if (NR > rows)
			printf "... %d more rows\n", NR - rows
	}' "$1"
}

# run OUT CMD...: CMD's stdout to OUT; on failure show the log and stop.
run() {
	out=$1
	shift
	"$@" >"$out" 2>>"$log" || {
		st=$?
		cat "$log" >&2
		echo "demo.sh: failed (exit $st): $*" >&2
		exit 1
	}
}
# The flow table pipeline; pipefail by hand: a failing stage leaves a file.
flows() {
	{ pcap2pkt -q -r "$cap" || echo 1 >"$tmp/fail"; } |
	    { pkt2flow || echo 2 >"$tmp/fail"; } |
	    { flow2csv || echo 3 >"$tmp/fail"; }
	[ ! -e "$tmp/fail" ]
}

echo "netfeat demo on $(basename "$cap") ($(wc -c <"$cap") bytes)"
echo

echo "== Packets: pcap2pkt -r demo-mixed.pcap | pktdump (first 6)"
run "$tmp/pkt" pcap2pkt -q -r "$cap"
run "$tmp/dump" pktdump "$tmp/pkt"
head -n 6 "$tmp/dump"
echo

echo "== CICFlowMeter features: pcap2cic demo-mixed.pcap (8 of 84 columns)"
run "$tmp/cic.csv" pcap2cic "$cap"
show "$tmp/cic.csv" "Src IP,Src Port,Dst IP,Dst Port,Protocol,Flow Duration,\
Total Fwd Packet,Total Bwd packets"
echo

echo "== KDD Cup'99 features: pcap2kdd demo-mixed.pcap (14 of 41 features)"
run "$tmp/kdd.csv" pcap2kdd "$cap"
show "$tmp/kdd.csv" "src_ip,dst_ip,service,flag,src_bytes,dst_bytes,\
logged_in,root_shell,num_access_files,is_host_login,is_guest_login,\
num_file_creations,count,rerror_rate" 12
echo

echo "== Flow table: pcap2pkt -r demo-mixed.pcap | pkt2flow | flow2csv"
run "$tmp/flows.csv" flows
show "$tmp/flows.csv" "flow_id,src_ip,src_port,dst_ip,dst_port,protocol,\
fwd_packets,bwd_packets,fwd_bytes,bwd_bytes,end_reason"
echo

echo "== Alerts: snort2csv --year 2020 --tz UTC demo-alert.fast"
run "$tmp/alerts.csv" snort2csv --year 2020 --tz UTC "$alerts"
show "$tmp/alerts.csv" "ts,sid,msg,src_ip,src_port,dst_ip,dst_port"
echo

echo "== Labeled CIC rows with an alert:" \
    "csvlabel --alerts alerts.csv --window 2"
echo "(hosts and time window match: the scan alert labels every scan flow)"
run "$tmp/labeled.csv" csvlabel --alerts "$tmp/alerts.csv" --window 2 \
    "$tmp/cic.csv"
awk -F, 'NR == 1 { for (j = 1; j <= NF; j++) if ($j == "alert_count") c = j }
    NR == 1 || $c > 0' "$tmp/labeled.csv" >"$tmp/alerted.csv"
show "$tmp/alerted.csv" "Src IP,Src Port,Dst IP,Dst Port,Label,alert_sid,\
alert_count"
echo
echo "$(($(wc -l <"$tmp/labeled.csv") - 1)) flows labeled," \
    "$(($(wc -l <"$tmp/alerted.csv") - 1)) by an alert, the others BENIGN."
