# exercise.awk: a chapter with one chunk replaced by its exercise's stub.
#
#   awk -f book/exercise.awk -v name=NAME chapters/30-symbols.nw > COPY.nw
#
# An exercise NAME is a chunk of the chapter named
#     <<Exercise NAME: TARGET>>=
# whose code is the stub: what TARGET's code becomes in the reader's copy.
# The copy is the chapter with the first definition of TARGET holding the
# stub instead of its code, and every continuation of TARGET dropped; the
# rest is unchanged, the stub's own chunk included (it is a root whose name
# is no path, so tangling ignores it).  Exits 1 when the chapter has no
# such exercise or the target is never defined.

function starts_chunk(s) { return s ~ /^<<.*>>=[ \t]*$/ }
function ends_chunk(s)   { return s ~ /^@([ \t]|$)/ }

{ line[++n] = $0 }

END {
    header = "<<Exercise " name ": "
    for (i = 1; i <= n; i++)
        if (index(line[i], header) == 1 && starts_chunk(line[i])) { stub_at = i; break }
    if (!stub_at) { print "exercise.awk: no exercise " name " in " FILENAME > "/dev/stderr"; exit 1 }
    target = substr(line[stub_at], length(header) + 1)
    sub(/>>=[ \t]*$/, "", target)
    for (i = stub_at + 1; i <= n && !ends_chunk(line[i]) && !starts_chunk(line[i]); i++)
        stub = stub line[i] "\n"
    replaced = 0
    for (i = 1; i <= n; i++) {
        if (line[i] != "<<" target ">>=") { print line[i]; continue }
        if (!replaced) { print line[i]; printf "%s", stub; replaced = 1 }
        for (i++; i <= n && !ends_chunk(line[i]) && !starts_chunk(line[i]); i++)
            ;
        i--                     # the line that ends the chunk is printed next
    }
    if (!replaced) { print "exercise.awk: " name ": no chunk <<" target ">>" > "/dev/stderr"; exit 1 }
}
