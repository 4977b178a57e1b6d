#!/bin/sh
# Runs one CLI test file.  Format of a .t file:
#   args: <arguments, with @SRC@ replaced by the source tree>
#   exit: <expected exit code>
#   ---
#   <expected stdout+stderr, exactly>
# Lines before '---' other than args/exit are comments (# ...).
set -u
PARLEY=$1
TEST=$2
SRC=$3
args=$(sed -n 's/^args: //p' "$TEST" | head -n 1 | sed "s|@SRC@|$SRC|g")
want_exit=$(sed -n 's/^exit: //p' "$TEST" | head -n 1)
expected=$(mktemp)
actual=$(mktemp)
sed '1,/^---$/d' "$TEST" | sed "s|@SRC@|$SRC|g" >"$expected"
cd "$SRC" || exit 2
# shellcheck disable=SC2086
eval "\"$PARLEY\" $args" >"$actual" 2>&1
got_exit=$?
status=0
if [ "$got_exit" != "$want_exit" ]; then
    echo "exit code: expected $want_exit, got $got_exit"
    status=1
fi
if ! diff -u "$expected" "$actual"; then
    status=1
fi
rm -f "$expected" "$actual"
exit $status
