# flow2kdd: anonymous FTP login (is_guest_login) and a passive data connection.
. "$NF_TESTDIR/lib.sh"
. "$NF_TESTDIR/kdd-lib.sh"
need_pipeline

kdd "$CAPS/kdd-ftp-anon.pcap" f.csv
# Row 1, the control connection: USER anonymous + 230: guest, logged in.
# Row 2, to 10.0.0.1:50000 announced by "227 ... (10,0,0,1,195,80)"
# (195 * 256 + 80 = 50000): ftp_data, 300 bytes from the server.
echo "service=ftp flag=SF logged_in=1 is_guest_login=1 \
num_failed_logins=0 " > want1
row 1 f.csv service flag logged_in is_guest_login num_failed_logins > got1
same want1 got1
echo "dst_port=50000 service=ftp_data flag=SF src_bytes=0 dst_bytes=300 \
is_guest_login=0 " > want2
row 2 f.csv dst_port service flag src_bytes dst_bytes is_guest_login > got2
same want2 got2
exit 0
