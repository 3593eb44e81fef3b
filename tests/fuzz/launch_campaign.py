#!/usr/bin/env python3
"""launch_campaign.py: a whole-process fuzz campaign against the launch cache.

The launch cache chapter reads a file that the linker wrote at an earlier
start and trusts nothing in it.  This campaign damages such files and
starts the program with each: every start must end as the start without a
cache ends (the same exit status and the same output), never with a signal
in ld.so, a hang, or an error of the linker.

For each seed program it records a cache file (two starts with
--launch-cache: the first writes the file, the second must replay it
unchanged), parses the file into its fields (the format is the launch
cache chapter's: a header, the key, the files tried, the searches, the
objects with their build IDs and bindings) and then, run after run, writes
one damaged copy in its place and starts the program with it.  Most
mutations know the format:

  binding   one binding's symbol index, kind, defining object or
            definition index set to an interesting value, or the pair
            (object, definition) of another binding put in its place
  rebind    one binding pointed at the referencing object's own symbol
  namesake  one binding pointed at another symbol of the same name, in
            any object, exported or not, defined or not
  field     a count, a length, a needer, a word of a file identity or a
            build ID's size set to an interesting value
  string    a byte of a path or name changed, its NUL removed, or the
            string replaced by another string of the file
  list      an entry of a list deleted, doubled, or swapped with another
            (the count made right)
  bytes     1 to 8 bytes after the key replaced
  key       a byte of the key changed
  truncate  the file cut short at a random place
  append    bytes added at the end
  header    the magic, the version or the body's size broken
and, for all but the last, the header's body size and checksum are made
right again (nine times in ten), so that the damage reaches the reader's
own checks rather than stopping at the checksum.

Every child runs under campaign.py's ptrace runner, so a fatal signal is
located (in ld.so or elsewhere).  Classes, beside campaign.py's own:

  ran              status, output and errors as without a cache
  output-changed   the program ran, but its status, output or errors differ
  rebound          output-changed, where the damage only pointed bindings
                   at other answers the reader may take (below)
  cache-made-it-fail
                   the linker stopped the start (status 127, "ld.so: ..."),
                   which without the cache runs

Every class but "ran" and "rebound" is a failure (--strict exits with
status 1): the start without a cache runs, so whatever else happens, a
signal in the program or its libraries included, the damage made it
happen.  But the reader lets a binding name the reference's own defined
symbol, another definition of the same name that a lookup could return,
or, for a weak reference, none (a file the user writes may do what
LD_PRELOAD may), and such an answer may change the output legitimately:
a library that binds its own copy of a variable instead of the
program's, or a preloaded definition passed over for a later one.  When
the damage changed nothing but bindings, each to such an answer under
the reader's own rules, with its kind unchanged (the campaign reads the
symbols from the objects' tables, matching the file's objects to the
files of `ld.so --list` by build ID), a changed output is counted as
"rebound"; a signal, a hang or an error after it still fails.

When the damaged file was not accepted, the start wrote a new one from
what it did; a second start then replays that file and must end the
same way too, so that damage carried into a new file shows.

"accepted" counts the starts that replayed the damaged file as it was:
the file is unchanged after the start (a start that refuses the file, or
finds it stale, writes a new one).  Those are the starts whose bindings
came from the damage.  The failing cases go to OUT/cases/ with info.txt
and repro.sh.

Standard library only.  Usage:
  python3 tests/fuzz/launch_campaign.py [--ldso build/ld.so] [--runs 3000]
      [--seed 1] [--out build/fuzz/launch] [--jobs 2] [--timeout 5] [--strict]
"""
import argparse
import collections
import json
import multiprocessing
import os
import random
import shutil
import struct
import sys
import time
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import campaign as C  # noqa: E402  (the ptrace runner and its classes)

