# Out-of-order timestamps: counted (END and stderr), the flow's last
# timestamp never goes back: duration 1 s, not negative.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/flowlib.sh"
pcap2pkt -q -r "$CAPS/flow-ooo.pcap" > pk.nf || fail pcap2pkt
pkt2flow pk.nf > fl.nf 2> err || fail pkt2flow
grep -q '^pkt2flow: 1 packets with out-of-order timestamps$' err ||
    fail "no out-of-order message"
pktdump fl.nf | tail -n 1 | tr ' ' '\n' | grep -qx 'pkt2flow.out_of_order=1' ||
    fail "out_of_order counter"
rows
cut -d, -f2-4,11,12 rows.csv | tail -n 1 > got
echo '1700000005.000000,1700000006.000000,1.000000,2,1' > want
same want got
