#!/bin/sh
# book/tryit.sh SCRIPT OUT: run one "Try it" command of the book (see
# book/tryit.lua) the way a reader would type it at the top of the source
# tree, and write what it prints, standard output and error together, to
# OUT.  The environment is fixed so that the book does not show the
# builder's: the C locale (plain ASCII quotes), a plain PATH, no terminal, and address-space
# randomisation off (setarch -R), so that addresses repeat from one build
# to the next.  Scratch files go to build/try/.  A command gets a minute.
mkdir -p build/try
exec timeout 60 setarch -R env -i PATH=/usr/local/bin:/usr/bin:/bin \
  HOME="${HOME:-/root}" LC_ALL=C TERM=dumb COLUMNS=80 \
  bash --noprofile --norc "$1" < /dev/null > "$2" 2>&1