REPO = C.REPO
# Programs started as `ld.so PROGRAM ARGS`: freestanding fixtures of the
# chapters' tests (their libraries found through RUNPATH $ORIGIN;
# bind-now binds at start-up, so its file has JUMP_SLOT bindings, and so
# does bind-nopie-now, which is not position-independent and has a
# canonical PLT entry, for the address of a library's function it takes;
# bind-shadow's libraries define its two names in their dynamic symbol
# tables as a local and a hidden symbol too, which no answer may name),
# and
# glibc programs of the machine, which bring versions, indirect functions,
# TLS and copy relocations.
# Options of the linker may come first; {T} stands for the fixtures'
# directory.  The options make the key hold a preload list or a search
# path, and add the searches made for them.
PROGRAMS = [
    ["launch-cache/lcprog"],
    ["relocation/bind"], ["relocation/bind-now"], ["relocation/bind-nopie-now"],
    ["relocation/bind-ver"],
    ["relocation/bind-misc"],
    ["--preload", "{T}/relocation/libbpre.so:{T}/relocation/libbpre2.so", "relocation/bind"],
    ["relocation/symbolic"], ["relocation/shadow/bind-shadow"],
    ["mapping/needs-lib"], ["mapping/needs-dst"],
    ["--library-path", "{T}/mapping/other", "mapping/needs-other"],
    ["tls/tls-static"], ["plt/bind-args"], ["init/bind-order"],
    ["/usr/bin/true"], ["/usr/bin/seq", "3"], ["/usr/bin/ls", "-d", "/"],
    ["/usr/bin/python3", "-S", "-c", "print(6 * 7)"],
]
MIN_SEEDS = 12          # fewer recorded: the campaign itself has failed
# Without the cache every seed runs, so any other end is the damage's doing.
STRICT_BAD = set(C.CLASSES + ["output-changed", "cache-made-it-fail"]) - {"ran", "clean-error"}
KEEP = STRICT_BAD | {"rebound"}
CLASSES = ["ran", "rebound", "output-changed", "cache-made-it-fail"] + [
    c for c in C.CLASSES if c not in ("ran", "clean-error")]
HEADER = 32
U32_EDGES = [0, 1, 2, 3, 0x3fffffff, 0x40000000, 0x7fffffff, 0x80000000,
             0xbfffffff, 0xc0000000, 0xfffffffe, 0xffffffff]
U64_EDGES = [0, 1, 1 << 31, 1 << 32, 1 << 63, (1 << 64) - 1]


# ------------------------------------------------------------------ format
def checksum(body):
    """The launch cache chapter's checksum of the body."""
    def mix(h, w):
        h = ((h ^ w) * 0x9e3779b97f4a7c15) & 0xffffffffffffffff
        h = ((h << 32) | (h >> 32)) & 0xffffffffffffffff
        return (h * 0x9e3779b97f4a7c15) & 0xffffffffffffffff
    h, n = 0xcbf29ce484222325, len(body) // 8 * 8
    for (w,) in struct.iter_unpack("<Q", body[:n]):
        h = mix(h, w)
    return mix(h, int.from_bytes(body[n:], "little"))


def seal(buf):
    """The header's body size and checksum made right for buf's body."""
    body = bytes(buf[HEADER:])
    struct.pack_into("<QQ", buf, 16, len(body), checksum(body))


