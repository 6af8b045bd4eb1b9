# --progress writes only to stderr (stdout byte-identical); SIGUSR1 prints
# the counters; SIGPIPE ends pcap2pkt quietly.
. "$NF_TESTDIR/lib.sh"
B=$CAPS/p2p-basic.pcap
set -- ; for i in $(seq 200); do set -- "$@" -r "$B"; done
pcap2pkt -q "$@" >plain.bin 2>plain.err || fail "plain run"
pcap2pkt -q --progress "$@" >prog.bin 2>prog.err || fail "--progress run"
cmp plain.bin prog.bin || fail "--progress changed stdout"
[ ! -s plain.err ] || fail "stderr without --progress: $(cat plain.err)"
# At least the final clearing of the line: a carriage return.
grep -q "$(printf '\r')" prog.err || fail "no progress line on stderr"
# Automatic when standard error is a terminal and the input a file.
if command -v script >/dev/null; then
	script -qec "pcap2pkt -q $* >auto.bin" /dev/null >auto.tty 2>&1 ||
	    fail "pcap2pkt under script"
	cmp plain.bin auto.bin || fail "automatic progress changed stdout"
	grep -q 'packets' auto.tty || fail "no automatic progress on a tty"
fi
# SIGPIPE: quiet, killed by the signal (or exit 0 if all fitted).
pcap2pkt -q "$@" 2>pipe.err | head -c 10 >/dev/null
rc=${PIPESTATUS[0]}
[ $rc = 141 ] || [ $rc = 0 ] || fail "SIGPIPE: exit $rc"
[ ! -s pipe.err ] || fail "SIGPIPE message: $(cat pipe.err)"
# SIGUSR1 on a capture arriving through a pipe.
mkfifo in.fifo || skip "no mkfifo"
pcap2pkt -q <in.fifo >usr1.bin 2>usr1.err &
pid=$!
exec 3>in.fifo
head -c 250 "$B" >&3
sleep 0.3
kill -USR1 $pid
tail -c +251 "$B" >&3
exec 3>&-
wait $pid || fail "pcap2pkt after SIGUSR1"
grep -q '^pcap2pkt: read [0-9]*, written' usr1.err ||
    fail "no counters after SIGUSR1: $(cat usr1.err)"
pktdump --csv usr1.bin | grep -c '^pkt,' >n.txt
[ "$(cat n.txt)" = 7 ] || fail "SIGUSR1 run lost packets"
exit 0
