# nw2md.awk -- a noweb back end that turns noweb's pipeline into Pandoc
# Markdown for the book.  Run it through noweave:
#
#   NW2MD_FILES="chapters/01-a.nw ..." \
#   noweave -n -index -backend "awk -f book/nw2md.awk" chapters/*.nw
#
# Output is one stream cut into files by lines "@@@ FILE name" (book.mk
# splits it): one NN-slug.md per chapter, index.md (contents), chunks.md
# (chunk index), identifiers.md (identifier index) and book.yaml (chapter
# list and figure numbers, read by book/book.lua).
#
# Chapters are numbered in file order; files named NN-appendix-*.nw get
# letters (A, B, ...).  Code chunks are numbered per chapter: 3.7, A.2.
# Each chunk becomes a fenced div that book/book.lua renders:
#
#   ::: {#chunk-3-7 .nwchunk lang="c"}
#   ::: nwhead            header: name, number, "=" or "+="
#   ``` {.c}              the code; each chunk use is a placeholder NWxUSEix
#   ::: nwuses            one list item per placeholder: the use's link
#   ::: nwfoot            defined in / continued in / used in / defines / uses
#
# The program reads the whole pipeline first (pass 1 numbers every chunk,
# chapter and figure, so forward references work), then writes (pass 2).
# It exits non-zero on an empty or broken pipeline: noweb's markup stops
# at an unescaped << in prose yet noweave still exits 0.

function die(msg) { print "nw2md: error: " msg > "/dev/stderr"; failed = 1; exit 1 }
function warn(msg) { print "nw2md: warning: " msg > "/dev/stderr" }
function rest(s, n) { return substr(s, n + 1) }  # text after the first n chars

