# book/book.mk -- weave chapters/*.nw into the book (included by ../Makefile;
# see book/README.md).  Targets:
#   book           everything below
#   book-html      $(B)/book/index.html and one page per chapter
#   book-pdf       $(B)/book.pdf
#   handouts       $(B)/handouts/NN-slug.html and .pdf, one per chapter
#   slides         $(B)/slides/NN-slug.pdf, a beamer deck per chapter
#   tryit-check    every chapter has two or more try-it blocks
#   figure-check   every figure is referred to from the prose (@fig:NAME)
#   figure-size-check  every figure fits the PDF's column as drawn, with type
#                  no smaller than the footnotes (book/figure-size.awk)
#   purposes-check book/purposes.yaml describes exactly the names that the
#                  handouts list as defined in other chapters
#   book-check     the HTML pages in headless Chromium (book/check.sh):
#                  nothing scrolls sideways at 1280 or 390 pixels, figures
#                  fit their column, links resolve (needs make deps-check)
# Try it on other chapters with   make book CHAPTERS='dir/*.nw' BOOK_FIGDIR=dir/figures

BOOK_FIGDIR ?= figures
BOOK_CHAPTERS = $(sort $(wildcard $(CHAPTERS)))
BOOK_PAGES = $(notdir $(basename $(BOOK_CHAPTERS)))
BOOK_DIR := $(B)/book
BOOK_MD := $(BOOK_DIR)/md
BOOK_SRC := book/book.lua book/metadata.yaml $(BOOK_DIR)/tryit/.stamp $(BOOK_DIR)/version.txt
BOOK_DOTS = $(wildcard $(BOOK_FIGDIR)/*.dot)
BOOK_LIVE = $(if $(filter %20-mapping.nw,$(BOOK_CHAPTERS)),live-linkmap) \
  $(if $(filter %30-symbols.nw,$(BOOK_CHAPTERS)),live-hash) \
  $(if $(filter %70-tls.nw,$(BOOK_CHAPTERS)),live-tls)
BOOK_SVGS = $(patsubst $(BOOK_FIGDIR)/%.dot,$(BOOK_DIR)/figures/%.svg,$(BOOK_DOTS)) \
  $(BOOK_LIVE:%=$(BOOK_DIR)/figures/%.svg)
BOOK_PDFFIGS = $(patsubst $(BOOK_FIGDIR)/%.dot,$(BOOK_DIR)/figures/%.pdf,$(BOOK_DOTS)) \
  $(BOOK_LIVE:%=$(BOOK_DIR)/figures/%.pdf)
BOOK_HTML = $(patsubst %,$(BOOK_DIR)/%.html,index chunks identifiers $(BOOK_PAGES))
BOOK_HANDOUTS = $(BOOK_PAGES:%=$(B)/handouts/%.html) $(BOOK_PAGES:%=$(B)/handouts/%.pdf)
BOOK_SLIDES = $(patsubst %,$(B)/slides/%.pdf,$(filter-out %-appendix-references,$(BOOK_PAGES)))

# The title page, the contents page and every handout say which text they
# are: the date and the commit of the sources (no clock, so that the same
# sources weave the same book).
BOOK_DATE := $(shell git log -1 --format=%cs 2>/dev/null || echo undated)
BOOK_COMMIT := $(shell git describe --always --dirty 2>/dev/null || echo "no commit")
BOOK_PANDOC = pandoc -f markdown --metadata-file=book/metadata.yaml \
  -M date="$(BOOK_DATE), commit $(BOOK_COMMIT)" \
  --metadata-file=$(BOOK_MD)/book.yaml --lua-filter=book/book.lua \
  -M figsrc=$(BOOK_FIGDIR) -M tryitdir=$(BOOK_DIR)/tryit
BOOK_HTML_FLAGS = -t html5 -s --template=book/page.html
BOOK_PDF_FLAGS = -t latex --pdf-engine=xelatex --top-level-division=chapter \
  --number-sections -H book/header.tex -M figdir=$(BOOK_DIR)/figures

.PHONY: book book-html book-pdf handouts slides index-check tryit-check figure-check \
  figure-size-check purposes-check book-check
book: book-html book-pdf handouts slides index-check tryit-check figure-check \
  figure-size-check purposes-check
book-html: $(BOOK_HTML) $(BOOK_DIR)/book.css $(BOOK_SVGS)
book-pdf: $(B)/book.pdf
handouts: $(BOOK_HANDOUTS)
slides: $(BOOK_SLIDES)

# 1. Weave: noweb's pipeline through book/nw2md.awk gives one stream of
# Markdown files, split here; files whose text did not change keep their
# timestamps, so only the pages that changed are rebuilt.  noweave exits 0
# when its markup fails, so the back end checks that every chapter arrived.
$(BOOK_MD)/.stamp: $(BOOK_CHAPTERS) book/nw2md.awk book/book.mk
	@[ -n "$(BOOK_CHAPTERS)" ] || { echo "book: no chapters match '$(CHAPTERS)'" >&2; exit 1; }
	@mkdir -p $(BOOK_MD)/new && rm -f $(BOOK_MD)/new/*
	NW2MD_FILES="$(BOOK_CHAPTERS)" noweave -n -t -index \
	  -backend "awk -f book/nw2md.awk" $(BOOK_CHAPTERS) > $(BOOK_MD)/woven.txt
	@awk -v dir=$(BOOK_MD)/new '/^@@@ FILE /{ f = dir "/" $$3; next } \
	  { if (f == "") { print "book: no @@@ FILE line" > "/dev/stderr"; exit 1 }; print > f }' \
	  $(BOOK_MD)/woven.txt
	@for f in $(BOOK_MD)/new/*; do \
	  cmp -s $$f $(BOOK_MD)/$${f##*/} || cp $$f $(BOOK_MD)/; done
	@touch $@

