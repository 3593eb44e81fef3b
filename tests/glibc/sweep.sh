#!/usr/bin/env bash
# The sweep: every dynamically linked x86-64 program of /usr/bin and /bin,
# run under the system's ld.so and under ours, compared.
#
#     tests/glibc/sweep.sh [LDSO]          # or: make sweep
#
# LDSO (first argument, else $LDSO, else build/ld.so of this repository) is
# the linker under test; /lib64/ld-linux-x86-64.so.2 is the reference.  Both
# are invoked directly, `LDSO PROGRAM ARGS`, so the program's PT_INTERP does
# not matter.
#
# For each program the sweep picks one harmless invocation: the first of
# `--version`, `--help`, `-V`, `-h` that exits 0 and prints something under
# the system's linker, else the program with no arguments.  A program counts
# only if that invocation gives the same standard output and exit status
# twice under the system's linker; it then runs once under ours, and the
# two must agree in standard output and exit status.  When they do not,
# up to five more runs under each linker follow: if a run under the
# system's linker differs from its first, or a run under ours gives the
# system's first output, the program is not deterministic after all.  Standard error is not compared,
# but an identical program whose standard error differed (and was stable
# under the system's linker) is listed apart.
#
# Every run: a scratch directory of its own as working directory and HOME
# (one per program, shared by its runs, removed at the end), the fixed
# environment `PATH=/usr/bin:/bin LC_ALL=C TZ=UTC HOME=... TERM=dumb` and
# nothing else, standard input from /dev/null, a new session (no
# controlling terminal, so nothing can open /dev/tty), no core files, at
# most 64 MiB per file written, and `timeout -k 2 10`.  Two programs run
# at a time (SWEEP_JOBS).
#
# Safety.  This may run as root, and some programs of /usr/bin change the
# system when given no arguments, or a word they do not understand, or they
# start daemons, open terminals or talk to the network.  Those on DENY
# below are never run at all, not even with --version; set-user-ID and
# set-group-ID files are never run either.  The list is deliberately
# generous: a program denied here is only a program less in the share.
#
# Output: a summary on standard output; under SWEEP_DIR (default
# build/sweep) results.tsv (one line per program: name, verdict, arguments,
# reason), skipped.txt, and programs/NAME/ for every program that ran:
# meta (arguments and statuses) and, for the differing ones, both outputs.
# Exit status 0 if at least 99% of the compared programs are identical.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
OURS=$(realpath "${1:-${LDSO:-$repo/build/ld.so}}") || exit 2
SYSLD=/lib64/ld-linux-x86-64.so.2
SWEEP_DIR=${SWEEP_DIR:-$repo/build/sweep}
JOBS=${SWEEP_JOBS:-2}
PASS_PERCENT=99

[ -x "$OURS" ] || { echo "sweep: no linker at $OURS (make ldso)" >&2; exit 2; }

# ------------------------------------------------------------ deny list
# Programs never run, by base name.
DENY=(
  # Power and init; absent from /usr/bin on Debian 12 (they live in /sbin
  # or are links to systemctl), listed so they can never slip in.
  reboot shutdown halt poweroff init telinit runlevel systemd
  # Destroying data: with a word they misread as an operand, or none.
  rm rmdir unlink shred dd truncate chattr
  # Disks, partitions, mounts, namespaces, the watchdog (opening it arms it).
  mount umount addpart delpart resizepart partx wdctl nsenter unshare
  # Signals to other processes, or attaching to them.
  kill killall skill xkill peekfd
  # Users, passwords, logins (most are set-user-ID anyway).
  login su passwd chsh chfn gpasswd newgrp chage expiry
  # Writing to other users' terminals, to the system log, terminal modes.
  wall write mesg logger clear_console
  # Interactive or full-screen, or starting a shell in a terminal.
  top watch tload slabtop systemd-cgtop tmux script scriptlive scriptreplay
  luit cscope pinentry-curses pkttyagent
  # Daemons, servers, agents, and clients that start or talk to them.
  dbus-daemon dbus-run-session dbus-monitor dbus-cleanup-sockets
  dbus-update-activation-environment
  gpg-agent dirmngr dirmngr-client gpg-connect-agent watchgnupg gpg-wks-server
  ssh-agent faked-sysv faked-tcp rxstack rxqueue compileserver-3.2.2
  valgrind-listener valgrind-di-server vgdb pkmon
  # The network: remote logins and key handling.
  ssh scp sftp ssh-add ssh-keygen ssh-keyscan
  # Package managers that change state, and system configuration.
  apt-cdrom apt-mark dpkg-divert dpkg-statoverride dpkg-trigger
  update-alternatives pkcon fppkg
  # systemd tools that, without arguments or misreading one, change the
  # machine (users, machine-id, partitions, mounts, tmpfiles, ...).
  systemd-firstboot systemd-machine-id-setup systemd-sysusers systemd-tmpfiles
  systemd-repart systemd-cryptenroll systemd-sysext systemd-mount systemd-run
  systemd-socket-activate systemd-stdio-bridge systemd-tty-ask-password-agent
  systemd-ask-password systemd-cat
  # Rebuilding system caches and databases when run without arguments.
  fc-cache mandb catman localedef
  # SysV IPC objects; a temporary file in /tmp at every run; /dev/vcsa.
  ipcmk ipcrm tempfile grab_vcsa-3.2.2
)
# Patterns of names denied as well (file systems, disks).
DENY_GLOBS=('mkfs*' 'fsck*' '*fdisk' 'mkswap' 'swapon' 'swapoff' 'parted')

