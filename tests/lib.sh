# lib.sh: helpers sourced by the shell tests (bash).  Each test runs with
# NF_BIN (programs), NF_TOOLS (test helpers), NF_TESTDIR (this directory)
# and NF_TMP (an empty scratch directory) set; exit 0 pass, 77 skip.
set -u
set -o pipefail
PATH=$NF_BIN:$PATH
cd "$NF_TMP" || exit 1
CAPS=$NF_TESTDIR/captures
# Debian's own python3 (the one python3-scapy installs into).
PY=/usr/bin/python3

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "$*"; exit 77; }

# expect_exit CODE CMD...: run CMD, require exit status CODE.
expect_exit() {
	want=$1; shift
	"$@"; got=$?
	[ "$got" = "$want" ] || fail "'$*' exited $got, expected $want"
}

# Compare expected and actual files.
same() { diff -u "$1" "$2" || fail "$2 differs from $1"; }

need_scapy() { $PY -c 'import scapy' 2>/dev/null || skip "no scapy"; }
need_tshark() { command -v tshark >/dev/null || skip "no tshark"; }