class Layout:
    """The fields of a cache file: where each is and what it is."""

    def __init__(self, data):
        self.data, self.at = data, HEADER
        self.fields = []          # (kind, offset, size)
        self.strings = []         # (offset of the length, length)
        self.lists = {}           # name -> (offset of the count, [(start, end)])
        self.bindings = []        # (object, offset of the binding)
        self.build_ids = []       # of each object, in the order of its number
        self.namesakes = []       # (object, offset, [(definer, index)]): Objects
        key = self.u32("length")
        self.key = (self.at, key)
        self.at += key
        self.list("tried", self.tried)
        self.list("searches", self.search)
        self.list("objects", self.object)
        if self.at != len(data):
            raise ValueError("%d bytes after the lists" % (len(data) - self.at))

    def u32(self, kind):
        (v,) = struct.unpack_from("<I", self.data, self.at)
        self.fields.append((kind, self.at, 4))
        self.at += 4
        return v

    def string(self):
        start = self.at
        n = self.u32("length")
        self.strings.append((start, n))
        self.at += n

    def identity(self):
        for _ in range(6):
            self.fields.append(("identity", self.at, 8))
            self.at += 8

    def list(self, name, entry):
        count_at = self.at
        n = self.u32("count")
        spans = []
        for i in range(n):
            start = self.at
            entry(i)
            spans.append((start, self.at))
        self.lists[name] = (count_at, spans)

    def tried(self, i):
        self.string()
        self.identity()

    def search(self, i):
        self.u32("needer")
        self.string()
        self.string()
        self.identity()

    def object(self, i):
        n = self.u32("build-id-size")
        self.build_ids.append(bytes(self.data[self.at:self.at + n]))
        self.at += n
        count_at = self.at
        nb = self.u32("count")
        spans = []
        for _ in range(nb):
            self.bindings.append((i, self.at))
            spans.append((self.at, self.at + 12))
            self.at += 12
        self.lists["bindings of object %d" % i] = (count_at, spans)


def edge32(rng, v):
    return rng.choice(U32_EDGES + [(v + 1) & 0xffffffff, (v - 1) & 0xffffffff,
                                   (v * 2) & 0xffffffff, rng.getrandbits(32),
                                   rng.randrange(64)])


def mutate_binding(rng, buf, lay):
    if not lay.bindings:
        return mutate_field(rng, buf, lay)
    obj, at = rng.choice(lay.bindings)
    w = list(struct.unpack_from("<III", buf, at))
    how = rng.randrange(5)
    if how == 0:
        w[0] = edge32(rng, w[0])
        what = "symbol index"
    elif how == 1:
        w[1] = rng.randrange(4) << 30 | (w[1] & 0x3fffffff)
        what = "kind"
    elif how == 2:
        nobj = len(lay.lists["objects"][1])
        w[1] = (w[1] & 0xc0000000) | rng.choice([0, nobj, nobj + 1, 0x3fffffff,
                                                  rng.randrange(1, nobj + 1)])
        what = "defining object"
    elif how == 3:
        w[2] = edge32(rng, w[2])
        what = "definition index"
    else:
        _, other = rng.choice(lay.bindings)
        o = struct.unpack_from("<III", buf, other)
        w[1], w[2] = (w[1] & 0xc0000000) | (o[1] & 0x3fffffff), o[2]
        what = "definition of another binding"
    struct.pack_into("<III", buf, at, *w)
    return buf, "binding: object %d at %d, %s -> %08x %08x %08x" % (obj, at, what, *w)


def mutate_namesake(rng, buf, lay):
    if not lay.namesakes:
        return mutate_binding(rng, buf, lay)
    obj, at, others = rng.choice(lay.namesakes)
    definer, index = rng.choice(others)
    w = list(struct.unpack_from("<III", buf, at))
    w[1], w[2] = (w[1] & 0xc0000000) | definer, index
    struct.pack_into("<III", buf, at, *w)
    return buf, "namesake: object %d at %d -> %08x %08x %08x" % (obj, at, *w)


def mutate_rebind(rng, buf, lay):
    if not lay.bindings:
        return mutate_field(rng, buf, lay)
    obj, at = rng.choice(lay.bindings)
    w = list(struct.unpack_from("<III", buf, at))
    w[1], w[2] = (w[1] & 0xc0000000) | (obj + 1), w[0]
    struct.pack_into("<III", buf, at, *w)
    return buf, "rebind: object %d at %d -> itself, %08x %08x %08x" % (obj, at, *w)