denied() {                      # denied NAME: is NAME on the deny list?
  local d
  for d in "${DENY[@]}"; do [ "$1" = "$d" ] && return 0; done
  for d in "${DENY_GLOBS[@]}"; do [[ $1 == $d ]] && return 0; done
  return 1
}

# ------------------------------------------------------------ one program
# run_one PROG (a real path): choose the invocation, run it twice under the
# system's linker and once under ours, and leave programs/NAME/meta and
# programs/NAME/result (one line of results.tsv).  Runs in an xargs child.
run_one() {
  local prog=$1 name=${1##*/}
  local out=$SWEEP_DIR/programs/$name work=$SCRATCH/$name
  mkdir -p "$out" "$work"

  # run LINKER TAG ARGS...: run PROG in the sandbox; $TAG.out, $TAG.err in
  # $work/.runs; prints the exit status.
  run() {
    local ld=$1 tag=$2; shift 2
    mkdir -p "$work/.runs"
    ( cd "$work" && ulimit -c 0 -f 65536 &&
      exec env -i PATH=/usr/bin:/bin LC_ALL=C TZ=UTC HOME="$work" TERM=dumb \
        setsid -w timeout -k 2 10 "$ld" "$prog" "$@" \
    ) </dev/null >"$work/.runs/$tag.out" 2>"$work/.runs/$tag.err"
    echo $?
  }

  # The invocation: the first option that exits 0 and prints something.
  local -a args=()
  local s1 opt found=
  for opt in --version --help -V -h; do
    s1=$(run "$SYSLD" sys1 "$opt")
    if [ "$s1" = 0 ] && [ -s "$work/.runs/sys1.out" ]; then
      args=("$opt"); found=1; break
    fi
  done
  [ -n "$found" ] || s1=$(run "$SYSLD" sys1)

  local verdict reason s2= s3= s4=
  local r=$work/.runs
  if [ "$s1" = 124 ] || [ "$s1" = 137 ]; then
    verdict=nondet reason="times out under the system's linker"
  else
    s2=$(run "$SYSLD" sys2 "${args[@]}")
    if [ "$s1" != "$s2" ]; then
      verdict=nondet reason="status $s1 then $s2 under the system's linker"
    elif ! cmp -s "$r/sys1.out" "$r/sys2.out"; then
      verdict=nondet reason="standard output differs between two runs"
    else
      s3=$(run "$OURS" ours "${args[@]}")
      if [ "$s3" = "$s1" ] && cmp -s "$r/sys1.out" "$r/ours.out"; then
        verdict=same reason=
        # Not part of the verdict, but worth a look: standard error that
        # is stable under the system's linker and differs under ours.
        if cmp -s "$r/sys1.err" "$r/sys2.err" && ! cmp -s "$r/sys1.err" "$r/ours.err"; then
          reason="stderr differs: ours '$(printable "$(head -n1 "$r/ours.err")")' vs system '$(printable "$(head -n1 "$r/sys1.err")")'"
          cp "$r/sys1.err" "$out/system.err"; cp "$r/ours.err" "$out/ours.err"
        fi
      else
        # Before blaming ours, up to five more runs under each linker: a
        # race (subprocesses writing to one pipe, as groff's do) shows up
        # as a system's run that differs from its first, or as a run of
        # ours that gives what the system's first run gave.
        verdict=differ
        local k s5
        for k in 3 4 5 6 7; do
          s4=$(run "$SYSLD" sys3 "${args[@]}")
          if [ "$s4" != "$s1" ] || ! cmp -s "$r/sys1.out" "$r/sys3.out"; then
            verdict=nondet reason="run $k under the system's linker differs from its first"
            break
          fi
          s5=$(run "$OURS" ours2 "${args[@]}")
          if [ "$s5" = "$s1" ] && cmp -s "$r/sys1.out" "$r/ours2.out"; then
            verdict=nondet reason="run $((k - 1)) under ours gives the system's output"
            break
          fi
        done
        [ "$verdict" = differ ] && reason=$(explain "$s3" "$s1" "$r/ours" "$r/sys1")
      fi
    fi
  fi

  printf 'program %s\narguments %s\nstatus system %s, again %s%s, ours %s\nverdict %s\n%s\n' \
    "$prog" "${args[*]:-(none)}" "$s1" "${s2:--}" "${s4:+, third run $s4}" \
    "${s3:--}" "$verdict" "$reason" >"$out/meta"
  if [ "$verdict" = differ ]; then
    cp "$r/sys1.out" "$out/system.out"; cp "$r/sys1.err" "$out/system.err"
    cp "$r/ours.out" "$out/ours.out";   cp "$r/ours.err" "$out/ours.err"
    diff -a -u "$out/system.out" "$out/ours.out" >"$out/stdout.diff"
  fi
  printf '%s\t%s\t%s\t%s\n' "$name" "$verdict" "${args[*]:-(none)}" "$reason" \
    >"$out/result"
  return 0
}

# printable TEXT: one line, control characters as '?', at most 100 chars.
printable() { printf '%s' "$1" | tr -c '[:print:]' '?' | cut -c1-100; }

# explain OURS_STATUS SYS_STATUS OURS SYS: the one-line reason of a
# difference, OURS and SYS being the prefixes of the .out/.err files.
explain() {
  local so=$1 ss=$2 o=$3 s=$4 why=() c line
  if [ "$so" != "$ss" ]; then
    if [ "$so" = 124 ]; then
      why+=("ours timed out (system: status $ss)")
    elif [ "$so" = 137 ]; then
      why+=("ours killed after the timeout or by SIGKILL (system: status $ss)")
    elif [ "$so" -gt 128 ]; then
      why+=("ours died of SIG$(kill -l $((so - 128)) 2>/dev/null) (status $so, system $ss)")
    else
      why+=("status ours $so vs system $ss")
    fi
  fi
  if ! cmp -s "$o.out" "$s.out"; then
    c=$(cmp -- "$o.out" "$s.out" 2>&1)
    case $c in
      *EOF*)                    # one output is a prefix of the other
        why+=("stdout: ours $(wc -c <"$o.out") bytes, system $(wc -c <"$s.out"), one a prefix of the other") ;;
      *)
        line=$(printf '%s' "$c" | sed -n 's/.*line \([0-9]*\).*/\1/p')
        why+=("stdout line $line: ours '$(printable "$(sed -n "${line}p" "$o.out")")' vs system '$(printable "$(sed -n "${line}p" "$s.out")")'") ;;
    esac
  fi
  if [ -s "$o.err" ] && ! cmp -s "$o.err" "$s.err"; then
    why+=("our stderr: $(printable "$(head -n1 "$o.err")")")
  fi
  local IFS=';'
  printf '%s' "${why[*]}" | sed 's/;/; /g'
}