$(BOOK_MD)/%.md $(BOOK_MD)/%.yaml: $(BOOK_MD)/.stamp
	@[ -f $@ ] || cp $(BOOK_MD)/new/$(@F) $@
.PRECIOUS: $(BOOK_MD)/%.md $(BOOK_MD)/%.yaml

# 1a. The version the pages name: rewritten (and so every page rebuilt)
# only when the date or the commit changed.
$(BOOK_DIR)/version.txt: FORCE
	@mkdir -p $(@D)
	@echo "$(BOOK_DATE), commit $(BOOK_COMMIT)" > $@.new
	@cmp -s $@.new $@ && rm $@.new || mv $@.new $@
.PHONY: FORCE
FORCE:

# 1b. Try it: run every try-it block once (book/tryit.lua, book/tryit.sh)
# with the linker the same chapters build, before any page is rendered, so
# that every page, the PDF and the handouts show the same run.  They run
# again when a chapter (and so the linker) changes.
$(BOOK_DIR)/tryit/.stamp: $(BOOK_MD)/.stamp book/tryit.lua book/tryit.sh Makefile
	@$(MAKE) --no-print-directory ldso
	@rm -rf $(@D) && mkdir -p $(@D)
	@pandoc -f markdown -t plain --lua-filter=book/tryit.lua -M tryitdir=$(@D) \
	  -o /dev/null $(BOOK_PAGES:%=$(BOOK_MD)/%.md)
	@touch $@

# 2. Figures: SVG for the HTML, vector PDF for LaTeX.
$(BOOK_DIR)/figures/%.svg: $(BOOK_FIGDIR)/%.dot
	@mkdir -p $(@D)
	dot -Tsvg $< -o $@

$(BOOK_DIR)/figures/%.pdf: $(BOOK_FIGDIR)/%.dot
	@mkdir -p $(@D)
	dot -Tpdf $< -o $@

# Figures of a live process: the linker draws them (build/ld.so --dump,
# the mapping and TLS chapters), with address randomisation off, after the
# try-it blocks ran with the same linker.
$(BOOK_DIR)/live/live-linkmap.dot: $(BOOK_DIR)/tryit/.stamp
	@mkdir -p $(@D)
	setarch -R $(B)/ld.so --dump linkmap /bin/ls > $@
$(BOOK_DIR)/live/live-hash.dot: $(BOOK_DIR)/tryit/.stamp
	@mkdir -p $(@D)
	setarch -R $(B)/ld.so --dump hash:puts /bin/true > $@