def mutate_field(rng, buf, lay):
    kind, at, size = rng.choice(lay.fields)
    if size == 4:
        (v,) = struct.unpack_from("<I", buf, at)
        new = edge32(rng, v)
        struct.pack_into("<I", buf, at, new)
    else:
        (v,) = struct.unpack_from("<Q", buf, at)
        new = rng.choice(U64_EDGES + [v + 1, max(v - 1, 0), rng.getrandbits(64)]) & ((1 << 64) - 1)
        struct.pack_into("<Q", buf, at, new)
    return buf, "field: %s at %d, %#x -> %#x" % (kind, at, v, new)


def mutate_string(rng, buf, lay):
    strings = [s for s in lay.strings if s[1]]
    if not strings:
        return mutate_bytes(rng, buf, lay)
    at, n = rng.choice(strings)
    how = rng.randrange(3)
    if how == 0:
        i = at + 4 + rng.randrange(n - 1 if n > 1 else 1)
        old = buf[i]
        buf[i] = rng.choice([0, ord("/"), ord("."), ord("x"), old ^ 1, rng.randrange(256)])
        return buf, "string: at %d, byte %d %#x -> %#x" % (at, i - at - 4, old, buf[i])
    if how == 1:
        buf[at + 4 + n - 1] = ord("x")
        return buf, "string: at %d, NUL removed" % at
    oat, on = rng.choice(strings)
    other = bytes(buf[oat:oat + 4 + on])
    return buf[:at] + other + buf[at + 4 + n:], "string: at %d, replaced by the one at %d" % (at, oat)


def mutate_list(rng, buf, lay):
    lists = [(name, l) for name, l in lay.lists.items() if l[1]]
    if not lists:
        return mutate_bytes(rng, buf, lay)
    name, (count_at, spans) = rng.choice(lists)
    (n,) = struct.unpack_from("<I", buf, count_at)
    a, b = rng.choice(spans)
    how = rng.randrange(3)
    if how == 0:
        struct.pack_into("<I", buf, count_at, n - 1)
        return buf[:a] + buf[b:], "list: %s, entry at %d deleted" % (name, a)
    if how == 1:
        struct.pack_into("<I", buf, count_at, n + 1)
        return buf[:b] + buf[a:b] + buf[b:], "list: %s, entry at %d doubled" % (name, a)
    c, d = rng.choice(spans)
    if (c, d) == (a, b):
        return buf, "list: %s, entry at %d swapped with itself" % (name, a)
    (a, b), (c, d) = sorted([(a, b), (c, d)])
    return (buf[:a] + buf[c:d] + buf[b:c] + buf[a:b] + buf[d:],
            "list: %s, entries at %d and %d swapped" % (name, a, c))


def mutate_bytes(rng, buf, lay):
    start = lay.key[0] + lay.key[1]
    if start >= len(buf):
        start = HEADER
    places = []
    for _ in range(rng.randrange(1, 9)):
        i = rng.randrange(start, len(buf))
        buf[i] = rng.randrange(256)
        places.append(i)
    return buf, "bytes: at %s" % ",".join(map(str, places))


def mutate_key(rng, buf, lay):
    i = lay.key[0] + rng.randrange(max(lay.key[1], 1))
    buf[i] ^= 1 << rng.randrange(8)
    return buf, "key: byte %d" % (i - lay.key[0])


def mutate_truncate(rng, buf, lay):
    n = rng.randrange(HEADER, len(buf))
    return buf[:n], "truncate: to %d of %d" % (n, len(buf))


def mutate_append(rng, buf, lay):
    extra = bytes(rng.randrange(256) for _ in range(rng.choice([1, 4, 12, 64])))
    return buf + extra, "append: %d bytes" % len(extra)


def mutate_header(rng, buf, lay):
    at = rng.choice([0, 8, 16, 24])
    buf[at + rng.randrange(8)] ^= 1 << rng.randrange(8)
    return buf, "header: byte of the word at %d" % at