# ------------------------------------------------------------ the programs
start=$(date +%s.%N)
mkdir -p "$SWEEP_DIR"
rm -rf "$SWEEP_DIR/programs" "$SWEEP_DIR/results.tsv" "$SWEEP_DIR/skipped.txt" \
  "$SWEEP_DIR/summary.txt"
mkdir -p "$SWEEP_DIR/programs"
SCRATCH=$(mktemp -d /tmp/sweep.XXXXXX) || exit 2
trap 'rm -rf "$SCRATCH"' EXIT

# Regular files of /usr/bin and /bin (not the symbolic links), each real
# path once: on Debian 12 /bin is a link to /usr/bin.
mapfile -t files < <(find /usr/bin/ /bin/ -maxdepth 1 -type f -print0 |
                     xargs -0 realpath -e -- | sort -u)

considered=0 n_deny=0 n_setid=0 n_static=0
todo=()
: >"$SWEEP_DIR/skipped.txt"
for f in "${files[@]}"; do
  # ELF, 64-bit, little-endian, EXEC or DYN, x86-64: bytes 0-3, 4, 5,
  # 16 (e_type) and 18 (e_machine, 0x3e).
  hdr=$(od -An -tx1 -N20 -- "$f" 2>/dev/null | tr -d ' \n')
  [ "${hdr:0:12}" = 7f454c460201 ] || continue
  case ${hdr:32:4} in 0200|0300) ;; *) continue ;; esac
  [ "${hdr:36:4}" = 3e00 ] || continue
  considered=$((considered + 1))
  name=${f##*/}
  if [ -u "$f" ] || [ -g "$f" ]; then
    n_setid=$((n_setid + 1)); echo "setid  $f" >>"$SWEEP_DIR/skipped.txt"
  elif denied "$name"; then
    n_deny=$((n_deny + 1)); echo "deny   $f" >>"$SWEEP_DIR/skipped.txt"
  elif ! readelf -lW -- "$f" 2>/dev/null | grep -q '^ *INTERP '; then
    n_static=$((n_static + 1)); echo "static $f" >>"$SWEEP_DIR/skipped.txt"
  else
    todo+=("$f")
  fi
done

echo "sweep: ${#todo[@]} programs, $JOBS at a time, system $SYSLD vs ours $OURS"
export SWEEP_DIR SCRATCH OURS SYSLD
export -f run_one explain printable
printf '%s\0' "${todo[@]}" |
  xargs -0 -n1 -P"$JOBS" bash -c 'run_one "$1"' run_one

# Anything the programs left running in their scratch directories (a
# daemon that escaped its process group) is ours to stop, by its id.
for p in /proc/[0-9]*; do
  c=$(readlink "$p/cwd" 2>/dev/null) || continue
  case $c in "$SCRATCH"/*)
    echo "sweep: stopping leftover process ${p#/proc/} ($(tr '\0' ' ' <"$p/cmdline"))" >&2
    kill -KILL "${p#/proc/}" 2>/dev/null ;;
  esac
done

# ------------------------------------------------------------ summary
cat "$SWEEP_DIR"/programs/*/result 2>/dev/null | sort >"$SWEEP_DIR/results.tsv"
count() { awk -F'\t' -v v="$1" '$2 == v' "$SWEEP_DIR/results.tsv" | wc -l; }
n_nondet=$(count nondet) n_same=$(count same) n_differ=$(count differ)
compared=$((n_same + n_differ))
# Among the identical, those whose standard error differed; among the
# differing, those where ours died of a signal or timed out.
n_stderr=$(awk -F'\t' '$2 == "same" && $4 != ""' "$SWEEP_DIR/results.tsv" | wc -l)
n_died=$(awk -F'\t' '$2 == "differ" && $4 ~ /^ours (died|timed|killed)/' \
  "$SWEEP_DIR/results.tsv" | wc -l)
skipped=$((n_deny + n_setid + n_static + n_nondet))
share=$(awk -v a="$n_same" -v b="$compared" 'BEGIN { printf "%.1f", b ? 100 * a / b : 0 }')
elapsed=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
awk -F'\t' '$2 == "nondet" { print "nondet " $1 " (" $3 "): " $4 }' \
  "$SWEEP_DIR/results.tsv" >>"$SWEEP_DIR/skipped.txt"

{
  echo "programs considered: $considered"
  echo "skipped:             $skipped (deny list $n_deny, set-user/group-ID $n_setid, static (no PT_INTERP) $n_static, not deterministic $n_nondet)"
  echo "compared:            $compared"
  echo "identical:           $n_same ($n_stderr of them with another standard error)"
  echo "different:           $n_differ ($n_died of them: ours died of a signal or timed out)"
  echo "share identical:     $share%"
  echo "wall time:           ${elapsed}s ($JOBS jobs)"
  echo "details:             $SWEEP_DIR"
  if [ "$n_nondet" -gt 0 ]; then
    echo "not deterministic: $(awk -F'\t' '$2 == "nondet" { printf "%s%s", s, $1; s = ", " }' \
      "$SWEEP_DIR/results.tsv") (reasons in skipped.txt)"
  fi
  if [ "$n_stderr" -gt 0 ]; then
    echo "identical output, another standard error (not counted):"
    awk -F'\t' '$2 == "same" && $4 != "" { printf "  %s (%s): %s\n", $1, $3, $4 }' \
      "$SWEEP_DIR/results.tsv"
  fi
  if [ "$n_differ" -gt 0 ]; then
    echo "differing programs:"
    awk -F'\t' '$2 == "differ" { printf "  %s (%s): %s\n", $1, $3, $4 }' \
      "$SWEEP_DIR/results.tsv"
  fi
} | tee "$SWEEP_DIR/summary.txt"

awk -v s="$share" -v p="$PASS_PERCENT" -v n="$compared" \
  'BEGIN { exit !(n > 0 && s + 0 >= p) }'