# Escape Markdown punctuation in plain text (chunk names).
function mdesc(s,   out, i, c) {
    out = ""
    for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (index("\\`*_{}[]<>()#+-.!|~^$@&\"'", c)) out = out "\\" c
        else out = out c
    }
    return out
}
# Inline code with a fence longer than any run of backticks inside.
function mdcode(s,   f) {
    f = "`"
    while (index(s, f)) f = f "`"
    if (substr(s, 1, 1) == "`" || substr(s, length(s), 1) == "`") s = " " s " "
    return f s f
}
# A chunk name as Markdown: [[code]] becomes inline code.
function mdname(s,   out, a, b) {
    out = ""
    while ((a = index(s, "[[")) && (b = index(rest(s, a + 1), "]]"))) {
        out = out mdesc(substr(s, 1, a - 1)) mdcode(substr(s, a + 2, b - 1))
        s = rest(s, a + b + 2)
    }
    return out mdesc(s)
}
function yq(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
function link(lbl) {   # a chunk number linked to the chunk
    if (!(lbl in num)) return "?"
    return "[" num[lbl] "](#" anchor[lbl] ")"
}
function chunkref(name,   l) {  # <Name 3.7> linked to the chunk's first definition
    l = (name in first) ? first[name] : ""
    if (l == "") {
        if (!(name in warned)) warn("chunk <<" name ">> is used but never defined")
        warned[name] = 1
        return "[⟨" mdname(name) " ?⟩]{.nwundef}"
    }
    return "[⟨" mdname(name) " " num[l] "⟩](#" anchor[l] "){.nwref}"
}
function lang(name,   seen, u) {  # highlighting language, from the root file name
    if (name ~ /\.[Ss]$/) return "gnuassembler"
    if (name ~ /\.[ch]$/) return "c"
    if (name ~ /(^|\/)(Makefile|[^ ]*\.mk)$/) return "makefile"
    if (name ~ /\.sh$/) return "bash"
    if (name ~ /^[^ ]+\.[A-Za-z0-9]+$/ || (name in langbusy)) return ""
    if (!(name in nusers) || nusers[name] == 0) return "c"
    langbusy[name] = 1; u = lang(users[name, 1]); delete langbusy[name]
    return u
}
function usedin(name,   k, list, seen) {  # chunks that use the chunk, once each
    list = ""
    for (k = 1; k <= nusers[name]; k++)
        if (!(useat[name, k] in seen)) { seen[useat[name, k]] = 1; list = list (list == "" ? "" : ", ") link(useat[name, k]) }
    return list
}
function ixanchor(id) { gsub(/[^A-Za-z0-9_]/, "-", id); return "ix-" id }
function letter(i) { return substr("ABCDEFGHIJKLMNOPQRSTUVWXYZ", i, 1) }
function out(s) { print s }

BEGIN { MAXUSES = 8 }   # "defines X, used in" lists longer than this are cut
{ line[++nl] = $0 }

END {
    if (failed) exit 1
    if (nl == 0) die("empty noweb pipeline (did noweb's markup fail? look for an unescaped << in prose; write @<< instead)")
    pass1(); check(); pass2()
}

# ---------------------------------------------------------------- pass 1
function pass1(   i, s, L, name, f, p, nch, napp, lastlabel, t, fig) {
    nch = 0; napp = 0
    for (i = 1; i <= nl; i++) {
        s = line[i]
        if (s ~ /^@file /) {
            f = rest(s, 6); nfile++; file[nfile] = f
            p = f; sub(/^.*\//, "", p); sub(/\.nw$/, "", p); page[nfile] = p
            if (p ~ /^[0-9]+-appendix/) { chap[nfile] = letter(++napp); appx[nfile] = 1 }
            else chap[nfile] = ++nch
            nchunk = 0; nfig = 0
        } else if (s ~ /^@begin code /) {
            if (!nfile) die("code chunk before any @file")
            nchunk++; wantlabel = 1; depth++
        } else if (s ~ /^@begin docs /) { depth++; indocs = 1
        } else if (s ~ /^@end (code|docs) /) { depth--; indocs = 0
        } else if (s ~ /^@xref label / && wantlabel) {
            L = rest(s, 12); wantlabel = 0; lastlabel = L
            num[L] = chap[nfile] "." nchunk; anchor[L] = "chunk-" chap[nfile] "-" nchunk
            labelpage[L] = page[nfile]
        } else if (s ~ /^@defn /) {
            name = rest(s, 6); defname[lastlabel] = name
            if (!(name in first)) first[name] = lastlabel
        } else if (indocs && s ~ /^@text / && !(nfile in title) && rest(s, 6) ~ /^# /) {
            t = rest(s, 8); sub(/[ \t]*\{[^}]*\}[ \t]*$/, "", t); title[nfile] = t
        } else if (indocs && s ~ /^@text .*\{#fig:/) {
            t = s
            while (match(t, /\{#fig:[A-Za-z0-9_:.-]*[A-Za-z0-9_]/)) {
                fig = substr(t, RSTART + 6, RLENGTH - 6); t = rest(t, RSTART + RLENGTH - 1)
                if (fig in fignum) warn("figure fig:" fig " is labelled twice")
                fignum[fig] = chap[nfile] "." (++nfig); figpage[fig] = page[nfile]
                figorder[++nfigs] = fig
            }
        } else if (s ~ /^@xref chunkbegin /) {
            t = rest(s, 17); name = rest(t, index(t, " ")); cname[++nchunkidx] = name
        } else if (s ~ /^@xref chunkuse /) {
            L = rest(s, 15); users[name, ++nusers[name]] = defname[L]; useat[name, nusers[name]] = L
        } else if (s ~ /^@xref chunkdefn /) {
            L = rest(s, 16); defs[name, ++ndefs[name]] = L
        }
    }
    if (depth != 0) die("unbalanced @begin/@end in the noweb pipeline")
}

function check(   n, want, i) {
    if (nfile == 0) die("no @file in the noweb pipeline: noweb's markup failed (see its message above; an unescaped << in prose is the usual cause)")
    if (ENVIRON["NW2MD_FILES"] != "") {
        n = split(ENVIRON["NW2MD_FILES"], want, " ")
        if (n != nfile) die("noweb read " nfile " of " n " files: its markup failed in " want[nfile + 1] " (see the message above)")
        for (i = 1; i <= n; i++)
            if (want[i] != file[i]) die("expected " want[i] " as file " i ", got " file[i])
    }
    for (i = 1; i <= nfile; i++)
        if (!(i in title)) warn(file[i] ": no '# Chapter Title' heading at the start")
}

# ---------------------------------------------------------------- pass 2
# Prose text: @<<Chunk name>> (noweb passes it on as <<Chunk name>>) becomes
# a link.  A name with [[code]] in it arrives in pieces, so "pend" holds an
# open "<<..." until its ">>" comes.
function prose(t,   o, k) {
    o = ""
    while (t != "") {
        if (pend != "") {
            if ((k = index(t, ">>"))) { o = o chunkref(rest(pend, 2) substr(t, 1, k - 1)); pend = ""; t = rest(t, k + 1) }
            else { pend = pend t; t = "" }
        } else if ((k = index(t, "<<"))) { o = o substr(t, 1, k - 1); pend = "<<"; t = rest(t, k + 1) }
        else { o = o t; t = "" }
    }
    return o
}

function pass2(   i, s, k, t, q, qtext, quse, L, name, f, ids, x, nuse, usel) {
    f = 0
    for (i = 1; i <= nl; i++) {
        s = line[i]
        if (s ~ /^@file /) {
            f++; out("@@@ FILE " page[f] ".md")
            out("::: {.nwchapter page=\"" page[f] "\" label=\"" chap[f] "\"" (appx[f] ? " appendix=\"1\"" : "") "}\n:::\n")
        } else if (s ~ /^@begin docs /) { indocs = 1; para = ""
        } else if (s ~ /^@end docs /) { indocs = 0; if (para pend != "") out(para pend); para = ""; pend = ""
        } else if (s ~ /^@quote$/) { inquote = 1; qtext = ""; quse = ""; qref = ""
        } else if (s ~ /^@endquote$/) {
            inquote = 0
            if (pend != "") pend = pend "[[" qtext "]]"   # [[code]] inside a chunk name
            else if (quse != "" && quse == qtext && qref in num) para = para "[" mdcode(qtext) "](#" anchor[qref] ")"
            else para = para mdcode(qtext)
        } else if (indocs && s ~ /^@text /) {
            t = rest(s, 6)
            if (inquote) { qtext = qtext t; continue }
            para = para prose(t)
        } else if (indocs && s ~ /^@nl$/) { out(para pend); para = ""; pend = ""
        } else if (inquote && s ~ /^@xref ref /) { qref = rest(s, 10)
        } else if (inquote && s ~ /^@index use /) { quse = rest(s, 11)
        } else if (s ~ /^@begin code /) {
            incode = 1; started = 0; code = ""; nuse = 0; delete usel; label = ""; cont = 0; ids = ""; nids = 0; delete idseen
            nextl = ""; ndefd = 0; nused = 0; defsline = ""; usesline = ""
        } else if (incode && s ~ /^@xref label / && label == "") { label = rest(s, 12)
        } else if (incode && s ~ /^@defn /) { cname1 = rest(s, 6); cont = (first[cname1] != label)
        } else if (incode && s ~ /^@xref nextdef /) { nextl = rest(s, 14)
        } else if (incode && s ~ /^@text /) { code = code rest(s, 6)
        } else if (incode && s ~ /^@nl$/) { if (started) code = code "\n"; started = 1
        } else if (incode && s ~ /^@use /) {
            usel[++nuse] = chunkref(rest(s, 5)); code = code "NWxUSE" nuse "x"
        } else if (incode && s ~ /^@index isused /) {
            L = rest(s, 14)
            if (L == label || (L in idseen)) continue
            idseen[L] = 1
            if (++nids <= MAXUSES) ids = ids (ids == "" ? "" : ", ") link(L)
        } else if (incode && s ~ /^@index defitem /) {
            x = rest(s, 15)
            if (nids > MAXUSES) ids = ids " and [" (nids - MAXUSES) " more](#" ixanchor(x) ")"
            defsline = defsline (defsline == "" ? "" : "; ") mdcode(x) (ids == "" ? ", not used elsewhere" : ", used in " ids)
            ids = ""; nids = 0; delete idseen
        } else if (incode && s ~ /^@index isdefined /) { ids = link(rest(s, 17))
        } else if (incode && s ~ /^@index useitem /) {
            usesline = usesline (usesline == "" ? "" : ", ") mdcode(rest(s, 15)) " " ids; ids = ""
        } else if (s ~ /^@end code /) {
            incode = 0; started = 0; emitchunk(usel, nuse)
        } else if (s ~ /^@xref beginchunks$/) { break }
    }
    emitindexes()
}

function emitchunk(usel, nuse,   name, lg, fence, k, foot, n, list) {
    name = defname[label]; lg = lang(name)
    sub(/\n+$/, "", code)
    fence = "```"; while (index(code, fence)) fence = fence "`"
    out("")
    out("::: {#" anchor[label] " .nwchunk" (cont ? " .nwcont" : "") "}")
    out("::: nwhead")
    out("⟨" mdname(name) " [" num[label] "](#" anchor[label] ")⟩" (cont ? "+≡" : "≡"))
    out(":::")
    out(fence " {" (lg == "" ? ".nwcode" : "." lg " .nwcode") "}"); out(code); out(fence)
    if (nuse > 0) {
        out("::: nwuses")
        for (k = 1; k <= nuse; k++) out("- " usel[k])
        out(":::")
    }
    # Footer: where else the chunk is defined, where it is used, identifiers.
    foot = ""
    if (cont) {
        foot = "Defined in " link(first[name])
        if (nextl != "") foot = foot "; continued in " link(nextl)
    } else if (ndefs[name] > 1) {
        list = ""; for (k = 2; k <= ndefs[name]; k++) list = list (k > 2 ? ", " : "") link(defs[name, k])
        foot = "Continued in " list
    }
    list = usedin(name)
    if (list != "") foot = foot (foot == "" ? "Used in " : "; used in ") list
    else if (name ~ /\//) foot = foot (foot == "" ? "Root chunk" : "; root chunk") ", written to " mdcode(name)
    else foot = foot (foot == "" ? "Not used" : "; not used")
    out("::: nwfoot")
    out(foot ".")
    if (defsline != "") out("\\\nDefines " defsline ".")
    if (usesline != "") out("\\\nUses " usesline ".")
    out(":::")
    out(":::")
    out("")
}

# ---------------------------------------------------------------- indexes
function emitindexes(   i, s, k, t, L, f, id, n, defl, usel) {
    out("@@@ FILE index.md")
    out("::: {.nwchapter page=\"index\" label=\"\"}\n:::\n")
    out("::: contents")
    for (f = 1; f <= nfile; f++)
        out("- [" (appx[f] ? "Appendix " : "") chap[f] " " (f in title ? title[f] : page[f]) "](" page[f] ".html)")
    out("- [Index of chunks](chunks.html)")
    out("- [Index of identifiers](identifiers.html)")
    out(":::")

    out("@@@ FILE chunks.md")
    out("::: {.nwchapter page=\"chunks\" label=\"\"}\n:::\n")
    out("# Index of chunks {#index-of-chunks .unnumbered}\n")
    out("::: nwindex")
    for (i = 1; i <= nchunkidx; i++) {
        name = cname[i]; defl = ""; usel = ""
        for (k = 1; k <= ndefs[name]; k++) defl = defl (k > 1 ? ", " : "") link(defs[name, k])
        usel = usedin(name)
        out("- " chunkref(name) ": " (defl == "" ? "never defined" : "defined in " defl) (usel == "" ? "" : "; used in " usel) ".")
    }
    out(":::\n")

    out("@@@ FILE identifiers.md")
    out("::: {.nwchapter page=\"identifiers\" label=\"\"}\n:::\n")
    out("# Index of identifiers {#index-of-identifiers .unnumbered}\n")
    out("::: nwindex")
    for (i = 1; i <= nl; i++) {
        s = line[i]
        if (s ~ /^@index entrybegin /) { t = rest(s, 18); id = rest(t, index(t, " ")); defl = ""; usel = "" }
        else if (s ~ /^@index entrydefn /) defl = defl (defl == "" ? "" : ", ") "**" link(rest(s, 17)) "**"
        else if (s ~ /^@index entryuse /) usel = usel (usel == "" ? "" : ", ") link(rest(s, 16))
        else if (s ~ /^@index entryend$/) out("- [" mdcode(id) "]{#" ixanchor(id) "}: defined in " defl (usel == "" ? "" : "; used in " usel) ".")
    }
    out(":::\n")

    out("@@@ FILE book.yaml")
    out("---\nchapters:")
    for (f = 1; f <= nfile; f++) {
        out("  - page: " yq(page[f]) "\n    label: " yq(chap[f]) "\n    appendix: " (appx[f] ? "true" : "false"))
        out("    title: " yq(f in title ? title[f] : page[f]))
    }
    out("figures:")
    for (i = 1; i <= nfigs; i++)
        out("  " yq("fig:" figorder[i]) ": {num: " yq(fignum[figorder[i]]) ", page: " yq(figpage[figorder[i]]) "}")
    if (nfigs == 0) out("  {}")
    out("...")
}
