# book/figure-size.awk -- every figure fits the PDF's text column as drawn,
# so LaTeX never has to shrink it, and its smallest type is at least the
# size of the body text's footnotes.  Reads the sizes Graphviz writes into
# each SVG (width and height in points, font-size of every text); the page
# comes from book/metadata.yaml (A4, `margin=Ncm`, `fontsize: Npt`).
#   awk -f book/figure-size.awk -v meta=book/metadata.yaml FIGURE.svg...
BEGIN {
    paper_w = 595.28; paper_h = 841.89          # A4 in TeX points
    margin_cm = 2.5; body = 10                  # LaTeX's defaults
    while ((getline line < meta) > 0) {
        if (match(line, /margin=[0-9.]+cm/))
            margin_cm = substr(line, RSTART + 7, RLENGTH - 9)
        if (match(line, /^fontsize: *[0-9]+pt/)) {
            sub(/^fontsize: */, "", line); body = line + 0
        }
    }
    margin = margin_cm * 72.27 / 2.54
    column = paper_w - 2 * margin
    height = paper_h - 2 * margin - 60          # room for a caption
    footnote = body - 2                         # \footnotesize of 10, 11, 12pt
    bad = 0
}
FNR == 1 { if (NR > 1) judge(); name = FILENAME; sub(/.*\//, "", name); w = h = 0; small = 1000 }
match($0, /<svg width="[0-9.]+pt" height="[0-9.]+pt"/) {
    split(substr($0, RSTART, RLENGTH), f, "\"")
    w = f[2] + 0; h = f[4] + 0
}
{
    s = $0
    while (match(s, /font-size="[0-9.]+"/)) {
        v = substr(s, RSTART + 11, RLENGTH - 12) + 0
        if (v < small) small = v
        s = substr(s, RSTART + RLENGTH)
    }
}
function judge() {
    if (w == 0) { printf "figure-size-check: %s: no size\n", name > "/dev/stderr"; bad = 1; return }
    if (w > column)
        printf "figure-size-check: %s is %gpt wide, the column %.0fpt: draw it narrower (vertically)\n", name, w, column > "/dev/stderr"
    if (h > height)
        printf "figure-size-check: %s is %gpt tall, a page has room for %.0fpt\n", name, h, height > "/dev/stderr"
    if (small < footnote)
        printf "figure-size-check: %s has %gpt type, smaller than the %gpt of footnotes\n", name, small, footnote > "/dev/stderr"
    if (w > column || h > height || small < footnote) bad = 1
}
END {
    if (NR > 0) judge()
    if (bad) exit 1
    printf "figure-size-check: %d figures fit the %.0fpt column with type of %gpt or more\n", ARGC - 1, column, footnote
}
