#!/bin/sh
# Runs real programs of this machine under the system's ld.so and ours and
# prints, side by side, the instructions executed inside each linker (its
# own code only, counted by valgrind --tool=callgrind), the wall time of the
# whole process, and the ratios ours/system.  bench/bench.mk calls it
# (make bench-real, and make bench after run.sh's tables); every setting
# comes from the environment:
#
#   BENCH_REAL    the programs: commands separated by ";", each split into
#                 words at blanks (no quoting, no globbing), default
#                 "/usr/bin/true; /usr/bin/ls -l /usr/lib;
#                  /usr/bin/python3 -c pass; /usr/bin/clangd --version"
#                 (clangd needs 67 libraries, the most of the programs of
#                 this machine that take --version)
#   BENCH_RUNS    timed runs per linker and program, 5 (the median is
#                 shown); the runs alternate system, ours, system, ours...
#                 (timeit -a) so that a burst of noise hits both alike
#   BENCH_TIMEOUT seconds after which one run counts as failed, 900
#   BENCH_DIR     build/bench; the callgrind profiles are kept under
#                 BENCH_DIR/real/ for callgrind_annotate
#   SYSTEM        the system's ld.so, /lib64/ld-linux-x86-64.so.2
#   OURS          our ld.so, build/ld.so
#   TIMEIT        the timing helper (bench/timeit.c), BENCH_DIR/timeit
#
# Every run, counted, timed or checked, gets the same fixed environment,
# env -i PATH=/usr/bin:/bin LC_ALL=C, and stdin /dev/null.  A linker that
# fails a program gets "fails (exit S)" in its cells; the table goes on.  If
# both run it but their outputs (stdout and stderr of one plain run each)
# differ, the cells say MISMATCH and the script exits 1 after the table.
set -u
. "$(dirname "$0")/common.sh"

BENCH_REAL=${BENCH_REAL:-/usr/bin/true; /usr/bin/ls -l /usr/lib; /usr/bin/python3 -c pass; /usr/bin/clangd --version}

