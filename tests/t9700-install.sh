# t9700: make install DESTDIR=... PREFIX=/usr from the already-built tree,
# the installed wrappers and make include on a test capture (finding the
# programs beside them, not on PATH), the installed man pages (mandoc lint,
# man -l, man -M), make lint, and make uninstall leaving no file behind.
# Empty standard directories (bin, share/man/man1 ...) may stay: they can
# be shared with other software; share/netfeat, ours alone, must go.
. "$NF_TESTDIR/lib.sh"
command -v make >/dev/null || skip "no make"
command -v mandoc >/dev/null || skip "no mandoc"
B=$(dirname "$NF_BIN")
D=$NF_TMP/dest
mkdir "$D"
# Not the make of `make check`: its jobserver is not ours.
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$NF_TOP" B="$B" \
    "$@"; }

# Nothing is rebuilt: the programs keep their times.
ls -l --time-style=full-iso "$NF_BIN" >before
mk install DESTDIR="$D" PREFIX=/usr >log 2>&1 || fail "install: $(cat log)"
ls -l --time-style=full-iso "$NF_BIN" >after
same before after

# Exactly the files the source tree says: every cmd/NAME.c and the two
# wrappers in bin, every page in its section, the make include.
(cd "$NF_TOP" &&
	for c in cmd/*.c; do n=${c#cmd/}; echo "./usr/bin/${n%.c}"; done
	echo ./usr/bin/pcap2cic; echo ./usr/bin/pcap2kdd
	for m in cmd/*.1 scripts/*.1; do echo "./usr/share/man/man1/${m##*/}"; done
	for m in libcommon/*.5; do echo "./usr/share/man/man5/${m##*/}"; done
	for m in scripts/*.7; do echo "./usr/share/man/man7/${m##*/}"; done
	echo ./usr/share/netfeat/netfeat.mk) | sort >want
(cd "$D" && find . -type f | sort) >got
same want got
for p in "$D"/usr/bin/*; do
	[ -x "$p" ] || fail "$p not executable"
done

# The installed wrappers use the programs beside them: PATH has none.
P=/usr/bin:/bin
PATH=$P command -v pcap2pkt >/dev/null && skip "netfeat installed in $P"
cap=$CAPS/cic-basic.pcap
pcap2pkt -q -r "$cap" | pkt2flow --active-timeout 120 | flow2cic >want ||
    fail "explicit cic"
PATH=$P "$D/usr/bin/pcap2cic" "$cap" >got 2>err || fail "installed pcap2cic: $(cat err)"
same want got
pcap2pkt -q -P 256 -r "$cap" | pkt2flow | flow2kdd >want || fail "explicit kdd"
PATH=$P "$D/usr/bin/pcap2kdd" "$cap" >got 2>err || fail "installed pcap2kdd: $(cat err)"
same want got
PATH=$P "$D/usr/bin/pcap2cic" --version >got || fail "installed --version"
grep '^pcap2cic (netfeat) ' got >/dev/null || fail "version: $(cat got)"

# The installed make include, programs and wrappers from NETFEAT_BIN.
mkdir ds
cp "$cap" ds/a.pcap
cat >ds/Makefile <<MK
PCAPS = a.pcap
include $D/usr/share/netfeat/netfeat.mk
MK
PATH=$P env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C ds -s \
    NETFEAT_BIN="$D/usr/bin" dataset >log 2>&1 || fail "installed netfeat.mk: $(cat log)"
PATH=$P "$D/usr/bin/pcap2cic" "$cap" >want 2>/dev/null
same want ds/dataset.cic.csv

# The pages: lint clean, rendered by man, found by name under the prefix.
mandoc -Tlint -W warning "$D"/usr/share/man/man?/* || fail "installed pages lint"
if command -v man >/dev/null; then
	for m in "$D"/usr/share/man/man?/*; do
		n=${m##*/}
		MANPAGER=cat MANWIDTH=80 man -l "$m" >out 2>err ||
		    fail "man -l $n: $(cat err)"
		t=$(echo "${n%.*}" | tr 'a-z' 'A-Z')
		grep "^$t(" out >/dev/null || fail "man -l $n: no title"
	done
	MANPAGER=cat man -M "$D/usr/share/man" pcap2cic >out 2>err ||
	    fail "man -M pcap2cic: $(cat err)"
	grep 'pcap2cic' out >/dev/null || fail "man -M: $(cat out)"
fi
mk lint >log 2>&1 || fail "make lint: $(cat log)"

# Uninstall: no file left, share/netfeat gone; a second run is harmless.
mk uninstall DESTDIR="$D" PREFIX=/usr >log 2>&1 || fail "uninstall: $(cat log)"
(cd "$D" && find . -type f) >got
: >want
same want got
[ -e "$D/usr/share/netfeat" ] && fail "share/netfeat left"
mk uninstall DESTDIR="$D" PREFIX=/usr >log 2>&1 || fail "second uninstall: $(cat log)"
exit 0