MUTATORS = [(mutate_binding, 26), (mutate_rebind, 4), (mutate_namesake, 5), (mutate_field, 20),
            (mutate_string, 10), (mutate_list, 10), (mutate_bytes, 13), (mutate_key, 5),
            (mutate_truncate, 5), (mutate_append, 3), (mutate_header, 4)]


def mutate(rng, data, lay):
    fns = [f for f, w in MUTATORS for _ in range(w)]
    fn = rng.choice(fns)
    buf, desc = fn(rng, bytearray(data), lay)
    if fn is not mutate_header and len(buf) >= HEADER and rng.random() < 0.9:
        seal(buf)
        desc += " (sealed)"
    return bytes(buf), desc


# ------------------------------------------------------------------ symbols
class Symbols:
    """An object file's dynamic symbols: name and binding by index."""

    def __init__(self, path):
        self.elf = C.Elf(open(path, "rb").read())
        self.symtab = self.elf.v2o(self.elf.dynval.get(6, 0) or 0)
        self.strtab = self.elf.v2o(self.elf.dynval.get(5, 0) or 0)
        self.count = self.elf.nsyms if self.symtab is not None and self.strtab is not None else 0

    def build_id(self):
        d = self.elf.data
        for p in self.elf.phdrs:
            at, end = p["p_offset"], p["p_offset"] + p["p_filesz"]
            while p["p_type"] == 4 and at + 12 <= min(end, len(d)):
                namesz, descsz, kind = struct.unpack_from("<III", d, at)
                desc = at + 12 + (namesz + 3) // 4 * 4
                if kind == 3 and d[at + 12:at + 12 + namesz] == b"GNU\0":
                    return bytes(d[desc:desc + descsz])
                at = desc + (descsz + 3) // 4 * 4
        return b""

    def symbol(self, i):
        """Symbol i as a namespace (name, bind, visibility, shndx, value),
        or None outside the table."""
        if i >= self.count:
            return None
        st_name, st_info, st_other, shndx, value = struct.unpack_from(
            "<IBBHQ", self.elf.data, self.symtab + 24 * i)
        at = self.strtab + st_name
        end = self.elf.data.find(b"\0", at)
        return types.SimpleNamespace(name=self.elf.data[at:end], bind=st_info >> 4,
                                     visibility=st_other & 3, shndx=shndx, value=value,
                                     executable=self.elf.e_type == 2)


class Objects:
    """A seed's objects by the numbers its cache file gives them (matched
    by build ID with the files of `ld.so --list`, the program and the
    linker), for telling a legitimate rebinding from a wrong one."""

    def __init__(self, ldso, tail, layout):
        listing = C.run_traced([ldso, "--list"] + tail, 10)["stdout"].decode(errors="replace")
        _, prog, _ = command(tail)
        files = [prog, ldso] + [l.split("=> ")[1].split(" (")[0] if "=> " in l
                                else l.strip().split(" (")[0] for l in listing.splitlines()]
        by_id = {}
        for f in files:
            if f.startswith("/") and os.path.exists(f):
                syms = Symbols(f)
                by_id.setdefault(syms.build_id(), syms)
        self.numbered = {k + 1: by_id.get(bid) for k, bid in enumerate(layout.build_ids) if bid}

    def namesakes(self, layout, data):
        """For each binding whose reference's name another symbol of the
        objects has too: (object, offset, [(definer number, index)])."""
        by_name = {}
        for n, syms in self.numbered.items():
            for j in range(1, syms.count if syms else 0):
                sym = syms.symbol(j)
                if sym.name:
                    by_name.setdefault(sym.name, []).append((n, j))
        out = []
        for obj, at in layout.bindings:
            i, word, k = struct.unpack_from("<III", data, at)
            ref = self.numbered.get(obj + 1)
            want = ref.symbol(i) if ref else None
            if want is None:
                continue
            others = [c for c in by_name.get(want.name, []) if c != (word & 0x3fffffff, k)]
            if others:
                out.append((obj, at, others))
        return out

    def legitimate(self, obj, old, new):
        """A binding of object obj changed from old to new (three words
        each), of the same kind: is new, for the reference it names, an
        answer the reader may take from a file?  Its rules (the launch
        cache chapter's launch_cache_fill_memo, same_name, could_answer):
        the reference's own defined symbol; none for a weak reference; or
        a definition of the same name that a lookup could return, a local
        or hidden one only as the reference's own, an undefined one only
        as a program's canonical PLT entry for an ordinary lookup."""
        if old[1] >> 30 != new[1] >> 30:
            return False
        ref = self.numbered.get(obj + 1)
        want = ref.symbol(new[0]) if ref else None
        if want is None:
            return False
        definer, kind = new[1] & 0x3fffffff, new[1] >> 30
        if definer == 0:
            return want.bind == 2                     # STB_WEAK
        d = self.numbered.get(definer)
        sym = d.symbol(new[2]) if d else None
        if sym is None or sym.name != want.name:
            return False
        own = definer == obj + 1 and new[2] == new[0]
        if sym.bind == 0 or sym.visibility in (1, 2):  # local, internal, hidden
            return own and sym.shndx != 0
        if sym.shndx == 0:                             # undefined
            return kind == 3 and sym.value != 0 and sym.executable   # MEMO_NORMAL
        return True