profiles=$BENCH_DIR/real
mkdir -p "$profiles"
rm -f "$profiles"/*.callgrind

# resources LDSO PROGRAM ARGS...: "FAULTS RSS" of the program under LDSO
# (timeit -r), or "- -" when the run failed or could not be traced.
resources() {
	out=$(clean "$TIMEIT" -r "$BENCH_RUNS" "$@")
	case $out in [0-9]*) echo "$out" ;; *) echo "- -" ;; esac
}

# linker_ir FILE OBJECT: the instructions that the callgrind profile FILE
# charges to code of OBJECT, the sum of the self cost of its functions.
# Cost lines are "POSITIONS COSTS" (as many positions as the "positions:"
# header names; they may be relative, +N -N *, but only the costs matter
# here), charged to the latest "ob=" object; "fl=", "fi=", "fe=", "fn="
# change the file or function, not the object.  The line after "calls=" is
# the inclusive cost of a call, the callee's cost and not the caller's, so
# it is skipped.  Names may be compressed: "ob=(N) NAME" defines N,
# "ob=(N)" refers to it, and "cob=" (a callee's object) defines numbers of
# the same table.  As a check of the parsing, all cost lines together must
# add up to the "totals:" line; if they do not, prints "fails (parse)".
linker_ir() {
	awk -v obj="$2" '
	function name(s,   n) {
		if (s !~ /^\([0-9]+\)/)
			return s
		n = substr(s, 2, index(s, ")") - 2)
		s = substr(s, index(s, ")") + 1)
		sub(/^[ \t]+/, "", s)
		if (s != "")
			names[n] = s
		return names[n]
	}
	BEGIN { npos = 1; ev = 1 }
	/^positions:/ { npos = NF - 1 }
	/^events:/ { for (i = 2; i <= NF; i++) if ($i == "Ir") ev = i - 1 }
	/^totals:/ { totals += $(ev + 1) }
	/^ob=/ { ob = name(substr($0, 4)) }
	/^cob=/ { name(substr($0, 5)) }
	/^calls=/ { inclusive = 1 }
	/^[0-9+*-]/ {
		if (inclusive) { inclusive = 0; next }
		all += $(npos + ev)
		if (ob == obj)
			self += $(npos + ev)
	}
	END {
		if (all != totals)
			print "fails (parse)"
		else
			printf "%d\n", self
	}' "$1"
}

# instructions LDSO PROFILE COMMAND...: the instructions executed inside
# LDSO while it runs COMMAND under callgrind, which writes PROFILE; or a
# failure.
instructions() {
	ldso=$1 profile=$2
	shift 2
	clean timeout "$BENCH_TIMEOUT" "$VALGRIND" --tool=callgrind \
		"--callgrind-out-file=$profile" "$ldso" "$@" >/dev/null 2>"$tmp/vg"
	status=$?
	if [ "$status" -ne 0 ]; then
		describe "$status"
		return
	fi
	# valgrind names an object by its real path: /lib64/ld-linux-x86-64.so.2
	# is /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 in the profile.
	linker_ir "$profile" "$(readlink -f "$ldso")"
}

# milliseconds OUTPUT: a cell for one line of bench/timeit.c's output.
milliseconds() {
	case $1 in
	fail\ *) describe "${1#fail }" ;;
	signal\ *) echo "fails (signal ${1#signal })" ;;
	"") echo "fails (timeit)" ;;
	*) echo "${1#* }" ;;
	esac
}

# The commands, split at ";" and then at blanks; the program column is as
# wide as the longest command.
set -f
width=7
for len in $(echo "$BENCH_REAL" | tr ';' '\n' | awk 'NF { $1 = $1; print length($0) }'); do
	[ "$len" -gt "$width" ] && width=$len
done
dashes=$(printf "%$((width + 2))s" "" | tr ' ' -)

row() {
	printf "| %-${width}s | %4s | %15s | %15s | %6s | %9s | %9s | %6s | %15s | %9s | %15s | %8s |\n" "$@"
}

echo "Real programs: system = $SYSTEM, ours = $OURS."
echo "libs: shared libraries loaded at start-up ($SYSTEM --list);"
echo "ld.so Ir: instructions executed inside the linker's own code (callgrind,"
echo "self cost of its object; code it calls in libc, IFUNC resolvers and"
echo "constructors included, is not counted); ms: wall time of the whole process,"
echo "median of $BENCH_RUNS runs alternating the linkers; ratio = ours / system;"
echo "cold, warm: ours with --launch-cache, the first start (records) and the"
echo "second (replays); cold/ours = cold / ours, warm/sys = warm / system."
echo
row program libs "system ld.so Ir" "ours ld.so Ir" ratio "system ms" "ours ms" ratio \
	"cold ld.so Ir" "cold/ours" "warm ld.so Ir" "warm/sys"
echo "|$dashes|------|-----------------|-----------------|--------|-----------|-----------|--------|-----------------|-----------|-----------------|----------|"
i=0
old_ifs=$IFS
IFS=';'
for cmd in $BENCH_REAL; do
	IFS=$old_ifs # the list is split already; now split the command at blanks
	# shellcheck disable=SC2086
	set -- $cmd
	[ $# -eq 0 ] && continue
	i=$((i + 1))
	label="$*"
	base=$profiles/$i-${1##*/}

	libs=$(clean "$SYSTEM" --list "$1" 2>/dev/null | grep -c ' => ')

	# One plain run each: does it work, and do the outputs agree?
	clean timeout "$BENCH_TIMEOUT" "$SYSTEM" "$@" >"$tmp/sys.out" 2>&1
	sys_status=$?
	clean timeout "$BENCH_TIMEOUT" "$OURS" "$@" >"$tmp/ours.out" 2>&1
	ours_status=$?
	run_sys=0 run_ours=0
	if [ "$sys_status" -ne 0 ]; then
		sys_ir=$(describe "$sys_status") sys_ms=$sys_ir
	else
		run_sys=1
	fi
	if [ "$ours_status" -ne 0 ]; then
		ours_ir=$(describe "$ours_status") ours_ms=$ours_ir
	elif [ "$sys_status" -eq 0 ] && ! cmp -s "$tmp/sys.out" "$tmp/ours.out"; then
		ours_ir=MISMATCH ours_ms=MISMATCH mismatch=1
		report_mismatch "$label"
	else
		run_ours=1
	fi

	[ "$run_sys" -eq 1 ] && sys_ir=$(instructions "$SYSTEM" "$base.system.callgrind" "$@")
	[ "$run_ours" -eq 1 ] && ours_ir=$(instructions "$OURS" "$base.ours.callgrind" "$@")
	# With a launch cache: the first start records (cold), the second replays.
	cold_ir=- warm_ir=-
	if [ "$run_ours" -eq 1 ]; then
		rm -rf "$tmp/launch-cache"
		cold_ir=$(instructions "$OURS" "$base.cold.callgrind" --launch-cache "$tmp/launch-cache" "$@")
		warm_ir=$(instructions "$OURS" "$base.warm.callgrind" --launch-cache "$tmp/launch-cache" "$@")
	fi

	# The timed runs, alternating system and ours.
	if [ "$run_sys" -eq 1 ] && [ "$run_ours" -eq 1 ]; then
		clean "$TIMEIT" -a "$OURS" "$BENCH_RUNS" "$SYSTEM" "$@" >"$tmp/ms"
		sys_ms=$(milliseconds "$(sed -n 1p "$tmp/ms")")
		ours_ms=$(milliseconds "$(sed -n 2p "$tmp/ms")")
	elif [ "$run_sys" -eq 1 ]; then
		sys_ms=$(milliseconds "$(clean "$TIMEIT" "$BENCH_RUNS" "$SYSTEM" "$@")")
	elif [ "$run_ours" -eq 1 ]; then
		ours_ms=$(milliseconds "$(clean "$TIMEIT" "$BENCH_RUNS" "$OURS" "$@")")
	fi

	row "$label" "$libs" "$(group "$sys_ir")" "$(group "$ours_ir")" \
		"$(ratio "$sys_ir" "$ours_ir")" "$sys_ms" "$ours_ms" \
		"$(ratio "$sys_ms" "$ours_ms")" "$(group "$cold_ir")" \
		"$(ratio "$ours_ir" "$cold_ir")" "$(group "$warm_ir")" "$(ratio "$sys_ir" "$warm_ir")"
	# Page faults and peak RSS (medians), system calls (one run, strace).
	if [ "$run_sys" -eq 1 ] && [ "$run_ours" -eq 1 ]; then
		res_sys=$(resources "$SYSTEM" "$@")
		res_ours=$(resources "$OURS" "$@")
		clean strace -f -c -o "$tmp/strace.sys" "$SYSTEM" "$@" >/dev/null 2>&1
		clean strace -f -c -o "$tmp/strace.ours" "$OURS" "$@" >/dev/null 2>&1
		calls_sys=$(awk '$NF == "total" { print $4 }' "$tmp/strace.sys")
		calls_ours=$(awk '$NF == "total" { print $4 }' "$tmp/strace.ours")
		echo "$label|${res_sys% *}|${res_ours% *}|${res_sys#* }|${res_ours#* }|$calls_sys|$calls_ours" \
			>>"$tmp/resources"
	fi
