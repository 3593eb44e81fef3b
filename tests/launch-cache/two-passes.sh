#!/bin/sh
# tests/launch-cache/two-passes.sh RUN-TESTS DIR: runs the whole test suite
# twice with LDSO_TEST_LAUNCH_CACHE=DIR/cache, so that every direct start of
# our linker in a differential test uses one launch cache (the harness adds
# --launch-cache): the first pass records (cold), the second replays (warm).
# Both passes must pass.  Then it says how many cache files the first pass
# wrote and how many of them the second replayed without writing them again
# (a replay that finds an input changed writes the file anew), and fails if
# it replayed none.
set -eu
run_tests=$1
dir=$2
rm -rf "$dir"
mkdir -m 700 "$dir"
cache=$dir/cache
# The linker records nothing younger than two seconds: let the fixtures age.
sleep 2
for pass in cold warm; do
	echo "launch cache, $pass pass:"
	LDSO_TEST_LAUNCH_CACHE=$cache "$run_tests" --jobs 2 >"$dir/$pass.log" 2>&1 ||
		{ grep -E '^\[(FAIL|----)\]' "$dir/$pass.log" | head -40; tail -1 "$dir/$pass.log"; exit 1; }
	tail -1 "$dir/$pass.log"
	# inode and modification time of every cache file
	find "$cache" -type f -printf '%f %i %T@\n' | sort >"$dir/$pass.files"
done
written=$(wc -l <"$dir/cold.files")
kept=$(comm -12 "$dir/cold.files" "$dir/warm.files" | wc -l)
echo "launch cache: the cold pass wrote $written cache files; the warm pass replayed $kept of them unchanged"
[ "$kept" -gt 0 ]