def changed_bindings(seed, data):
    """The bindings that a mutation of the same length changed, (object,
    old words, new words); None if it changed anything else but the
    header's size and checksum."""
    old_data = seed["data"]
    if len(data) != len(old_data):
        return None
    out, inside = [], set(range(16, HEADER))
    for obj, at in seed["layout"].bindings:
        inside.update(range(at, at + 12))
        old = struct.unpack_from("<III", old_data, at)
        new = struct.unpack_from("<III", data, at)
        if old != new:
            out.append((obj, old, new))
    if any(a != b and k not in inside for k, (a, b) in enumerate(zip(old_data, data))):
        return None
    return out


# ------------------------------------------------------------------ seeds
def command(words):
    """The linker's options, the program and its arguments, paths made whole."""
    k, options = 0, []
    while words[k].startswith("--"):
        options += [words[k], words[k + 1].replace("{T}", C.TESTS)]
        k += 2
    p = words[k]
    return options, p if p.startswith("/") else os.path.join(C.TESTS, p), words[k + 1:]


def cache_file(d):
    names = os.listdir(d)
    return os.path.join(d, names[0]) if len(names) == 1 else None


def prepare(args, words, where):
    """The seed of one program: its outcome without a cache and its file."""
    options, prog, rest = command(words)
    if not os.path.exists(prog):
        return None, "missing"
    plain = C.run_traced([args.ldso] + options + [prog] + rest, args.timeout)
    if plain["status"] is None or not os.WIFEXITED(plain["status"]):
        return None, "does not run without a cache"
    d = os.path.join(where, "cache")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d, mode=0o700)
    tail = options + [prog] + rest
    cached = [args.ldso, "--launch-cache", d] + tail
    C.run_traced(cached, args.timeout)
    if not cache_file(d):             # a fixture built a moment ago: the
        time.sleep(2.5)               # linker records no file younger than 2 s
        C.run_traced(cached, args.timeout)
    path = cache_file(d)
    if not path:
        return None, "no cache file written"
    data = open(path, "rb").read()
    warm = C.run_traced(cached, args.timeout)
    if open(path, "rb").read() != data or warm["stdout"] != plain["stdout"]:
        return None, "the second start did not replay the file"
    layout = Layout(data)
    objects = Objects(args.ldso, tail, layout)
    layout.namesakes = objects.namesakes(layout, data)
    return dict(words=words, tail=tail, name=os.path.basename(path), data=data,
                status=os.WEXITSTATUS(plain["status"]), stdout=plain["stdout"],
                stderr=plain["stderr"], layout=layout, objects=objects), "%d bytes" % len(data)


# ------------------------------------------------------------------ runs
W = {}