$(BOOK_DIR)/live/live-tls.dot: $(BOOK_DIR)/tryit/.stamp examples/tls.c
	@mkdir -p $(@D)
	gcc -O2 -pthread -o $(@D)/tls examples/tls.c
	setarch -R $(B)/ld.so --dump tls $(@D)/tls > $@
$(BOOK_DIR)/figures/live-%.svg: $(BOOK_DIR)/live/live-%.dot
	@mkdir -p $(@D)
	dot -Tsvg $< -o $@
$(BOOK_DIR)/figures/live-%.pdf: $(BOOK_DIR)/live/live-%.dot
	@mkdir -p $(@D)
	dot -Tpdf $< -o $@

# 3. HTML: one page per chapter, plus contents and the two indexes.
$(BOOK_DIR)/book.css: book/book.css
	@mkdir -p $(@D)
	cp $< $@

$(BOOK_DIR)/%.html: $(BOOK_MD)/%.md $(BOOK_MD)/book.yaml $(BOOK_SRC) book/page.html
	$(BOOK_PANDOC) $(BOOK_HTML_FLAGS) --css=book.css -M page=$* \
	  $(if $(filter index,$*),-M frontpage=true) \
	  $(if $(filter index chunks identifiers,$*),,--toc --toc-depth=3) \
	  -o $@ $<

# 4. PDF: the whole book in one xelatex run (pandoc reruns it as needed).
$(B)/book.pdf: $(BOOK_PAGES:%=$(BOOK_MD)/%.md) $(BOOK_MD)/chunks.md \
    $(BOOK_MD)/identifiers.md $(BOOK_MD)/book.yaml $(BOOK_SRC) book/header.tex \
    $(BOOK_PDFFIGS)
	$(BOOK_PANDOC) $(BOOK_PDF_FLAGS) --toc -V lof -o $@ $(filter %.md,$^)

# 5. Handouts: one chapter each, self-contained; in the HTML, links to other
# chapters point into the book ($(B)/book/), in the PDF they are plain text.
# Each ends with the names its code takes from other chapters, with what
# each is for (book/purposes.yaml; a name without a purpose stops the build).
BOOK_HANDOUT_FLAGS = --metadata-file=book/purposes.yaml
$(B)/handouts/%.html: $(BOOK_MD)/%.md $(BOOK_MD)/book.yaml $(BOOK_SRC) \
    book/purposes.yaml book/page.html book/book.css $(BOOK_SVGS)
	@mkdir -p $(@D)
	$(BOOK_PANDOC) $(BOOK_HANDOUT_FLAGS) $(BOOK_HTML_FLAGS) --self-contained --css=book/book.css \
	  --resource-path=$(BOOK_DIR) --toc --toc-depth=3 \
	  -M page=$* -M handout=true -M bookdir=../book -o $@ $<

$(B)/handouts/%.pdf: $(BOOK_MD)/%.md $(BOOK_MD)/book.yaml $(BOOK_SRC) \
    book/purposes.yaml book/header.tex $(BOOK_PDFFIGS)
	@mkdir -p $(@D)
	$(BOOK_PANDOC) $(BOOK_HANDOUT_FLAGS) $(BOOK_PDF_FLAGS) -V documentclass=report \
	  -M page=$* -M handout=true -o $@ $<

# 5b. Slides: one beamer deck per chapter (book/slides.lua picks the goals,
# figures, the chunks the exercises replace, the try-it outputs and the
# summary).
$(B)/slides/%.pdf: $(BOOK_MD)/%.md book/slides.lua book/transcript.lua book/slides.tex \
    book/header.tex $(BOOK_PDFFIGS) $(BOOK_DIR)/tryit/.stamp
	@mkdir -p $(@D)
	pandoc -f markdown -t beamer --pdf-engine=xelatex --slide-level=2 --no-highlight \
	  -V classoption=aspectratio=169 -H book/header.tex -H book/slides.tex \
	  --lua-filter=book/slides.lua -M figdir=$(BOOK_DIR)/figures \
	  -M tryitdir=$(BOOK_DIR)/tryit -M booktitle="A Literate Dynamic Linker" -o $@ $<

