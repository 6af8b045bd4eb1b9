# t9790: every program in NF_BIN follows the conventions: --help prints its
# usage on stdout and exits 0; --version prints "NAME (netfeat) VERSION"
# and exits 0; an unknown option exits 2 with the usage on stderr and
# nothing on stdout; -h is --help; each has its man page cmd/NAME.1, whose
# NAME section names it.
. "$NF_TESTDIR/lib.sh"
ver=$(sed -n 's/^#define NETFEAT_VERSION "\(.*\)"$/\1/p' \
    "$NF_TOP/libcommon/util.h")
[ -n "$ver" ] || fail "no NETFEAT_VERSION in util.h"
bad=
n=0
for p in "$NF_BIN"/*; do
	[ -f "$p" ] && [ -x "$p" ] || continue
	name=${p##*/}
	n=$((n + 1))
	why=
	"$p" --help </dev/null >out 2>err
	st=$?
	[ $st = 0 ] || why="$why --help exit $st;"
	grep "^usage: $name " out >/dev/null || why="$why --help: no usage on stdout;"
	[ -s err ] && why="$why --help wrote to stderr;"
	"$p" -h </dev/null >out2 2>/dev/null
	cmp -s out out2 || why="$why -h differs from --help;"
	"$p" --version </dev/null >out 2>err
	st=$?
	[ $st = 0 ] || why="$why --version exit $st;"
	[ "$(cat out)" = "$name (netfeat) $ver" ] ||
	    why="$why --version printed '$(head -c 60 out)';"
	"$p" --no-such-option </dev/null >out 2>err
	st=$?
	[ $st = 2 ] || why="$why unknown option exit $st;"
	[ -s out ] && why="$why unknown option wrote to stdout;"
	grep "usage: $name " err >/dev/null ||
	    why="$why unknown option: no usage on stderr;"
	m=$NF_TOP/cmd/$name.1
	if [ -f "$m" ]; then
		grep "^\.Nm $name\$" "$m" >/dev/null || why="$why $m: no .Nm $name;"
	else
		why="$why no man page cmd/$name.1;"
	fi
	if [ -n "$why" ]; then
		echo "$name:$why" >&2
		bad="$bad $name"
	fi
done
[ $n -ge 9 ] || fail "only $n programs in $NF_BIN"
[ -z "$bad" ] || fail "programs off the conventions:$bad"
exit 0