def worker_init(args, seeds):
    W["args"], W["seeds"] = args, seeds
    W["dir"] = os.path.join(args.out, "work", "w%d" % os.getpid())
    shutil.rmtree(W["dir"], ignore_errors=True)
    os.makedirs(W["dir"])


def run_dir(seed):
    d = os.path.join(W["dir"], "%08x" % (hash(" ".join(seed["words"])) & 0xffffffff))
    if not os.path.isdir(d):
        os.makedirs(d, mode=0o700)
    return d


def start(seed, d):
    """One start with the cache in d: the run and its class."""
    res = C.run_traced([W["args"].ldso, "--launch-cache", d] + seed["tail"], W["args"].timeout)
    cls, detail = C.classify(res, "a", W["args"].ldso)
    if cls == "clean-error" and seed["status"] != 127:
        cls = "cache-made-it-fail"
        detail = res["stderr"].decode(errors="replace").strip()[:200]
    elif cls == "ran" and (os.WEXITSTATUS(res["status"]) != seed["status"] or
                           res["stdout"] != seed["stdout"] or res["stderr"] != seed["stderr"]):
        cls = "output-changed"
    return res, cls, detail


def one_run(i):
    args, seeds = W["args"], W["seeds"]
    rng = random.Random("%d:%d" % (args.seed, i))
    seed = seeds[rng.randrange(len(seeds))]
    data, desc = mutate(rng, seed["data"], seed["layout"])
    d = run_dir(seed)
    path = os.path.join(d, seed["name"])
    for e in os.listdir(d):
        os.unlink(os.path.join(d, e))
    with open(path + ".new", "wb") as f:
        f.write(data)
    os.chmod(path + ".new", 0o600)
    os.replace(path + ".new", path)
    res, cls, detail = start(seed, d)
    changed = changed_bindings(seed, data) if cls == "output-changed" else None
    if changed and all(seed["objects"].legitimate(*c) for c in changed):
        cls = "rebound"
    try:
        accepted = open(path, "rb").read() == data
    except OSError:
        accepted = False
    second = None
    if cls == "ran" and not accepted and os.listdir(d):
        res, cls, detail = start(seed, d)      # the file the first start wrote
        second = cls
        if cls != "ran":
            detail = "second start: " + detail
    rec = dict(run=i, program=" ".join(seed["words"]), mutation=desc, cls=cls,
               detail=detail, accepted=accepted, second=second)
    if cls in KEEP:
        keep_case(rec, data, seed, res)
    return rec


def keep_case(rec, data, seed, res):
    args = W["args"]
    d = os.path.join(args.out, "cases", "%06d-%s" % (rec["run"], rec["cls"]))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "input"), "wb") as f:
        f.write(data)
    rec["case"] = os.path.relpath(d, REPO)
    with open(os.path.join(d, "info.txt"), "w") as f:
        f.write("run:       %d (seed %d)\nclass:     %s (%s)\nprogram:   %s\nmutation:  %s\n"
                % (rec["run"], args.seed, rec["cls"], rec["detail"], rec["program"],
                   rec["mutation"]))
        f.write("expected:  exit %d\n%s\n" % (seed["status"], seed["stdout"][:2000].decode(errors="replace")))
        f.write("--- stdout\n%s\n--- stderr\n%s\n" % (res["stdout"][:2000].decode(errors="replace"),
                                                     res["stderr"][:2000].decode(errors="replace")))
    words = " ".join("'%s'" % w for w in seed["tail"])
    with open(os.path.join(d, "repro.sh"), "w") as f:
        f.write("#!/bin/sh\n# %s: %s\n# usage: repro.sh [gdb]\n" % (rec["cls"], rec["mutation"]))
        f.write('LDSO=${LDSO:-%s}\nHERE=$(cd "$(dirname "$0")" && pwd)\n'
                'D=$(mktemp -d)\ncp "$HERE/input" "$D/%s"\n' % (args.ldso, seed["name"]))
        f.write('if [ "$1" = gdb ]; then\n  env -i gdb -batch -ex run -ex bt --args "$LDSO" '
                '--launch-cache "$D" %s\nelse\n  env -i timeout 10 "$LDSO" --launch-cache "$D" %s;'
                ' echo "exit status $?"\nfi\nrm -rf "$D"\n' % (words, words))
    os.chmod(os.path.join(d, "repro.sh"), 0o755)