done
IFS=$old_ifs
if [ -s "$tmp/resources" ]; then
	echo
	echo "Resources of the whole process: page faults (minor and major) and peak"
	echo "RSS in kB (from the exec on, medians of $BENCH_RUNS runs), system calls"
	echo "(strace -f -c, one run, the program's own included); ratio = ours / system."
	echo
	printf "| %-${width}s | %7s | %7s | %5s | %7s | %7s | %5s | %7s | %7s | %5s |\n" program \
		"sys flt" "our flt" ratio "sys RSS" "our RSS" ratio "sys sc" "our sc" ratio
	echo "|$dashes|---------|---------|-------|---------|---------|-------|---------|---------|-------|"
	while IFS='|' read -r label fs fo rs ro cs co; do
		printf "| %-${width}s | %7s | %7s | %5s | %7s | %7s | %5s | %7s | %7s | %5s |\n" "$label" \
			"$fs" "$fo" "$(ratio "$fs" "$fo")" "$rs" "$ro" "$(ratio "$rs" "$ro")" \
			"$cs" "$co" "$(ratio "$cs" "$co")"
	done <"$tmp/resources"
fi
if [ "$mismatch" -ne 0 ]; then
	echo "bench: the linkers' outputs differ (see above)" >&2
	exit 1
fi