# 6. The identifier index lists what the chapters' `@ %def` lines name and
# nothing else; every function and variable that build/ld.so defines must
# be among them.
index-check: ldso
	@grep -h '^@ %def' $(BOOK_CHAPTERS) | cut -d' ' -f3- | tr ' ' '\n' | sort -u > $(B)/defs.txt
	@for o in $(B)/ldso/*.c.o; do nm --defined-only $$o; done | \
	  awk '$$2 ~ /[TtDdBbRr]/ && $$3 !~ /[.]/ { print $$3 }' | sort -u > $(B)/symbols.txt
	@missing=$$(comm -13 $(B)/defs.txt $(B)/symbols.txt); \
	if [ -n "$$missing" ]; then \
	  echo "index-check: defined in build/ld.so but in no @ %def line:" $$missing >&2; exit 1; fi
	@echo "index-check: every function and variable of build/ld.so is in the index"

# 7. Every chapter shows at least two commands run live (try-it blocks);
# the list of references is the one chapter without.
tryit-check:
	@for c in $(filter-out %-appendix-references.nw,$(BOOK_CHAPTERS)); do \
	  n=$$(grep -c '^``` *{[.]tryit' $$c); \
	  [ $$n -ge 2 ] || { echo "tryit-check: $$c has $$n try-it blocks, fewer than 2" >&2; exit 1; }; \
	done
	@echo "tryit-check: every chapter has at least two try-it blocks"

# 8. The HTML in a real browser (not part of `make book`: it needs Chromium,
# which `make deps-check` installs).
book-check: book-html handouts
	@sh book/check.sh $(B)

# 7b. Every figure is referred to from the prose, so a reader knows when
# to look at it; a reference reads "Figure 3.2" by itself (book.lua), so a
# "Figure" written before it would be said twice.
figure-check:
	@missing=$$(for f in $$(grep -oh '{#fig:[A-Za-z0-9_-]*}' $(BOOK_CHAPTERS) | sed 's/{#fig:\(.*\)}/\1/'); do \
	  grep -q "@fig:$$f\b" $(BOOK_CHAPTERS) || echo $$f; done); \
	if [ -n "$$missing" ]; then echo "figure-check: figures no text refers to:" $$missing >&2; exit 1; fi
	@twice=$$(grep -n '[Ff]igures\{0,1\}[[:space:]]*@fig:' $(BOOK_CHAPTERS) || true); \
	if [ -n "$$twice" ]; then echo "figure-check: 'Figure' before a reference that says it already:" >&2; echo "$$twice" >&2; exit 1; fi
	@echo "figure-check: every figure is referred to from the prose"

# 7c. Every figure is drawn to fit the PDF's text column (vertically where
# it is tall), so LaTeX never shrinks it, and none of its type is smaller
# than the body's footnotes.  The sizes are the ones Graphviz wrote into the
# SVGs, which are those of the PDF figures.
figure-size-check: $(BOOK_SVGS)
	@awk -f book/figure-size.awk -v meta=book/metadata.yaml $(BOOK_SVGS)

# 7d. book/purposes.yaml has a line for every name a handout lists as
# defined in another chapter (book.lua stops on a missing one) and for no
# other name, so that a renamed or removed name does not leave its line.
purposes-check: $(filter %.html,$(BOOK_HANDOUTS))
	@sed -n 's/^  \([^:]*\): .*/\1/p' book/purposes.yaml | sort -u > $(B)/purposes-keys.txt
	@for f in $^; do sed -n '/id="defined-elsewhere"/,$$p' $$f; done | \
	  sed -n 's/^<li><code>\([^<]*\)<\/code>:.*/\1/p' | sort -u > $(B)/purposes-used.txt
	@stale=$$(comm -23 $(B)/purposes-keys.txt $(B)/purposes-used.txt); \
	if [ -n "$$stale" ]; then echo "purposes-check: book/purposes.yaml describes names no handout lists:" $$stale >&2; exit 1; fi
	@echo "purposes-check: $$(wc -l < $(B)/purposes-keys.txt) names from other chapters, each with its purpose"