# ------------------------------------------------------------------ report
def report(args, records, notes, elapsed):
    out = ["launch campaign: seed %d, %d runs, %.1f s, jobs %d, timeout %.1f s"
           % (args.seed, len(records), elapsed, args.jobs, args.timeout),
           "ld.so under test: %s" % args.ldso, ""]
    out.append("seeds (a cache file recorded and replayed for each):")
    for words, note in notes:
        out.append("  %-45s %s" % (" ".join(words), note))
    out.append("")
    by = collections.Counter(r["cls"] for r in records)
    kinds = collections.Counter(r["mutation"].split(":")[0] for r in records)
    accepted = collections.Counter(r["mutation"].split(":")[0] for r in records if r["accepted"])
    out.append("%-24s %7s" % ("class", "runs"))
    for c in CLASSES:
        if by[c] or c in ("ran", "signal-in-ldso", "hang", "cache-made-it-fail"):
            out.append("%-24s %7d" % (c, by[c]))
    out.append("")
    out.append("%-10s %7s %9s" % ("mutation", "runs", "accepted"))
    for k in sorted(kinds):
        out.append("%-10s %7d %9d" % (k, kinds[k], accepted[k]))
    out.append("%-10s %7d %9d" % ("total", len(records), sum(accepted.values())))
    seconds = collections.Counter(r["second"] for r in records if r["second"])
    out.append("")
    out.append("second starts (the file the first one wrote, replayed): %d, %s"
               % (sum(seconds.values()), ", ".join("%s %d" % kv for kv in sorted(seconds.items()))))
    kept = [r for r in records if r["cls"] in KEEP]
    if kept:
        out.append("")
        out.append("kept cases:")
        for r in kept[:40]:
            out.append("  %s  %s  %s" % (r.get("case"), r["program"], r["mutation"][:120]))
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ldso", default=os.path.join(REPO, "build", "ld.so"))
    ap.add_argument("--runs", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(REPO, "build", "fuzz", "launch"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=5.0)
    ap.add_argument("--strict", action="store_true",
                    help="exit with status 1 when a run is in a class that is a bug")
    args = ap.parse_args()
    args.out = os.path.abspath(args.out)
    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(args.out)
    snap = os.path.join(args.out, "ld.so")
    shutil.copyfile(args.ldso, snap)
    os.chmod(snap, 0o755)
    args.ldso = snap
    seeds, notes = [], []
    for k, words in enumerate(PROGRAMS):
        seed, note = prepare(args, words, os.path.join(args.out, "seeds", str(k)))
        notes.append((words, note))
        if seed:
            seeds.append(seed)
    if len(seeds) < MIN_SEEDS:
        for words, note in notes:
            print("  %-45s %s" % (" ".join(words), note))
        sys.exit("launch campaign: %d seeds recorded a cache file, fewer than %d"
                 % (len(seeds), MIN_SEEDS))
    t0 = time.monotonic()
    with multiprocessing.Pool(args.jobs, worker_init, (args, seeds)) as pool:
        records = list(pool.imap(one_run, range(args.runs), chunksize=8))
    text = report(args, records, notes, time.monotonic() - t0)
    print(text)
    with open(os.path.join(args.out, "summary.txt"), "w") as f:
        f.write(text + "\n")
    with open(os.path.join(args.out, "results.jsonl"), "w") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    if args.strict and any(r["cls"] in STRICT_BAD for r in records):
        sys.exit(1)


if __name__ == "__main__":
    main()
