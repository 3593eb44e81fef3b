# tangle.awk: noweb's markup stream in, every root chunk out, in one pass.
#
#   /usr/lib/noweb/markup chapters/*.nw | awk -f book/tangle.awk -v out=DIR
#
# A root is a chunk whose name contains a slash (ldso/map.c); it is written
# to DIR/NAME.  Uses keep the indentation of the line they stand on, and
# with -v lines=1 (the default) each chunk's code is preceded by a #line
# directive naming its place in the chapter, so that compiler messages and
# gdb point into the .nw file; -v lines=0 writes plain, readable C.  A use
# of a chunk that is never defined, or a chunk that uses itself, is an
# error: the run exits 1 and names it.  notangle -L gives the same lines
# but re-reads every chapter once per root and drops the indentation.

BEGIN {
    if (lines == "") lines = 1
    if (out == "") { print "tangle.awk: set -v out=DIR" > "/dev/stderr"; exit 2 }
    USE = "\001"; END_USE = "\002"
}

$1 == "@file"       { file = $2; line = 1; next }
$1 == "@index" && $2 == "nl" { line++; next }   # the "@ %def" line
$1 == "@nl" {
    if (in_code && started) {
        n = ++count[key]
        text[key, n] = current; number[key, n] = line
    }
    if (in_code) started = 1
    current = ""; line++; next
}
$1 == "@begin" && $2 == "code" { in_code = 1; started = 0; current = ""; next }
$1 == "@end" && $2 == "code"   { in_code = 0; next }
$1 == "@defn" {
    name = substr($0, 7)
    key = name SUBSEP (++pieces[name])
    piece_file[key] = file
    if (!(name in first_seen)) { first_seen[name] = 1; order[++names] = name }
    next
}
in_code && $1 == "@text" { current = current substr($0, 7); next }
in_code && $1 == "@use"  { current = current USE substr($0, 6) END_USE; next }

# Write NAME's code, each line prefixed with INDENT, to FILE.
function expand(name, indent, dest,    p, k, i, s, before, use, after, pad, sync) {
    if (!(name in pieces)) {
        printf "tangle.awk: chunk <<%s>> is used but never defined\n", name > "/dev/stderr"
        failed = 1; return
    }
    if (name in active) {
        printf "tangle.awk: chunk <<%s>> uses itself\n", name > "/dev/stderr"
        failed = 1; return
    }
    active[name] = 1
    for (p = 1; p <= pieces[name]; p++) {
        k = name SUBSEP p
        sync = 1
        for (i = 1; i <= count[k]; i++) {
            s = text[k, i]
            if (lines && sync)
                printf "#line %d \"%s\"\n", number[k, i], piece_file[k] > dest
            sync = 0
            if (index(s, USE) == 0) {
                print (s == "" ? "" : indent s) > dest
                continue
            }
            # a use on a line of its own (blank around it) is indented;
            # a use inside a line is spliced in, without #line
            before = substr(s, 1, index(s, USE) - 1)
            use = substr(s, index(s, USE) + 1)
            after = substr(use, index(use, END_USE) + 1)
            use = substr(use, 1, index(use, END_USE) - 1)
            if (before ~ /^[ \t]*$/ && after ~ /^[ \t]*$/) {
                expand(use, indent before, dest)
                sync = 1
            } else {
                pad = before; gsub(/[^\t]/, " ", pad)
                printf "%s%s", indent, before > dest
                inline_use(use, indent pad, dest)
                print after > dest
            }
        }
    }
    delete active[name]
}

# A use in mid-line: the first line continues the current one.
function inline_use(name, indent, dest,    p, k, i, first) {
    if (!(name in pieces)) {
        printf "tangle.awk: chunk <<%s>> is used but never defined\n", name > "/dev/stderr"
        failed = 1; return
    }
    first = 1
    for (p = 1; p <= pieces[name]; p++) {
        k = name SUBSEP p
        for (i = 1; i <= count[k]; i++) {
            if (index(text[k, i], USE)) {
                printf "tangle.awk: <<%s>> is used inside a line and uses a chunk itself\n", name > "/dev/stderr"
                failed = 1; return
            }
            printf "%s%s", (first ? "" : "\n" indent), text[k, i] > dest
            first = 0
        }
    }
}

END {
    if (failed) exit 1
    roots = 0
    for (j = 1; j <= names; j++) {
        name = order[j]
        if (name !~ /\//) continue
        roots++
        dest = out "/" name
        dir = dest; sub(/\/[^\/]*$/, "", dir)
        if (!(dir in made)) { made[dir] = 1; system("mkdir -p '" dir "'") }
        printf "" > dest
        expand(name, "", dest)
        close(dest)
    }
    if (roots == 0) { print "tangle.awk: no root chunks" > "/dev/stderr"; exit 1 }
    if (failed) exit 1
}
