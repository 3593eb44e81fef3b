#!/usr/bin/env python3
"""campaign.py: a whole-process fuzz campaign against our dynamic linker.

Each run takes one ELF fixture from build/tests (a program or a library),
damages it once (random bytes, or one structured field: ELF header,
program header, dynamic entry, hash tables, symbols, relocations, version
tables, ...), and runs it in one role:

  a  program    ld.so MUTATED                       (the program itself)
  b  needed     ld.so --library-path TMP HOST       (TMP/NAME is the mutated
                                                      library HOST needs)
  c  dlopen     ld.so --library-path SEEDDIR dltest failures TMP
                                                     (TMP/libtext.so is the
                                                      mutated library; dltest
                                                      dlopens it twice and
                                                      compares the link map and
                                                      /proc/self/maps before and
                                                      after the second attempt)
  d  interp     MUTATED                             (a *-ours program, whose
                                                      PT_INTERP names ld.so,
                                                      executed directly)

Every child runs under ptrace (ctypes, no gdb), with an empty environment
and a timeout, so a fatal signal is caught while the process still exists:
its program counter and /proc/PID/maps tell whether the fault lies inside
ld.so.  Classes:

  clean-error            status 127, stderr exactly one line "ld.so: ..."
                         (after any of glibc's warnings: an ignored
                         preload, a copy relocation that changed size)
  ran                    the program ran (any other status, no signal)
  error-format           status 127, but stderr is not one "ld.so: " line
  signal-in-ldso         a fatal signal whose pc lies in ld.so's mapping
  signal-in-ldso-caller-contract
                         the same, but the program, acting as a thread
                         library, broke the thread interface's contract
                         (the TLS chapter): gdb's backtrace shows that it
                         had called one of the functions that take memory
                         the caller owns (_dl_allocate_tls,
                         _dl_allocate_tls_init, _dl_deallocate_tls), or,
                         for a mutated program that starts threads itself
                         (RAW_THREAD_PROGRAMS), the signal came in one of
                         its own threads, whose thread pointer it set; or
                         damaged PLT code of the program entered the lazy
                         binding trampoline with a link map the linker
                         never made (gdb lists the real ones from
                         _r_debug); or the pc is not the start of any
                         instruction of ld.so (objdump's listing), so
                         control came there by a jump the linker never
                         made: through a descriptor or GOT entry that a
                         damaged relocation wrote somewhere else; or a TLS
                         descriptor function (tlsdesc_*) faulted loading
                         the descriptor's argument through rax, or
                         __tls_get_addr loading the tls_index through
                         rdi: the caller sets those registers to a
                         descriptor or a GOT pair (every one the linker
                         writes lies in a writable, readable segment), so
                         the program called it some other way: through a
                         word a damaged relocation turned into a
                         descriptor, or damaged code that passed a wild
                         pointer.  A wild pointer, a trampled TCB, a
                         bogus thread pointer, a forged link map: the
                         caller's, as for memcpy; counted apart, kept, and
                         named in the summary
  signal-in-loaded-code  a fatal signal elsewhere (program, library, pc
                         unmapped: a bad pointer taken from the file)
  signal-unlocated       died of a signal that was not seen (e.g. SIGKILL)
  hang                   timeout, pc of the stopped process in ld.so (or
                         unknown)
  hang-in-loaded-code    timeout, pc in the program or a library
  ldso-msg-wrong-status  stderr has an "ld.so: " line but status is not 127
  exec-refused           role d: the kernel refused the mutated file
  dlopen-fatal           role c: the process exited 127 in dltest
  dlopen-state-changed   role c: dlopen failed both times yet the link map
                         or the mappings changed

The inputs of every class but clean-error, ran, signal-in-loaded-code and
exec-refused are kept in OUT/cases/, each with info.txt and repro.sh
(`repro.sh` runs it, `repro.sh gdb` runs it under gdb and prints a
backtrace).  OUT/results.jsonl has one line per run, OUT/summary.txt the
table printed at the end.  Runs are deterministic for a given --seed:
run i uses its own generator seeded with (seed, i).

Standard library only.  Usage:
  python3 tests/fuzz/campaign.py [--ldso build/ld.so] [--runs 20000]
      [--seconds 600] [--seed 1] [--out build/fuzz/campaign] [--jobs 2]
      [--timeout 5] [--strict] [--retest] [--replay DIR]

--retest runs the kept cases of --out again against --ldso (for instance
after a fix) and prints, case by case, the old and the new class.

Regression cases: --replay DIR runs the portable cases of DIR against
--ldso (default build/ld.so) with the fixtures of --fixtures (default
build/tests), each in its role, prints one line per case with its class,
and exits with status 1 if any is in the --strict classes (signal-in-ldso,
hang, error-format, ldso-msg-wrong-status, dlopen-*), 2 if a case could
not be run (a fixture missing), 0 otherwise; 2 s per run unless --timeout,
no gdb, its files in a temporary directory that it removes.  A portable
case is DIR/NAME/input (the mutated file) and DIR/NAME/case.json, with no
absolute path: "role"; "seed", the mutated fixture relative to the
fixtures directory ("tls/lib/libtlsgd.so"); role b: "host", the program
that needs it, and "lib", the name it is needed by; role d: "interp", the
PT_INTERP string inside input, which the replay replaces by --ldso (padded
with NULs; through a link with a short path when --ldso's is longer);
and, for people, "mutation", "found" (campaign, class, where) and "bug".
tests/fuzz/cases holds one such case per distinct bug the campaigns found
(named after what was damaged, e.g. tls-memsz-2gib-b-libgd), all fixed:

  python3 tests/fuzz/campaign.py --replay tests/fuzz/cases
"""
import argparse
import collections
import ctypes
import errno
import hashlib
import json
import multiprocessing
import os
import random
import re
import resource
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import types

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TESTS = os.path.join(REPO, "build", "tests")

# ------------------------------------------------------------------ seeds
# Programs run in role a (ld.so PROGRAM); they find their libraries through
# RUNPATH $ORIGIN, so each runs from a directory of symbolic links to its
# own directory's entries.
PROGRAMS = [
    "entry/hello", "entry/hello-nopie", "entry/hello-relr",
    "mapping/needs-lib", "mapping/needs-dst",
    "relocation/bind", "relocation/bind-misc", "relocation/bind-nopie",
    "relocation/bind-now", "relocation/bind-ver", "relocation/symbolic",
    "tls/tls-static", "tls/tls-static-nopie", "tls/tls-tcb", "tls/tls-threads",
    "plt/bind-args", "init/bind-order", "glibc/interp/true",
]
# Programs whose PT_INTERP is build/ld.so: role d executes them directly.
# PT_INTERP is redirected to the snapshot OUT/ld.so (the path is appended
# to the file and p_offset/p_filesz changed; the kernel reads it from
# there).
INTERP_PROGRAMS = [
    "entry/hello-ours", "entry/hello-nopie-ours", "entry/hello-relr-ours",
    "mapping/needs-lib-ours", "relocation/bind-ours", "tls/tls-static-ours",
    "tls/tls-threads", "glibc/interp/true",
]
# Libraries: those the programs above need (found by following DT_NEEDED
# and RUNPATH), used in roles b and c, and these, dlopened in role c only.
DLOPEN_LIBS = [
    "dlopen/libplug.so", "dlopen/libhelper.so", "dlopen/libsecond.so",
    "dlopen/libtls0.so", "dlopen/libie.so", "dlopen/libgnu2.so",
    "dlopen/libversioned.so", "dlopen/libunique1.so", "dlopen/libver.so",
    "relocation/libbrelr.so", "relocation/libbpre.so",
]
# dltest's "failures" scenario opens these from its directory argument;
# libtext.so is the slot for the mutated library.
DLTEST = "dlopen/dltest"
DLTEST_COMPANIONS = ["libhelper.so", "libneedsgone.so", "libbad.so",
                     "libneedsver.so", "libver.so"]
DLTEST_SLOT = "libtext.so"
ROLE_WEIGHTS = [("a", 35), ("b", 30), ("c", 15), ("d", 20)]
ROLE_NAMES = {"a": "program", "b": "needed-lib", "c": "dlopen", "d": "interp"}

# ------------------------------------------------------------------ ELF
PT = {0: "PT_NULL", 1: "PT_LOAD", 2: "PT_DYNAMIC", 3: "PT_INTERP", 4: "PT_NOTE",
      6: "PT_PHDR", 7: "PT_TLS", 0x6474e550: "PT_GNU_EH_FRAME",
      0x6474e551: "PT_GNU_STACK", 0x6474e552: "PT_GNU_RELRO",
      0x6474e553: "PT_GNU_PROPERTY"}
DT = {0: "DT_NULL", 1: "DT_NEEDED", 2: "DT_PLTRELSZ", 3: "DT_PLTGOT",
      4: "DT_HASH", 5: "DT_STRTAB", 6: "DT_SYMTAB", 7: "DT_RELA",
      8: "DT_RELASZ", 9: "DT_RELAENT", 10: "DT_STRSZ", 11: "DT_SYMENT",
      12: "DT_INIT", 13: "DT_FINI", 14: "DT_SONAME", 15: "DT_RPATH",
      16: "DT_SYMBOLIC", 17: "DT_REL", 18: "DT_RELSZ", 19: "DT_RELENT",
      20: "DT_PLTREL", 21: "DT_DEBUG", 22: "DT_TEXTREL", 23: "DT_JMPREL",
      24: "DT_BIND_NOW", 25: "DT_INIT_ARRAY", 26: "DT_FINI_ARRAY",
      27: "DT_INIT_ARRAYSZ", 28: "DT_FINI_ARRAYSZ", 29: "DT_RUNPATH",
      30: "DT_FLAGS", 32: "DT_PREINIT_ARRAY", 33: "DT_PREINIT_ARRAYSZ",
      35: "DT_RELRSZ", 36: "DT_RELR", 37: "DT_RELRENT",
      0x6ffffef5: "DT_GNU_HASH", 0x6ffffff0: "DT_VERSYM",
      0x6ffffff9: "DT_RELACOUNT", 0x6ffffffa: "DT_RELCOUNT",
      0x6ffffffb: "DT_FLAGS_1", 0x6ffffffc: "DT_VERDEF",
      0x6ffffffd: "DT_VERDEFNUM", 0x6ffffffe: "DT_VERNEED",
      0x6fffffff: "DT_VERNEEDNUM", 0x6ffffdf5: "DT_GNU_PRELINKED",
      0x6ffffef6: "DT_TLSDESC_PLT", 0x6ffffef7: "DT_TLSDESC_GOT",
      0x7ffffffd: "DT_AUXILIARY", 0x7fffffff: "DT_FILTER"}
DT_ADDR = {3, 4, 5, 6, 7, 12, 13, 17, 21, 23, 25, 26, 32, 36, 0x6ffffef5,
           0x6ffffff0, 0x6ffffffc, 0x6ffffffe, 0x6ffffef6, 0x6ffffef7}
DT_STR = {1, 14, 15, 29, 0x7ffffffd, 0x7fffffff}
DT_SIZE = {2, 8, 9, 10, 11, 18, 19, 27, 28, 33, 35, 37}
DT_COUNT = {0x6ffffff9, 0x6ffffffa, 0x6ffffffd, 0x6fffffff}
DT_FLAGS = {20, 30, 0x6ffffffb}
DT_INTERESTING = sorted(DT) + [0x6ffffdff, 0x70000000, 0x7fffffff, 0x80000000,
                               -1 & (2**64 - 1), 1 << 63, 38, 34, 31]
PT_INTERESTING = sorted(PT) + [5, 8, 0x60000000, 0x6fffffff, 0x70000000,
                               0x70000003, 0xffffffff]
RTYPES = list(range(0, 43)) + [0xff, 0xffffffff, 0x80000000]


class Elf:
    """The parts of an x86-64 ELF file a dynamic linker reads, located in
    the file.  Tolerant: a seed that does not parse yields fewer fields."""

    def __init__(self, data):
        self.data = bytes(data)
        self.size = len(data)
        d = self.data
        (self.e_type, self.e_machine, self.e_version, self.e_entry,
         self.e_phoff, self.e_shoff, self.e_flags, self.e_ehsize,
         self.e_phentsize, self.e_phnum, self.e_shentsize, self.e_shnum,
         self.e_shstrndx) = struct.unpack_from("<HHIQQQIHHHHHH", d, 16)
        self.phdrs = []
        for i in range(self.e_phnum):
            at = self.e_phoff + i * self.e_phentsize
            if at + 56 > self.size:
                break
            (p_type, p_flags, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz,
             p_align) = struct.unpack_from("<IIQQQQQQ", d, at)
            self.phdrs.append(dict(index=i, at=at, p_type=p_type, p_flags=p_flags,
                                   p_offset=p_offset, p_vaddr=p_vaddr,
                                   p_filesz=p_filesz, p_memsz=p_memsz,
                                   p_align=p_align))
        self.loads = [p for p in self.phdrs if p["p_type"] == 1]
        self.dyn = []           # (index, file offset, tag, value)
        self.dynval = {}
        for p in self.phdrs:
            if p["p_type"] == 2:
                for at in range(p["p_offset"], min(p["p_offset"] + p["p_filesz"], self.size - 15), 16):
                    tag, val = struct.unpack_from("<qQ", d, at)
                    self.dyn.append((len(self.dyn), at, tag & (2**64 - 1), val))
                    self.dynval.setdefault(tag, val)
                    if tag == 0:
                        break
                self.dynamic = p
                break
        self.sections = []
        if 0 < self.e_shoff < self.size and self.e_shentsize == 64:
            for i in range(self.e_shnum):
                at = self.e_shoff + i * 64
                if at + 64 > self.size:
                    break
                self.sections.append(struct.unpack_from("<IIQQQQIIQQ", d, at))
        self.tables = {}        # name -> (file offset, size)
        self.fields = collections.defaultdict(list)   # category -> [Field]
        self.nsyms = self._count_symbols()
        self._collect()

    def v2o(self, vaddr, length=1):
        for p in self.loads:
            if p["p_vaddr"] <= vaddr and vaddr + length <= p["p_vaddr"] + p["p_filesz"]:
                off = p["p_offset"] + vaddr - p["p_vaddr"]
                if off + length <= self.size:
                    return off
        return None

    def u(self, fmt, off):
        return struct.unpack_from(fmt, self.data, off)

    def _count_symbols(self):
        for sh in self.sections:
            if sh[1] == 11 and sh[9] == 24:                 # SHT_DYNSYM
                return sh[5] // 24
        h = self.dynval.get(4)
        if h is not None and self.v2o(h, 8) is not None:
            return self.u("<I", self.v2o(h, 8) + 4)[0]
        g = self.dynval.get(0x6ffffef5)
        if g is not None and self.v2o(g, 16) is not None:
            at = self.v2o(g, 16)
            nb, so, bw, _ = self.u("<IIII", at)
            bk = at + 16 + 8 * bw
            top = 0
            for i in range(min(nb, 4096)):
                if bk + 4 * i + 4 <= self.size:
                    top = max(top, self.u("<I", bk + 4 * i)[0])
            if top < so:
                return so
            ch = bk + 4 * nb
            while ch + 4 * (top - so) + 4 <= self.size and top - so < 100000:
                if self.u("<I", ch + 4 * (top - so))[0] & 1:
                    return top + 1
                top += 1
        return 0

    def add(self, cat, name, off, size, kind, **ctx):
        if off is not None and 0 <= off and off + size <= self.size:
            self.fields[cat].append((name, off, size, kind, ctx))

    def table(self, name, vaddr, size):
        off = self.v2o(vaddr) if vaddr is not None else None
        if off is not None and size:
            self.tables[name] = (off, max(0, min(size, self.size - off)))
        return off

    def _collect(self):
        d = self.data
        # ELF header
        for name, off, size, kind in [
                ("e_ident[EI_CLASS]", 4, 1, "class"), ("e_ident[EI_DATA]", 5, 1, "u8"),
                ("e_ident[EI_VERSION]", 6, 1, "u8"), ("e_ident[EI_OSABI]", 7, 1, "u8"),
                ("e_ident[EI_MAG0..3]", 0, 4, "u32"),
                ("e_type", 16, 2, "etype"), ("e_machine", 18, 2, "machine"),
                ("e_version", 20, 4, "u32"), ("e_entry", 24, 8, "addr"),
                ("e_phoff", 32, 8, "offset"), ("e_shoff", 40, 8, "offset"),
                ("e_flags", 48, 4, "u32"), ("e_ehsize", 52, 2, "size"),
                ("e_phentsize", 54, 2, "size"), ("e_phnum", 56, 2, "count"),
                ("e_shentsize", 58, 2, "size"), ("e_shnum", 60, 2, "count"),
                ("e_shstrndx", 62, 2, "count")]:
            self.add("ehdr", name, off, size, kind)
        self.tables["ehdr"] = (0, 64)
        if self.phdrs:
            self.tables["phdrs"] = (self.e_phoff, 56 * len(self.phdrs))
        # program headers, one category per type
        for p in self.phdrs:
            t = PT.get(p["p_type"], hex(p["p_type"]))
            pre = "phdr[%d](%s)." % (p["index"], t)
            for name, off, size, kind in [
                    ("p_type", 0, 4, "ptype"), ("p_flags", 4, 4, "pflags"),
                    ("p_offset", 8, 8, "offset"), ("p_vaddr", 16, 8, "addr"),
                    ("p_paddr", 24, 8, "addr"), ("p_filesz", 32, 8, "size"),
                    ("p_memsz", 40, 8, "size"), ("p_align", 48, 8, "align")]:
                if name == "p_paddr" and random.Random(p["index"]).random() < 0.7:
                    continue    # rarely interesting; keep a few
                self.add("phdr:" + t, pre + name, p["at"] + off, size, kind)
        # dynamic section
        if self.dyn:
            self.tables["dynamic"] = (self.dynamic["p_offset"], 16 * len(self.dyn))
        for i, at, tag, val in self.dyn:
            t = DT.get(tag, hex(tag))
            kind = ("addr" if tag in DT_ADDR else "stroff" if tag in DT_STR else
                    "size" if tag in DT_SIZE else "count" if tag in DT_COUNT else
                    "flags" if tag in DT_FLAGS else "u64")
            self.add("dyn", "dyn[%d](%s).d_tag" % (i, t), at, 8, "dtag", tag=t)
            self.add("dyn", "dyn[%d](%s).d_val" % (i, t), at + 8, 8, kind, tag=t)
        dv = self.dynval
        strtab = self.table("dynstr", dv.get(5), dv.get(10, 0))
        self.strsz = dv.get(10, 0)
        # symbols
        symtab = self.v2o(dv[6]) if 6 in dv else None
        if symtab is not None and self.nsyms:
            self.tables["dynsym"] = (symtab, min(24 * self.nsyms, self.size - symtab))
            for s in range(self.nsyms):
                at = symtab + 24 * s
                for name, off, size, kind in [
                        ("st_name", 0, 4, "stroff"), ("st_info", 4, 1, "stinfo"),
                        ("st_other", 5, 1, "u8"), ("st_shndx", 6, 2, "shndx"),
                        ("st_value", 8, 8, "addr"), ("st_size", 16, 8, "size")]:
                    self.add("sym", "dynsym[%d].%s" % (s, name), at + off, size, kind)
        # GNU hash
        if 0x6ffffef5 in dv:
            at = self.v2o(dv[0x6ffffef5], 16)
            if at is not None:
                nb, so, bw, sh = self.u("<IIII", at)
                nchain = max(0, self.nsyms - so)
                self.tables["gnu_hash"] = (at, 16 + 8 * bw + 4 * nb + 4 * nchain)
                self.add("gnu_hash", "gnu_hash.nbuckets", at, 4, "count")
                self.add("gnu_hash", "gnu_hash.symoffset", at + 4, 4, "symidx")
                self.add("gnu_hash", "gnu_hash.bloom_size", at + 8, 4, "count")
                self.add("gnu_hash", "gnu_hash.bloom_shift", at + 12, 4, "count")
                for i in range(min(bw, 64)):
                    self.add("gnu_hash", "gnu_hash.bloom[%d]" % i, at + 16 + 8 * i, 8, "u64")
                bk = at + 16 + 8 * bw
                for i in range(min(nb, 512)):
                    self.add("gnu_hash", "gnu_hash.bucket[%d]" % i, bk + 4 * i, 4, "symidx")
                for i in range(min(nchain, 512)):
                    self.add("gnu_hash", "gnu_hash.chain[%d]" % i, bk + 4 * nb + 4 * i, 4, "u32")
        # SysV hash
        if 4 in dv:
            at = self.v2o(dv[4], 8)
            if at is not None:
                nb, nc = self.u("<II", at)
                self.tables["hash"] = (at, 8 + 4 * (nb + nc))
                self.add("hash", "hash.nbucket", at, 4, "count")
                self.add("hash", "hash.nchain", at + 4, 4, "count")
                for i in range(min(nb, 512)):
                    self.add("hash", "hash.bucket[%d]" % i, at + 8 + 4 * i, 4, "symidx")
                for i in range(min(nc, 512)):
                    self.add("hash", "hash.chain[%d]" % i, at + 8 + 4 * nb + 4 * i, 4, "symidx")
        # relocations
        for table, addr_tag, size_tag in [("rela", 7, 8), ("jmprel", 23, 2)]:
            if addr_tag in dv:
                at = self.table(table, dv[addr_tag], dv.get(size_tag, 0))
                if at is None:
                    continue
                for r in range(min(dv.get(size_tag, 0) // 24, 2000)):
                    e = at + 24 * r
                    self.add("reloc", "%s[%d].r_offset" % (table, r), e, 8, "addr")
                    self.add("reloc", "%s[%d].r_info.type" % (table, r), e + 8, 4, "rtype")
                    self.add("reloc", "%s[%d].r_info.sym" % (table, r), e + 12, 4, "symidx")
                    self.add("reloc", "%s[%d].r_addend" % (table, r), e + 16, 8, "addr")
        if 36 in dv:
            at = self.table("relr", dv[36], dv.get(35, 0))
            if at is not None:
                for r in range(min(dv.get(35, 0) // 8, 2000)):
                    self.add("relr", "relr[%d]" % r, at + 8 * r, 8, "relr")
        # version tables
        if 0x6ffffff0 in dv and self.nsyms:
            at = self.table("versym", dv[0x6ffffff0], 2 * self.nsyms)
            if at is not None:
                for s in range(self.nsyms):
                    self.add("version", "versym[%d]" % s, at + 2 * s, 2, "verndx")
        if 0x6ffffffe in dv:
            at = self.v2o(dv[0x6ffffffe], 16)
            start = at
            for n in range(min(dv.get(0x6fffffff, 0), 64)):
                if at is None or at + 16 > self.size:
                    break
                vn_version, vn_cnt, vn_file, vn_aux, vn_next = self.u("<HHIII", at)
                p = "verneed[%d]." % n
                for name, off, size, kind in [("vn_version", 0, 2, "u16"), ("vn_cnt", 2, 2, "count"),
                                              ("vn_file", 4, 4, "stroff"), ("vn_aux", 8, 4, "offset"),
                                              ("vn_next", 12, 4, "offset")]:
                    self.add("version", p + name, at + off, size, kind)
                ax = at + vn_aux
                for a in range(min(vn_cnt, 64)):
                    if ax + 16 > self.size:
                        break
                    q = p + "aux[%d]." % a
                    for name, off, size, kind in [("vna_hash", 0, 4, "u32"), ("vna_flags", 4, 2, "u16"),
                                                  ("vna_other", 6, 2, "verndx"), ("vna_name", 8, 4, "stroff"),
                                                  ("vna_next", 12, 4, "offset")]:
                        self.add("version", q + name, ax + off, size, kind)
                    nxt = self.u("<I", ax + 12)[0]
                    if not nxt:
                        break
                    ax += nxt
                if not vn_next:
                    at += 16
                    break
                at += vn_next
            if start is not None and at is not None and at > start:
                self.tables["verneed"] = (start, at - start + 16)
        if 0x6ffffffc in dv:
            at = self.v2o(dv[0x6ffffffc], 20)
            start = at
            for n in range(min(dv.get(0x6ffffffd, 0), 64)):
                if at is None or at + 20 > self.size:
                    break
                vd_version, vd_flags, vd_ndx, vd_cnt, vd_hash, vd_aux, vd_next = self.u("<HHHHIII", at)
                p = "verdef[%d]." % n
                for name, off, size, kind in [("vd_version", 0, 2, "u16"), ("vd_flags", 2, 2, "u16"),
                                              ("vd_ndx", 4, 2, "verndx"), ("vd_cnt", 6, 2, "count"),
                                              ("vd_hash", 8, 4, "u32"), ("vd_aux", 12, 4, "offset"),
                                              ("vd_next", 16, 4, "offset")]:
                    self.add("version", p + name, at + off, size, kind)
                ax = at + vd_aux
                for a in range(min(vd_cnt, 64)):
                    if ax + 8 > self.size:
                        break
                    self.add("version", p + "aux[%d].vda_name" % a, ax, 4, "stroff")
                    self.add("version", p + "aux[%d].vda_next" % a, ax + 4, 4, "offset")
                    nxt = self.u("<I", ax + 4)[0]
                    if not nxt:
                        break
                    ax += nxt
                if not vd_next:
                    at += 20
                    break
                at += vd_next
            if start is not None and at is not None and at > start:
                self.tables["verdef"] = (start, at - start)
        # constructor and destructor arrays
        for name, a, s in [("init_array", 25, 27), ("fini_array", 26, 28), ("preinit_array", 32, 33)]:
            if a in dv:
                at = self.table(name, dv[a], dv.get(s, 0))
                if at is not None:
                    for i in range(min(dv.get(s, 0) // 8, 256)):
                        self.add("initfini", "%s[%d]" % (name, i), at + 8 * i, 8, "addr")
        for tag in (12, 13):
            pass        # DT_INIT / DT_FINI values are dyn d_val fields already
        # the interpreter string and the needed names live in dynstr/.interp
        for p in self.phdrs:
            if p["p_type"] == 3 and p["p_offset"] < self.size:
                self.tables["interp"] = (p["p_offset"], min(p["p_filesz"], self.size - p["p_offset"]))
            if p["p_type"] == 7:
                self.tables["tls_phdr"] = (p["at"], 56)

    def top(self):
        return max([p["p_vaddr"] + p["p_memsz"] for p in self.loads] or [0])


# ------------------------------------------------------------------ values
def interesting(rng, width, orig, kind, elf, ctx):
    mask = (1 << (8 * width)) - 1
    fsize = elf.size
    small = rng.choice([1, 2, 3, 4, 7, 8, 15, 16, 24, 56, 64, 0x100, 0xfff, 0x1000])
    pool = [0, 1, mask, 0x7fffffff, 0x80000000, 1 << 32, 1 << 63, (1 << 64) - 1,
            0xffffffff, 0xffff, 0x7fff, 0x8000,
            fsize, fsize + small, fsize - small, fsize - 1, fsize + 1,
            0x1000 * rng.choice([1, 2, 3, 16, 256, 0x10000, 0x100000]),
            orig + small, orig - small, orig ^ (1 << rng.randrange(8 * width)),
            orig * 2, orig >> 1, -orig, orig | 0xfff, orig & ~0xfff,
            rng.getrandbits(8 * width), rng.randrange(0x200)]
    top = elf.top()
    if kind == "addr":
        pool += [top, top - small, top + small, top + 0x1000, 0x7ffffffff000,
                 0x7fffffffe000, 0xffffffffff600000, 0x400000, 0x10000]
        pool += [p["p_vaddr"] + rng.choice([0, p["p_memsz"], p["p_filesz"]]) for p in elf.loads]
    elif kind == "offset":
        pool += [fsize - width, fsize - 56, fsize - 64, fsize + 0x1000, 64, 0x40 - 8]
    elif kind == "size":
        pool += [24, 23, 25, 56, 55, 64, 16, orig * 0x1000, fsize * 2, 1 << 40]
    elif kind == "count":
        pool += [0, 1, 2, orig + 1, orig - 1, 0xfff, 0xffff, 0x10000, 0xffffff]
    elif kind == "align":
        pool += [0, 1, 2, 3, 8, 0x1000, 0x1001, 0x800, 0x200000, 0x10000, 1 << 40, 1 << 63]
    elif kind == "class":
        pool += [0, 1, 2, 3, 0xff] * 3
    elif kind == "machine":
        pool += [0, 3, 62, 183, 40, 0xffff] * 3
    elif kind == "etype":
        pool += [0, 1, 2, 3, 4, 0xfe00, 0xff00, 0xffff] * 3
    elif kind == "ptype":
        pool += PT_INTERESTING * 2
    elif kind == "pflags":
        pool += list(range(8)) * 3
    elif kind == "dtag":
        pool += DT_INTERESTING * 2
    elif kind == "rtype":
        pool += RTYPES * 2
    elif kind == "symidx":
        n = elf.nsyms
        pool += [0, 1, n - 1, n, n + 1, n + 100, 0xffffff, 0xfffff0, 0x80000005] * 2
    elif kind == "stroff":
        s = elf.strsz
        pool += [s - 1, s, s + 1, s + 0x100, 0x7ffffff0, 0xfffffffff, s * 100] * 2
    elif kind == "stinfo":
        pool += [(b << 4) | t for b in (0, 1, 2, 10, 15) for t in (0, 1, 2, 3, 4, 5, 6, 10, 15)]
    elif kind == "shndx":
        pool += [0, 1, 0xfff1, 0xfff2, 0xff00, 0xffff, elf.e_shnum, elf.e_shnum + 1] * 2
    elif kind == "verndx":
        pool += [0, 1, 2, 3, 0x8002, 0x7fff, 0xffff, 0x8000, 20, 100] * 2
    elif kind == "flags":
        pool += [1 << rng.randrange(32), 0x8, 0x1, 0x2, 0x4, 0x10, 0x8000001, 0x800, 0x1000000]
    elif kind == "relr":
        pool += [1, 3, 0x100, top, top + 8, (1 << 64) - 1, 0x8000000000000001,
                 orig | 1, orig + 8, (1 << 63) | 1]
    v = rng.choice(pool)
    return v & mask


# ------------------------------------------------------------------ mutations
def mutate_field(rng, buf, elf, cat=None):
    cats = sorted(elf.fields)
    if not cats:
        return None
    if cat is None:
        cat = rng.choice(cats)
    fields = elf.fields[cat]
    if cat == "dyn":                   # first a tag, then one of its entries
        by_tag = collections.defaultdict(list)
        for f in fields:
            by_tag[f[4]["tag"]].append(f)
        group = by_tag[rng.choice(sorted(by_tag))]
        vals = [f for f in group if f[0].endswith("d_val")]
        fields = vals if vals and rng.random() < 0.75 else group
    name, off, size, kind, ctx = rng.choice(fields)
    fmt = {1: "<B", 2: "<H", 4: "<I", 8: "<Q"}[size]
    orig = struct.unpack_from(fmt, buf, off)[0]
    new = interesting(rng, size, orig, kind, elf, ctx)
    if new == orig:
        new = (orig + 1) & ((1 << (8 * size)) - 1)
    struct.pack_into(fmt, buf, off, new)
    return "%s @%#x: %#x -> %#x" % (name, off, orig, new)


def mutate_bytes(rng, buf, elf):
    out = []
    n = rng.choice([1, 1, 1, 2, 2, 3, 4, 8, 16])
    tables = sorted(elf.tables)
    meta = rng.random() < 0.6 and tables
    for _ in range(n):
        if meta:
            t = rng.choice(tables)
            start, length = elf.tables[t]
            if length <= 0:
                continue
            off = start + rng.randrange(length)
            where = t
        else:
            off = rng.randrange(len(buf))
            where = "anywhere"
        if off >= len(buf):
            continue
        how = rng.random()
        if how < 0.4:
            bit = rng.randrange(8)
            buf[off] ^= 1 << bit
            out.append("%s @%#x: flip bit %d" % (where, off, bit))
        elif how < 0.8:
            old, buf[off] = buf[off], rng.choice([0, 0xff, 0x7f, 0x80, rng.randrange(256)])
            out.append("%s @%#x: byte %#x -> %#x" % (where, off, old, buf[off]))
        else:
            off &= ~7
            if off + 8 <= len(buf):
                v = rng.choice([0, (1 << 64) - 1, 1 << 63, 0x7fffffff, 0x80000000,
                                1 << 32, len(buf), rng.getrandbits(64)])
                struct.pack_into("<Q", buf, off, v)
                out.append("%s @%#x: qword -> %#x" % (where, off, v))
    return "bytes: " + "; ".join(out) if out else None


def mutate_truncate(rng, buf, elf):
    cands = [0, 1, 4, 16, 52, 63, 64, 65, elf.e_phoff + 56 * max(0, len(elf.phdrs) - 1) + 20,
             rng.randrange(len(buf)), rng.randrange(min(len(buf), 0x1000))]
    for p in elf.loads + elf.phdrs[:3]:
        e = p["p_offset"] + p["p_filesz"]
        cands += [p["p_offset"], e - 1, e - 8, p["p_offset"] + 1]
    for start, length in elf.tables.values():
        cands += [start, start + length // 2, start + length - 1]
    n = max(0, min(len(buf) - 1, rng.choice(cands)))
    del buf[n:]
    return "truncate file to %#x bytes (of %#x)" % (n, elf.size)


def mutate_dynshape(rng, buf, elf):
    if not elf.dyn:
        return None
    how = rng.randrange(4)
    if how == 0:             # no DT_NULL terminator inside PT_DYNAMIC
        nulls = [at for i, at, tag, val in elf.dyn if tag == 0]
        for at in nulls:
            struct.pack_into("<Q", buf, at, 21)     # DT_DEBUG
        # and whatever follows the dynamic section becomes entries
        return "dynamic: DT_NULL terminators replaced by DT_DEBUG (%d)" % len(nulls)
    if how == 1:             # duplicate an entry over another
        a, b = rng.choice(elf.dyn), rng.choice(elf.dyn)
        buf[b[1]:b[1] + 16] = elf.data[a[1]:a[1] + 16]
        return "dynamic: entry %d (%s) copied over entry %d (%s)" % (
            a[0], DT.get(a[2], hex(a[2])), b[0], DT.get(b[2], hex(b[2])))
    if how == 2:             # drop an entry (shift the rest up)
        i = rng.randrange(len(elf.dyn))
        start, end = elf.dyn[i][1], elf.dyn[-1][1] + 16
        buf[start:end] = elf.data[start + 16:end] + bytes(16)
        return "dynamic: entry %d (%s) removed" % (i, DT.get(elf.dyn[i][2], hex(elf.dyn[i][2])))
    # swap two entries
    a, b = rng.choice(elf.dyn), rng.choice(elf.dyn)
    buf[a[1]:a[1] + 16], buf[b[1]:b[1] + 16] = elf.data[b[1]:b[1] + 16], elf.data[a[1]:a[1] + 16]
    return "dynamic: entries %d and %d swapped" % (a[0], b[0])


def mutate_strings(rng, buf, elf):
    cands = [t for t in ("dynstr", "interp") if t in elf.tables and elf.tables[t][1] > 0]
    if not cands:
        return None
    t = rng.choice(cands)
    start, length = elf.tables[t]
    how = rng.randrange(3)
    if how == 0:             # no terminator up to the end of the table
        at = start + rng.randrange(length)
        for k in range(at, start + length):
            if buf[k] == 0:
                buf[k] = ord("A")
        return "%s: NULs from %#x to the end of the table (%#x) replaced by 'A'" % (t, at, start + length)
    if how == 1:             # a long string: several names run together
        at = start + rng.randrange(length)
        k, n = at, 0
        while k < start + length and n < 3:
            if buf[k] == 0:
                buf[k] = ord("/")
                n += 1
            k += 1
        return "%s: %d NULs after %#x replaced by '/'" % (t, n, at)
    at = start + rng.randrange(length)
    c = rng.choice(b"$/.\x01\xff%")
    buf[at] = c
    return "%s @%#x: byte -> %r" % (t, at, bytes([c]))


def mutate(rng, data, elf):
    buf = bytearray(data)
    r = rng.random()
    if r < 0.55:
        desc = mutate_field(rng, buf, elf)
    elif r < 0.67:
        descs = [mutate_field(rng, buf, elf) for _ in range(rng.choice([2, 2, 3, 4]))]
        desc = "multi: " + " | ".join(d for d in descs if d) if any(descs) else None
    elif r < 0.85:
        desc = mutate_bytes(rng, buf, elf)
    elif r < 0.90:
        desc = mutate_truncate(rng, buf, elf)
    elif r < 0.95:
        desc = mutate_dynshape(rng, buf, elf)
    else:
        desc = mutate_strings(rng, buf, elf)
    if desc is None:
        desc = mutate_bytes(rng, buf, elf) or "no change"
    return bytes(buf), desc


# ------------------------------------------------------------------ seed set
def parse_needed(path):
    try:
        data = open(path, "rb").read()
        elf = Elf(data)
    except Exception:
        return None, [], []
    dv = dict((t, v) for _, _, t, v in elf.dyn)
    strtab = elf.v2o(dv[5]) if 5 in dv else None

    def s(off):
        if strtab is None:
            return ""
        end = data.index(b"\0", strtab + off)
        return data[strtab + off:end].decode(errors="replace")
    needed = [s(v) for _, _, t, v in elf.dyn if t == 1]
    runpath = [s(v) for _, _, t, v in elf.dyn if t in (29, 15)]
    return elf, needed, runpath


def resolve_closure(prog):
    """name -> file for the libraries prog loads, searching RUNPATH with
    $ORIGIN (other substitutions are skipped) like the linker would."""
    found = {}
    todo = [prog]
    while todo:
        obj = todo.pop()
        _, needed, runpath = parse_needed(obj)
        origin = os.path.dirname(obj)
        dirs = []
        for rp in runpath:
            for d in rp.split(":"):
                d = d.replace("${ORIGIN}", origin).replace("$ORIGIN", origin)
                if "$" not in d:
                    dirs.append(d)
        for name in needed:
            if name in found or name.startswith("ld-linux") or name.startswith("libc.so"):
                continue
            for d in dirs:
                p = os.path.join(d, name)
                if os.path.exists(p):
                    found[name] = os.path.normpath(p)
                    todo.append(found[name])
                    break
    return found


class Seeds:
    def __init__(self, ldso_snapshot, out):
        self.programs, self.interp_programs, self.libs = [], [], []
        self.hosts = {}                      # library path -> (name, host program)
        missing = []
        for rel in PROGRAMS:
            p = os.path.join(TESTS, rel)
            if os.path.exists(p):
                self.programs.append(p)
            else:
                missing.append(rel)
        for rel in INTERP_PROGRAMS:
            p = os.path.join(TESTS, rel)
            if os.path.exists(p):
                self.interp_programs.append(p)
            else:
                missing.append(rel)
        for prog in self.programs:
            for name, lib in sorted(resolve_closure(prog).items()):
                if lib.startswith(TESTS) and lib not in self.hosts:
                    self.hosts[lib] = (name, prog)
                    self.libs.append(lib)
        # libraries with a SysV hash table, built from the fixture sources
        # (the fixtures have only DT_GNU_HASH), standing in for libbcore.so
        extra = os.path.join(out, "seeds")
        src = os.path.join(REPO, "tests", "relocation", "libbcore.c")
        bind = os.path.join(TESTS, "relocation", "bind")
        for style in ("sysv", "both"):
            lib = os.path.join(extra, style, "libbcore.so")
            if not os.path.exists(lib) and os.path.exists(src):
                os.makedirs(os.path.dirname(lib), exist_ok=True)
                cmd = ["gcc", "-std=gnu11", "-O2", "-g", "-ffreestanding", "-fno-stack-protector",
                       "-fno-tree-loop-distribute-patterns", "-U_FORTIFY_SOURCE",
                       "-fcf-protection=none", "-nostdlib",
                       "-I" + os.path.join(REPO, "tests", "runtime"), "-Wl,-z,noexecstack",
                       "-fPIC", "-shared", "-Wl,-soname,libbcore.so",
                       "-Wl,--hash-style=" + style, "-o", lib, src]
                subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if os.path.exists(lib) and os.path.exists(bind):
                self.hosts[lib] = ("libbcore.so", bind)
                self.libs.append(lib)
        self.dl_libs = list(self.libs)
        for rel in DLOPEN_LIBS:
            p = os.path.join(TESTS, rel)
            if os.path.exists(p):
                self.dl_libs.append(p)
            else:
                missing.append(rel)
        self.dltest = os.path.join(TESTS, DLTEST)
        if not os.path.exists(self.dltest):
            missing.append(DLTEST)
            self.dltest = None
        self.missing = missing
        self.ldso = ldso_snapshot
        self.seed_paths = {}

    def data(self, path, role):
        """The seed's bytes; role d redirects PT_INTERP to the snapshot."""
        data = open(path, "rb").read()
        if role != "d":
            return data
        elf = Elf(data)
        for p in elf.phdrs:
            if p["p_type"] == 3:
                pad = (-len(data)) % 8
                name = self.ldso.encode() + b"\0"
                buf = bytearray(data) + bytes(pad)
                off = len(buf)
                buf += name
                struct.pack_into("<Q", buf, p["at"] + 8, off)
                struct.pack_into("<Q", buf, p["at"] + 32, len(name))
                struct.pack_into("<Q", buf, p["at"] + 40, len(name))
                return bytes(buf)
        return data


# ------------------------------------------------------------------ ptrace
PTRACE_TRACEME, PTRACE_CONT, PTRACE_GETREGS = 0, 7, 12
PTRACE_SETOPTIONS, PTRACE_GETSIGINFO = 0x4200, 0x4202
PTRACE_O_TRACECLONE, PTRACE_O_EXITKILL = 0x8, 0x100000
WALL = 0x40000000
FATAL = {signal.SIGSEGV, signal.SIGBUS, signal.SIGILL, signal.SIGFPE,
         signal.SIGABRT, signal.SIGTRAP, signal.SIGSYS, signal.SIGXCPU,
         signal.SIGXFSZ}


class Regs(ctypes.Structure):
    _fields_ = [(n, ctypes.c_ulonglong) for n in (
        "r15 r14 r13 r12 rbp rbx r11 r10 r9 r8 rax rcx rdx rsi rdi orig_rax "
        "rip cs eflags rsp ss fs_base gs_base ds es fs gs").split()]


_libc = None


def libc():
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
        _libc.ptrace.restype = ctypes.c_long
        _libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
    return _libc


def ptrace(req, pid, addr=None, data=None):
    return libc().ptrace(req, pid, addr, data)


def read_maps(pid):
    maps = []
    try:
        for line in open("/proc/%d/maps" % pid):
            parts = line.split(None, 5)
            lo, hi = (int(x, 16) for x in parts[0].split("-"))
            maps.append((lo, hi, parts[1], int(parts[2], 16),
                         parts[5].strip() if len(parts) > 5 else ""))
    except OSError:
        pass
    return maps


def locate(maps, addr):
    for lo, hi, perms, off, path in maps:
        if lo <= addr < hi:
            return dict(path=path or "[anon]", perms=perms, fileoff=addr - lo + off)
    return None


def snapshot_thread(tid, pid):
    """pc, fault address and the objects they lie in, of a stopped thread."""
    regs = Regs()
    info = {}
    if ptrace(PTRACE_GETREGS, tid, None, ctypes.byref(regs)) != 0:
        return info
    si = ctypes.create_string_buffer(128)
    if ptrace(PTRACE_GETSIGINFO, tid, None, si) == 0:
        signo, _, code = struct.unpack_from("<iii", si.raw, 0)
        info["si_code"] = code
        info["si_addr"] = struct.unpack_from("<Q", si.raw, 16)[0]
    maps = read_maps(pid)
    info["pc"] = regs.rip
    info["sp"] = regs.rsp
    info["pc_in"] = locate(maps, regs.rip)
    try:
        with open("/proc/%d/mem" % tid, "rb", buffering=0) as mem:
            mem.seek(regs.rsp)
            ret = struct.unpack("<Q", mem.read(8))[0]
        info["ret"] = ret
        info["ret_in"] = locate(maps, ret)
    except (OSError, ValueError, struct.error, OverflowError):
        pass
    return info


def run_traced(argv, timeout, cap=1 << 16):
    """Run argv with an empty environment under ptrace."""
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    ex_r, ex_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(out_r)
            os.close(err_r)
            os.close(ex_r)
            null = os.open("/dev/null", os.O_RDONLY)
            os.dup2(null, 0)
            os.dup2(out_w, 1)
            os.dup2(err_w, 2)
            os.setsid()
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 24, 1 << 24))
            resource.setrlimit(resource.RLIMIT_AS, (16 << 30, 16 << 30))
            ptrace(PTRACE_TRACEME, 0)
            os.execve(argv[0], argv, {})
        except OSError as e:
            os.write(ex_w, str(e.errno).encode())
        except BaseException:
            os.write(ex_w, b"-1")
        os._exit(126)
    os.close(out_w)
    os.close(err_w)
    os.close(ex_w)
    res = dict(stdout=b"", stderr=b"", fault=None, status=None, exec_errno=None,
               timeout=False, hang=None)
    err = os.read(ex_r, 64)
    os.close(ex_r)
    bufs = {out_r: bytearray(), err_r: bytearray()}
    for fd in bufs:
        os.set_blocking(fd, False)

    def drain(wait):
        fds = [fd for fd in bufs if fd >= 0]
        if not fds:
            if wait:
                time.sleep(wait)
            return
        r, _, _ = select.select(fds, [], [], wait)
        for fd in r:
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                continue
            if chunk and len(bufs[fd]) < cap:
                bufs[fd] += chunk[:cap - len(bufs[fd])]

    if err:
        os.waitpid(pid, 0)
        res["exec_errno"] = int(err)
    else:
        deadline = time.monotonic() + timeout
        seen_exec = False
        pending_fault = {}
        wait = 0.0002
        leader = None
        while leader is None:
            try:
                wpid, status = os.waitpid(-1, os.WNOHANG | WALL)
            except ChildProcessError:
                break
            if wpid == 0:
                if time.monotonic() > deadline:
                    res["timeout"] = True
                    res["hang"] = stop_and_locate(pid)
                    os.kill(pid, signal.SIGKILL)
                    while True:
                        try:
                            wpid, status = os.waitpid(-1, WALL)
                        except ChildProcessError:
                            break
                        if wpid == pid and (os.WIFEXITED(status) or os.WIFSIGNALED(status)):
                            break
                    break
                drain(wait)
                wait = min(wait * 2, 0.005)
                continue
            wait = 0.0002
            if os.WIFSTOPPED(status):
                sig = os.WSTOPSIG(status)
                event = status >> 16
                if not seen_exec and wpid == pid and sig == signal.SIGTRAP:
                    seen_exec = True
                    ptrace(PTRACE_SETOPTIONS, pid, None,
                           ctypes.c_void_p(PTRACE_O_TRACECLONE | PTRACE_O_EXITKILL))
                    ptrace(PTRACE_CONT, pid, None, None)
                    continue
                if event or sig == signal.SIGSTOP:
                    ptrace(PTRACE_CONT, wpid, None, None)
                    continue
                if sig in FATAL and sig not in pending_fault:
                    info = snapshot_thread(wpid, pid)
                    info["signal"] = sig
                    info["tid_is_leader"] = wpid == pid
                    info["before_exec"] = not seen_exec
                    pending_fault[sig] = info
                ptrace(PTRACE_CONT, wpid, None, ctypes.c_void_p(sig))
            elif wpid == pid:
                leader = status
                res["seen_exec"] = seen_exec
        if leader is not None:
            res["status"] = leader
            if os.WIFSIGNALED(leader):
                res["fault"] = pending_fault.get(os.WTERMSIG(leader))
        res["seen_exec"] = seen_exec
    end = time.monotonic() + 0.5
    while any(fd >= 0 for fd in bufs) and time.monotonic() < end:
        r, _, _ = select.select([fd for fd in bufs if fd >= 0], [], [], 0.05)
        for fd in r:
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                continue
            if not chunk:
                res["stdout" if fd == out_r else "stderr"] = bytes(bufs[fd])
                os.close(fd)
                bufs[-1 - fd] = bufs.pop(fd)        # mark closed
            elif len(bufs[fd]) < cap:
                bufs[fd] += chunk[:cap - len(bufs[fd])]
    for fd, b in list(bufs.items()):
        if fd >= 0:
            res["stdout" if fd == out_r else "stderr"] = bytes(b)
            os.close(fd)
        else:
            res["stdout" if -1 - fd == out_r else "stderr"] = bytes(b)
    return res


def stop_and_locate(pid):
    """On a timeout: stop the process, note where its threads are."""
    try:
        os.kill(pid, signal.SIGSTOP)
    except OSError:
        return None
    end = time.monotonic() + 1.0
    while time.monotonic() < end:
        try:
            wpid, status = os.waitpid(-1, os.WNOHANG | WALL)
        except ChildProcessError:
            return None
        if wpid == 0:
            time.sleep(0.001)
            continue
        if os.WIFSTOPPED(status):
            if os.WSTOPSIG(status) == signal.SIGSTOP and not (status >> 16):
                return snapshot_thread(wpid, pid)
            ptrace(PTRACE_CONT, wpid, None, ctypes.c_void_p(0))
        elif wpid == pid:
            return None
    return None


# ------------------------------------------------------------------ classes
KEEP = {"signal-in-ldso", "signal-in-ldso-caller-contract", "hang", "error-format", "ldso-msg-wrong-status",
        "dlopen-fatal", "dlopen-state-changed", "signal-unlocated",
        "hang-in-loaded-code"}
# the classes --strict and --replay fail on
STRICT_BAD = {"signal-in-ldso", "hang", "error-format", "ldso-msg-wrong-status",
              "dlopen-fatal", "dlopen-state-changed"}
CLASSES = ["clean-error", "ran", "error-format", "signal-in-ldso",
           "signal-in-ldso-caller-contract",
           "signal-in-loaded-code", "signal-unlocated", "hang",
           "hang-in-loaded-code", "ldso-msg-wrong-status", "exec-refused",
           "dlopen-fatal", "dlopen-state-changed"]


def in_ldso(loc, ldso):
    return bool(loc) and loc["path"].split(" (deleted)")[0] == ldso


def stderr_ok(err):
    text = err.decode(errors="replace")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    else:
        return False, "no final newline" if text else "empty stderr"
    # Warnings glibc prints too, before whatever comes next: a preload that
    # is ignored, and a copy relocation whose definition grew.
    lines = [l for l in lines
             if not (l.startswith("ERROR: ld.so: object ") and "cannot be preloaded" in l)
             and not l.endswith("has different size in shared object, consider re-linking")]
    if len(lines) != 1:
        return False, "%d lines on stderr" % len(lines)
    if not lines[0].startswith("ld.so: "):
        return False, "line does not start with 'ld.so: '"
    return True, ""


def classify(res, role, ldso):
    if res["exec_errno"] is not None:
        return "exec-refused", "execve: %s" % os.strerror(res["exec_errno"]) if res["exec_errno"] > 0 else "exec failed"
    if res["timeout"]:
        h = res["hang"] or {}
        if h.get("pc_in") and not in_ldso(h.get("pc_in"), ldso):
            return "hang-in-loaded-code", "pc %#x in %s" % (h["pc"], h["pc_in"]["path"])
        return "hang", ("pc in ld.so" if h.get("pc_in") else "pc unknown")
    st = res["status"]
    if st is None:
        return "signal-unlocated", "no status"
    if os.WIFSIGNALED(st):
        sig = os.WTERMSIG(st)
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        f = res["fault"]
        if not res.get("seen_exec"):
            return "exec-refused", "killed by %s during execve" % name
        if not f:
            return "signal-unlocated", name
        if in_ldso(f.get("pc_in"), ldso):
            return "signal-in-ldso", name
        where = f["pc_in"]["path"] if f.get("pc_in") else "pc unmapped"
        called = ""
        if f.get("ret_in"):
            called = ", [sp] in " + ("ld.so" if in_ldso(f["ret_in"], ldso) else f["ret_in"]["path"])
        return "signal-in-loaded-code", "%s at %s%s" % (name, where, called)
    code = os.WEXITSTATUS(st)
    out = res["stdout"].decode(errors="replace")
    ok, why = stderr_ok(res["stderr"])
    if role == "c":
        if code == 127:
            return ("dlopen-fatal", "exit 127: " + (res["stderr"].decode(errors="replace").strip()[:200]))
        opened = "opened (wrong)" in out
        if "objects unchanged: NO" in out or "mappings unchanged: NO" in out:
            if not opened:
                return "dlopen-state-changed", " ".join(
                    l for l in out.splitlines() if "unchanged" in l)
            return "ran", "dlopen succeeded"
        if opened:
            return "ran", "dlopen succeeded"
        if "objects unchanged: yes" in out and "mappings unchanged: yes" in out:
            return "clean-error", "dlopen failed cleanly"
        return "ran", "dlopen: status %d" % code
    if code == 127:
        if ok:
            return "clean-error", ""
        return "error-format", why
    if any(l.startswith("ld.so: ") for l in res["stderr"].decode(errors="replace").splitlines()):
        return "ldso-msg-wrong-status", "status %d" % code
    return "ran", "status %d" % code


# ------------------------------------------------------------------ worker
W = {}      # per-worker state


def worker_init(args, seeds, tests):
    global TESTS
    TESTS = tests
    W["args"] = args
    W["seeds"] = seeds
    W["cache"] = {}
    W["dir"] = os.path.join(args.out, "work", "w%d" % os.getpid())
    shutil.rmtree(W["dir"], ignore_errors=True)
    os.makedirs(W["dir"])
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def seed_elf(path, role):
    key = (path, role == "d")
    if key not in W["cache"]:
        data = W["seeds"].data(path, role)
        try:
            elf = Elf(data)
        except Exception:
            elf = None
        W["cache"][key] = (data, elf)
    return W["cache"][key]


def link_neighbours(path, d, name=None):
    """Fill d with links to everything beside path, but name (path's)."""
    name = name or os.path.basename(path)
    os.makedirs(d, exist_ok=True)
    src = os.path.dirname(path)
    for e in os.listdir(src):
        if e != name and not os.path.lexists(os.path.join(d, e)):
            os.symlink(os.path.join(src, e), os.path.join(d, e))


def program_dir(path, prefix="p-"):
    """A directory of links to everything beside path, path excepted."""
    d = os.path.join(W["dir"], prefix + os.path.relpath(path, TESTS).replace("/", "_"))
    if not os.path.isdir(d):
        link_neighbours(path, d)
    return d


def plan(i, args, seeds):
    rng = random.Random("%d:%d" % (args.seed, i))
    roles = [r for r, w in ROLE_WEIGHTS for _ in range(w)]
    while True:
        role = rng.choice(roles)
        if role == "a" and seeds.programs:
            return rng, role, rng.choice(seeds.programs)
        if role == "b" and seeds.libs:
            return rng, role, rng.choice(seeds.libs)
        if role == "c" and seeds.dl_libs and seeds.dltest:
            return rng, role, rng.choice(seeds.dl_libs)
        if role == "d" and seeds.interp_programs:
            return rng, role, rng.choice(seeds.interp_programs)


def setup(role, seed, data, seeds, ldso, where):
    """Write the mutated file; return (argv, file path, shell lines that
    rebuild the layout in $D from $HERE/input for repro.sh)."""
    name = os.path.basename(seed)
    if role in ("a", "d"):
        d = program_dir(seed) if where is None else where
        if where is not None:
            link_neighbours(seed, d)
        target = os.path.join(d, name)
        argv = [ldso, target] if role == "a" else [target]
        sh = ['for f in "%s"/*; do [ "$(basename "$f")" = "%s" ] || ln -s "$f" "$D/"; done'
              % (os.path.dirname(seed), name),
              'cp "$HERE/input" "$D/%s"; chmod +x "$D/%s"' % (name, name)]
        cmd = ('"$LDSO" "$D/%s"' % name) if role == "a" else ('"$D/%s"' % name)
    elif role == "b":
        # the library's own directory, rebuilt of links, so that its
        # $ORIGIN neighbours are still found; --library-path puts it first
        d = program_dir(seed, "l-") if where is None else where
        lname, host = seeds.hosts[seed]
        if where is not None:
            link_neighbours(seed, d, lname)
        target = os.path.join(d, lname)
        argv = [ldso, "--library-path", d, host]
        sh = ['for f in "%s"/*; do [ "$(basename "$f")" = "%s" ] || ln -s "$f" "$D/"; done'
              % (os.path.dirname(seed), lname),
              'cp "$HERE/input" "$D/%s"' % lname]
        cmd = '"$LDSO" --library-path "$D" "%s"' % host
    else:
        d = os.path.join(W["dir"], "dl") if where is None else where
        if not os.path.isdir(d) or not os.listdir(d):
            os.makedirs(d, exist_ok=True)
            for c in DLTEST_COMPANIONS:
                os.symlink(os.path.join(os.path.dirname(seeds.dltest), c), os.path.join(d, c))
        target = os.path.join(d, DLTEST_SLOT)
        argv = [ldso, "--library-path", os.path.dirname(seed), seeds.dltest, "failures", d]
        sh = ['ln -s "%s"/%s "$D/"' % (os.path.dirname(seeds.dltest), c) for c in DLTEST_COMPANIONS]
        sh.append('cp "$HERE/input" "$D/%s"' % DLTEST_SLOT)
        cmd = '"$LDSO" --library-path "%s" "%s" failures "$D"' % (os.path.dirname(seed), seeds.dltest)
    tmp = target + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.chmod(tmp, 0o755)
    os.replace(tmp, target)
    return argv, target, sh, cmd


def ldso_vaddr(fileoff):
    for p in W.get("ldso_loads") or []:
        if p["p_offset"] <= fileoff < p["p_offset"] + p["p_filesz"]:
            return fileoff - p["p_offset"] + p["p_vaddr"]
    return None


def one_run(i):
    args, seeds = W["args"], W["seeds"]
    if "ldso_loads" not in W:
        W["ldso_loads"] = Elf(open(seeds.ldso, "rb").read()).loads
    rng, role, seed = plan(i, args, seeds)
    data, elf = seed_elf(seed, role)
    if elf is None:
        mutated, desc = data, "unparsable seed"
    else:
        mutated, desc = mutate(rng, data, elf)
    argv, target, sh, cmd = setup(role, seed, mutated, seeds, seeds.ldso, None)
    t0 = time.monotonic()
    res = run_traced(argv, args.timeout)
    elapsed = time.monotonic() - t0
    cls, detail = classify(res, role, seeds.ldso)
    sname = os.path.relpath(seed, TESTS)
    if sname.startswith(".."):
        sname = os.path.relpath(seed, REPO)
    seeds.seed_paths[sname] = seed
    rec = dict(run=i, role=role, seed=sname, mutation=desc,
               cls=cls, detail=detail, secs=round(elapsed, 4))
    loc = (res.get("fault") or res.get("hang") or None)
    if loc and loc.get("pc_in"):
        rec["pc_obj"] = loc["pc_in"]["path"]
        rec["pc_fileoff"] = loc["pc_in"]["fileoff"]
        if in_ldso(loc["pc_in"], seeds.ldso):
            rec["ldso_pc"] = ldso_vaddr(loc["pc_in"]["fileoff"])
        if loc.get("si_addr") is not None and not res["timeout"]:
            rec["si_addr"] = loc["si_addr"]
    if loc and loc.get("ret_in") and in_ldso(loc["ret_in"], seeds.ldso):
        rec["ldso_ret"] = ldso_vaddr(loc["ret_in"]["fileoff"])
    if cls in KEEP:
        rec["stderr"] = res["stderr"].decode(errors="replace")[:2000]
        keep_case(rec, mutated, sh, cmd, argv, res, target)
    return rec


def keep_case(rec, data, sh, cmd, argv, res, target):
    args = W["args"]
    base = os.path.basename(rec["seed"])
    d = os.path.join(args.out, "cases", "%06d-%s-%s-%s" % (rec["run"], rec["cls"], rec["role"], base))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "input"), "wb") as f:
        f.write(data)
    rec["case"] = os.path.relpath(d, REPO)
    with open(os.path.join(d, "case.json"), "w") as f:
        json.dump(dict(rec, seed_path=W["seeds"].seed_paths.get(rec["seed"]),
                       snapshot=W["seeds"].ldso), f, indent=1)
    with open(os.path.join(d, "info.txt"), "w") as f:
        f.write("run:            %d (seed %d)\n" % (rec["run"], args.seed))
        f.write("class:          %s (%s)\n" % (rec["cls"], rec["detail"]))
        f.write("role:           %s (%s)\n" % (rec["role"], ROLE_NAMES[rec["role"]]))
        f.write("seed file:      %s\n" % rec["seed"])
        f.write("mutation:       %s\n" % rec["mutation"])
        f.write("command line:   %s\n" % " ".join(argv))
        f.write("  (the mutated file was %s; repro.sh rebuilds the layout)\n" % target)
        st = res["status"]
        if st is not None:
            f.write("status:         %s\n" % ("signal %d" % os.WTERMSIG(st) if os.WIFSIGNALED(st)
                                              else "exit %d" % os.WEXITSTATUS(st)))
        for k in ("ldso_pc", "ldso_ret", "pc_obj", "pc_fileoff", "si_addr"):
            if rec.get(k) is not None:
                f.write("%-15s %#x\n" % (k + ":", rec[k]) if isinstance(rec[k], int) else "%-15s %s\n" % (k + ":", rec[k]))
        f.write("--- stdout (first 2000 bytes)\n%s\n" % res["stdout"][:2000].decode(errors="replace"))
        f.write("--- stderr (first 2000 bytes)\n%s\n" % res["stderr"][:2000].decode(errors="replace"))
    with open(os.path.join(d, "repro.sh"), "w") as f:
        f.write("#!/bin/sh\n# %s, role %s (%s), seed %s\n# %s\n" % (
            rec["cls"], rec["role"], ROLE_NAMES[rec["role"]], rec["seed"], rec["mutation"]))
        f.write("# usage: repro.sh [gdb]   (LDSO=... overrides the linker, except in role d,\n"
                "# whose PT_INTERP names the snapshot %s)\n" % W["seeds"].ldso)
        f.write('LDSO=${LDSO:-%s}\nHERE=$(cd "$(dirname "$0")" && pwd)\nD=$(mktemp -d)\n' % W["seeds"].ldso)
        for line in sh:
            f.write(line + "\n")
        f.write('if [ "$1" = gdb ]; then\n  env -i gdb -nx -batch -x "$HERE/gdb.cmds" --args %s\n'
                'else\n  env -i timeout 10 %s; echo "exit status $?"\nfi\nrm -rf "$D"\n' % (cmd, cmd))
    with open(os.path.join(d, "gdb.cmds"), "w") as f:
        f.write("set pagination off\nset confirm off\n")
        # No symbols from the mutated files: their debug information may
        # be damaged too, and gdb stops unwinding at the first frame whose
        # DWARF it cannot read, before the frame that says who called
        # ld.so.  In role d, not the ld.so named in the file's .interp
        # section either (the original build/ld.so, maybe rebuilt since):
        # the snapshot's symbols are added below.
        f.write("set auto-solib-add off\n")
        if rec["role"] == "d":
            f.write("symbol-file\n")
        f.write("run\n")
        if rec["role"] == "d":
            # ld.so is the interpreter here: load its symbols where it is
            f.write("python\n"
                    "base = None\n"
                    "for l in gdb.execute('info proc mappings', to_string=True).splitlines():\n"
                    "    w = l.split()\n"
                    "    if len(w) >= 6 and w[-1] == %r and int(w[3], 16) == 0:\n"
                    "        base = int(w[0], 16)\n"
                    "        break\n"
                    "if base is not None:\n"
                    "    gdb.execute('add-symbol-file %s -o %%#x' %% base, to_string=True)\n"
                    "end\n" % (W["seeds"].ldso, W["seeds"].ldso))
        f.write("bt 12\nx/i $pc\ninfo registers rip rsp\n")
        # The link maps the linker made, every namespace's, for telling a
        # forged one apart (the classes above).
        f.write("python\n"
                "def word(a, n=8):\n"
                "    return int.from_bytes(gdb.selected_inferior().read_memory(a, n).tobytes(), 'little')\n"
                "try:\n"
                "    base = int(gdb.parse_and_eval('(long)&_r_debug'))\n"
                "    maps, r = [], base\n"
                "    while r and len(maps) < 4096:\n"
                "        m = word(r + 8)\n"
                "        while m and len(maps) < 4096:\n"
                "            maps.append(m)\n"
                "            m = word(m + 24)\n"
                "        r = word(r + 40) if word(base, 4) >= 2 else 0\n"
                "    print('linkmaps: ' + ' '.join('%#x' % a for a in maps))\n"
                "except Exception as e:\n"
                "    print('linkmaps: unknown (%s)' % e)\n"
                "end\n")
    os.chmod(os.path.join(d, "repro.sh"), 0o755)


# ------------------------------------------------------------------ report
def symbolize(ldso, addrs):
    addrs = sorted(set(a for a in addrs if a is not None))
    out = {}
    if not addrs:
        return out
    try:
        p = subprocess.run(["addr2line", "-f", "-i", "-C", "-e", ldso] + ["%#x" % a for a in addrs],
                           capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return out
    # with -i each address gives one or more (function, file:line) pairs;
    # rerun one by one when the count does not match
    lines = p.stdout.splitlines()
    if len(lines) == 2 * len(addrs):
        for k, a in enumerate(addrs):
            out[a] = (lines[2 * k], lines[2 * k + 1])
        return out
    for a in addrs:
        q = subprocess.run(["addr2line", "-f", "-i", "-C", "-e", ldso, "%#x" % a],
                           capture_output=True, text=True, timeout=60)
        ls = q.stdout.splitlines()
        # innermost first; the outermost is the real function
        chain = [ls[k] for k in range(0, len(ls), 2)]
        out[a] = (" <- ".join(chain), ls[1] if len(ls) > 1 else "?")
    return out


def normalize(text):
    text = re.sub(r"/\S*/(\S+)", r"\1", text)
    text = re.sub(r"0x[0-9a-f]+|\d+", "N", text)
    return text.strip()[:120]


def report(args, records, elapsed, seeds, completed):
    out = []
    by = collections.Counter((r["cls"], r["role"]) for r in records)
    roles = ["a", "b", "c", "d"]
    w = max(len(c) for c in CLASSES) + 2
    out.append("campaign: seed %d, %d runs completed of %d, %.1f s, %.1f runs/s, jobs %d, timeout %.1f s"
               % (args.seed, completed, args.runs, elapsed, completed / max(elapsed, 1e-9),
                  args.jobs, args.timeout))
    out.append("ld.so under test: %s (snapshot of %s, %s)" % (seeds.ldso, args.ldso, args.ldso_info))
    if seeds.missing:
        out.append("missing seeds (skipped): " + ", ".join(seeds.missing))
    out.append("")
    out.append("%-*s" % (w, "class") + "".join("%14s" % ("%s:%s" % (r, ROLE_NAMES[r])) for r in roles) + "%9s" % "total")
    for c in CLASSES:
        row = [by[(c, r)] for r in roles]
        if sum(row) or c in ("clean-error", "ran", "signal-in-ldso", "hang", "error-format"):
            out.append("%-*s" % (w, c) + "".join("%14d" % n for n in row) + "%9d" % sum(row))
    out.append("%-*s" % (w, "total") + "".join("%14d" % sum(by[(c, r)] for c in CLASSES) for r in roles)
               + "%9d" % len(records))
    out.append("")
    mut_kinds = collections.Counter(r["mutation"].split(":")[0] if r["mutation"].split(":")[0] in
                                    ("bytes", "multi", "dynamic") else
                                    ("truncate" if r["mutation"].startswith("truncate") else
                                     "strings" if r["mutation"].startswith(("dynstr", "interp")) else "field")
                                    for r in records)
    out.append("mutation kinds: " + ", ".join("%s %d" % kv for kv in sorted(mut_kinds.items())))
    out.append("seeds used: %d programs (role a), %d libraries with a host (role b), "
               "%d libraries (role c), %d interp programs (role d)"
               % (len(seeds.programs), len(seeds.libs), len(seeds.dl_libs), len(seeds.interp_programs)))
    # groups
    syms = symbolize(seeds.ldso, [r.get("ldso_pc") for r in records] + [r.get("ldso_ret") for r in records])
    groups = collections.defaultdict(list)
    for r in records:
        if r["cls"] not in KEEP:
            continue
        if r.get("ldso_pc") is not None:
            fn, line = syms.get(r["ldso_pc"], ("?", "?"))
            key = (r["cls"], "in ld.so %s (%s)" % (fn, line.split(" ")[0]))
        elif r["cls"] in ("error-format", "ldso-msg-wrong-status", "dlopen-fatal"):
            key = (r["cls"], r["detail"].split(":")[0] + ": " + normalize(r.get("stderr", "")))
        else:
            key = (r["cls"], r["detail"])
        groups[key].append(r)
    if groups:
        out.append("")
        out.append("kept cases, grouped (class, where/what): count, example")
        for key in sorted(groups, key=lambda k: (CLASSES.index(k[0]), -len(groups[k]))):
            rs = groups[key]
            out.append("  [%s] %s: %d" % (key[0], key[1], len(rs)))
            for r in rs[:3]:
                out.append("      %s  role %s  %s  %s" % (r.get("case", "?"), r["role"], r["seed"], r["mutation"][:160]))
    # where the signals outside ld.so were
    loaded = collections.Counter()
    for r in records:
        if r["cls"] == "signal-in-loaded-code":
            d = r["detail"]
            if r.get("ldso_ret") is not None:
                d += " (ret into %s)" % syms.get(r["ldso_ret"], ("?",))[0]
            loaded[normalize(d)] += 1
    if loaded:
        out.append("")
        out.append("signal-in-loaded-code, by place:")
        for k, n in loaded.most_common(15):
            out.append("  %5d  %s" % (n, k))
    return "\n".join(out)


# The functions of the linker's thread interface that work on memory the
# caller hands them: a thread control block and the DTV pointer stored in it.
CALLER_MEMORY_ENTRIES = {"_dl_allocate_tls", "_dl_allocate_tls_init", "_dl_deallocate_tls"}
# Fixture programs that are their own thread library: they start threads
# with clone and set each thread's TCB from _dl_allocate_tls.
RAW_THREAD_PROGRAMS = {"tls/tls-threads"}


def entered_from_program(bt):
    """The outermost ld.so function of a gdb backtrace, when the frame below
    it is the program's (None when the signal did not come that way)."""
    frames = [l for l in bt if re.match(r"#\d+ ", l)]
    # Only ld.so has debug information here (the mutated files' symbols
    # are not read), so a frame with a source line is one of ld.so's.
    inside = [" at " in l for l in frames]
    if not inside or not inside[0]:
        return None
    k = inside.index(False) if False in inside else len(inside)
    if k == len(frames):
        return None
    m = re.match(r"#\d+\s+(?:0x[0-9a-f]+ in )?(\S+) \(", frames[k - 1])
    return m.group(1) if m else None


def instruction_starts(ldso):
    """The address of every instruction of ld.so, as objdump lists them."""
    try:
        out = subprocess.run(["objdump", "-d", "--no-show-raw-insn", ldso],
                             capture_output=True, text=True, timeout=120).stdout
    except (OSError, subprocess.TimeoutExpired):
        return set()
    return {int(m.group(1), 16) for m in re.finditer(r"^\s+([0-9a-f]+):", out, re.M)}


def gdb_backtraces(records, ldso, limit=200):
    """A gdb backtrace of every signal-in-ldso case (up to limit), which
    moves the caller's-contract ones to their own class."""
    seen = 0
    starts = None
    for r in records:
        if r["cls"] != "signal-in-ldso" or "case" not in r:
            continue
        if r.get("ldso_pc") is not None:
            starts = instruction_starts(ldso) if starts is None else starts
            if starts and r["ldso_pc"] not in starts:
                r["cls"] = "signal-in-ldso-caller-contract"
                r["detail"] = "%s, a jump into the middle of an instruction of ld.so" % r["detail"]
                continue
        seen += 1
        if seen > limit:
            break
        case = os.path.join(REPO, r["case"])
        try:
            p = subprocess.run(["sh", os.path.join(case, "repro.sh"), "gdb"], capture_output=True,
                               text=True, timeout=60)
            text = p.stdout + p.stderr
        except subprocess.TimeoutExpired:
            text = "gdb timed out"
        bt = [l for l in text.splitlines() if re.match(r"#\d+ ", l) or "signal" in l.lower()]
        with open(os.path.join(case, "gdb.txt"), "w") as f:
            f.write(text)
        r["bt"] = bt[:20]
        entry = entered_from_program(bt)
        thread = re.search(r"Thread (\d+) .*received signal", text)
        forged = re.search(r"lazy_bind \(o=(0x[0-9a-f]+)", text)
        descriptor = re.search(r"^=> 0x[0-9a-f]+ <(tlsdesc_\w+|__tls_get_addr)(?:\+\d+)?>:\s+"
                               r"mov\s+(?:0x8\(%rax\)|\(%rdi\)),", text, re.M)
        maps = re.search(r"^linkmaps: (0x.*)$", text, re.M)
        if (entry == "lazy_trampoline" and forged and maps and
                int(forged.group(1), 16) not in {int(a, 16) for a in maps.group(1).split()}):
            r["cls"] = "signal-in-ldso-caller-contract"
            r["detail"] = "%s, lazy binding entered with a link map the linker never made" % r["detail"]
        elif descriptor and entry == descriptor.group(1):
            r["cls"] = "signal-in-ldso-caller-contract"
            r["detail"] = "%s, %s called with a pointer to no descriptor or tls_index" % (
                r["detail"], entry)
        elif entry in CALLER_MEMORY_ENTRIES:
            r["cls"] = "signal-in-ldso-caller-contract"
            r["detail"] = "%s, in %s called by the program" % (r["detail"], entry)
        elif (thread and int(thread.group(1)) > 1 and r["role"] in "ad"
              and r["seed"] in RAW_THREAD_PROGRAMS):
            r["cls"] = "signal-in-ldso-caller-contract"
            r["detail"] = "%s, in thread %s, which the program started" % (r["detail"], thread.group(1))


FIXTURE_DIRS = sorted(set(p.split("/")[0] for p in PROGRAMS + INTERP_PROGRAMS + DLOPEN_LIBS + [DLTEST]
                          if not p.startswith("glibc/"))) + ["glibc/interp/true"]


def snapshot_fixtures(args):
    """Copy the fixture directories the campaign uses to OUT/fixtures (the
    layout kept, so that RUNPATH $ORIGIN still finds the libraries) and
    take the seeds from there."""
    global TESTS
    src = os.path.abspath(args.fixtures)
    dst = os.path.join(args.out, "fixtures")
    shutil.rmtree(dst, ignore_errors=True)
    for d in FIXTURE_DIRS:
        if os.path.isdir(os.path.join(src, d)):
            shutil.copytree(os.path.join(src, d), os.path.join(dst, d), symlinks=True)
        elif os.path.exists(os.path.join(src, d)):
            os.makedirs(os.path.dirname(os.path.join(dst, d)), exist_ok=True)
            shutil.copy2(os.path.join(src, d), os.path.join(dst, d))
    TESTS = dst


def retest(args):
    """Run every kept case of OUT/cases again, against --ldso, and say
    whether it still fails the same way."""
    global TESTS
    ldso = os.path.realpath(args.ldso)
    cases = sorted(os.listdir(os.path.join(args.out, "cases")))
    if os.path.isdir(os.path.join(args.out, "fixtures")):
        TESTS = os.path.join(args.out, "fixtures")
    seeds = Seeds(ldso, args.out)
    W.update(args=args, seeds=seeds, dir=os.path.join(args.out, "retest"))
    W["ldso_loads"] = Elf(open(ldso, "rb").read()).loads
    shutil.rmtree(W["dir"], ignore_errors=True)
    counts = collections.Counter()
    for k, c in enumerate(cases):
        meta = json.load(open(os.path.join(args.out, "cases", c, "case.json")))
        data = open(os.path.join(args.out, "cases", c, "input"), "rb").read()
        if meta["role"] == "d":
            # PT_INTERP names the snapshot: name --ldso instead, through a
            # link whose path is no longer than the snapshot's
            old = meta["snapshot"].encode() + b"\0"
            interp = ldso
            if len(interp) + 1 > len(old):
                interp = os.path.join(args.out, "I")
                if os.path.lexists(interp):
                    os.unlink(interp)
                os.symlink(ldso, interp)
            data = data.replace(old, interp.encode() + bytes(len(old) - len(interp)))
        where = os.path.join(W["dir"], "%d" % k)
        argv, target, _, _ = setup(meta["role"], meta["seed_path"], data, seeds, ldso, where)
        res = run_traced(argv, args.timeout)
        cls, detail = classify(res, meta["role"], ldso)
        where_pc = ""
        loc = res.get("fault") or res.get("hang")
        if loc and loc.get("pc_in") and in_ldso(loc["pc_in"], ldso):
            a = ldso_vaddr(loc["pc_in"]["fileoff"])
            where_pc = " at %s" % symbolize(ldso, [a]).get(a, ("?", "?"))[0]
        counts[(meta["cls"], cls)] += 1
        print("%-55s %-22s -> %s (%s)%s" % (c, meta["cls"], cls, detail[:60], where_pc))
        if cls not in ("clean-error", "ran"):
            print("     stderr: %s" % res["stderr"].decode(errors="replace").strip()[:200])
    shutil.rmtree(W["dir"], ignore_errors=True)
    print("\nretest against %s:" % ldso)
    for (a, b), n in sorted(counts.items()):
        print("  %-22s -> %-22s %d" % (a, b, n))


def replay_interp(data, interp, ldso, tmp):
    """Role d: make the PT_INTERP string interp (as stored in case.json)
    name ldso, padding with NULs; through a link with a short path when
    ldso's own path does not fit.  Returns (data, why not)."""
    if not interp:
        return data, "case.json has no interp"
    old = interp.encode() + b"\0"
    if old not in data:
        return data, "the interp string of case.json is not in input"
    name = ldso
    if len(name) + 1 > len(old):
        name = os.path.join(tmp, "I")
        if not os.path.lexists(name):
            os.symlink(ldso, name)
        if len(name) + 1 > len(old):
            return data, "interp string too short even for %s" % name
    return data.replace(old, name.encode() + bytes(len(old) - len(name))), None


def replay(args):
    """Run the portable cases of args.replay (tests/fuzz/cases) against
    --ldso, with the fixtures of --fixtures: one line per case.  Exit
    status 1 when a case is in STRICT_BAD, 2 when a case could not be run
    (a fixture missing), 0 otherwise."""
    global TESTS
    t0 = time.monotonic()
    fixtures = TESTS = os.path.abspath(args.fixtures)
    ldso = os.path.realpath(args.ldso)
    if not os.path.isfile(ldso):
        sys.exit("campaign: --replay: no linker %s" % args.ldso)
    top = os.path.abspath(args.replay)
    cases = sorted(c for c in os.listdir(top) if os.path.isfile(os.path.join(top, c, "case.json")))
    if not cases:
        sys.exit("campaign: --replay: no case (NAME/case.json) in %s" % top)
    W["ldso_loads"] = Elf(open(ldso, "rb").read()).loads
    dltest = os.path.join(fixtures, DLTEST)
    # a short path, so that role d's link to ldso fits in PT_INTERP
    tmp = tempfile.mkdtemp(prefix="cr-", dir="/tmp" if os.path.isdir("/tmp") else None)
    W["dir"] = tmp
    width = max(len(c) for c in cases)
    counts = collections.Counter()
    failed, unrun = [], []

    def short(text):
        return text.replace(tmp, "$TMP").replace(fixtures, "$FIXTURES").replace(ldso, "$LDSO")

    try:
        for k, c in enumerate(cases):
            meta = json.load(open(os.path.join(top, c, "case.json")))
            data = open(os.path.join(top, c, "input"), "rb").read()
            role = meta["role"]
            seed = os.path.join(fixtures, meta["seed"])
            seeds = types.SimpleNamespace(hosts={}, dltest=dltest)
            need = [seed]
            if role == "b":
                host = os.path.join(fixtures, meta["host"])
                seeds.hosts[seed] = (meta.get("lib") or os.path.basename(seed), host)
                need.append(host)
            elif role == "c":
                need += [dltest] + [os.path.join(os.path.dirname(dltest), x) for x in DLTEST_COMPANIONS]
            missing = [os.path.relpath(x, fixtures) for x in need if not os.path.exists(x)]
            why = "fixture missing: " + ", ".join(missing) if missing else None
            if role == "d" and not why:
                data, why = replay_interp(data, meta.get("interp"), ldso, tmp)
            if why:
                unrun.append(c)
                print("%-*s %s  %-22s %s" % (width, c, role, "not-run", why))
                continue
            where = os.path.join(tmp, "%d" % k)
            argv = setup(role, seed, data, seeds, ldso, where)[0]
            res = run_traced(argv, args.timeout)
            cls, detail = classify(res, role, ldso)
            loc = res.get("fault") or res.get("hang")
            if loc and loc.get("pc_in") and in_ldso(loc["pc_in"], ldso):
                a = ldso_vaddr(loc["pc_in"]["fileoff"])
                fn = symbolize(ldso, [a]).get(a, ("?", "?"))[0] if a is not None else "?"
                detail += " at %s (%#x)" % (fn, a or 0)
            line = res["stderr"].decode(errors="replace").strip().split("\n")[0]
            if role == "c" and not line:
                # dltest's own report of the dlopen of the mutated library
                line = next((l for l in res["stdout"].decode(errors="replace").splitlines()
                             if DLTEST_SLOT in l), "")
            note = detail if cls not in ("clean-error", "dlopen-fatal") else line
            if cls == "ran" and line:
                note += "; " + line
            counts[cls] += 1
            if cls in STRICT_BAD or ("expect" in meta and cls != meta["expect"]):
                failed.append(c)
            print("%-*s %s  %-22s %s" % (width, c, role, cls, short(note)[:150]))
            shutil.rmtree(where, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("replay: %d cases against %s, %.1f s: %s" % (
        len(cases), ldso, time.monotonic() - t0,
        ", ".join(["%s %d" % kv for kv in sorted(counts.items())] +
                  ["not run %d" % len(unrun)] * bool(unrun))))
    if failed:
        print("replay: FAILED (not as expected, or %s): %s" % ("/".join(sorted(STRICT_BAD)), " ".join(failed)))
        sys.exit(1)
    if unrun:
        sys.exit(2)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ldso", default=os.path.join(REPO, "build", "ld.so"))
    ap.add_argument("--runs", type=int, default=20000)
    ap.add_argument("--seconds", type=float, default=600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(REPO, "build", "fuzz", "campaign"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=None,
                    help="seconds per run (default 5, with --replay 2)")
    ap.add_argument("--fixtures", default=TESTS,
                    help="where the fixtures are built (copied to OUT/fixtures at the start)")
    ap.add_argument("--no-gdb", action="store_true", help="skip the backtraces at the end")
    ap.add_argument("--strict", action="store_true",
                    help="exit with status 1 when a run is signal-in-ldso, hang, error-format, "
                         "ldso-msg-wrong-status or dlopen-*")
    ap.add_argument("--retest", action="store_true",
                    help="run the kept cases of --out again against --ldso, then stop")
    ap.add_argument("--replay", metavar="DIR",
                    help="run the portable cases of DIR (e.g. tests/fuzz/cases: NAME/input "
                         "and NAME/case.json) against --ldso with the fixtures of --fixtures, "
                         "then stop; status 1 if a case is in the --strict classes")
    args = ap.parse_args()
    if args.timeout is None:
        args.timeout = 2.0 if args.replay else 5.0
    if args.replay:
        return replay(args)
    args.out = os.path.abspath(args.out)
    if args.retest:
        return retest(args)
    # wait for the linker (another build may be replacing it), then
    # snapshot it: the campaign runs the copy
    for _ in range(120):
        if os.path.exists(args.ldso) and os.path.getsize(args.ldso) > 0:
            break
        time.sleep(1)
    else:
        sys.exit("campaign: no %s" % args.ldso)
    shutil.rmtree(os.path.join(args.out, "cases"), ignore_errors=True)
    shutil.rmtree(os.path.join(args.out, "work"), ignore_errors=True)
    os.makedirs(args.out, exist_ok=True)
    time.sleep(0.5)
    snap = os.path.join(args.out, "ld.so")
    st = os.stat(args.ldso)
    shutil.copyfile(args.ldso, snap + ".tmp")
    args.ldso_info = "modified %s, sha256 %s" % (
        time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(st.st_mtime)),
        hashlib.sha256(open(snap + ".tmp", "rb").read()).hexdigest()[:16])
    os.chmod(snap + ".tmp", 0o755)
    os.replace(snap + ".tmp", snap)
    # the fixtures too: another build may rewrite them during the campaign
    snapshot_fixtures(args)
    seeds = Seeds(snap, args.out)
    records = []
    t0 = time.monotonic()
    completed = 0
    pool = multiprocessing.Pool(args.jobs, worker_init, (args, seeds, TESTS))
    try:
        it = pool.imap(one_run, range(args.runs))
        while True:
            left = args.seconds - (time.monotonic() - t0)
            if left <= 0:
                print("campaign: time is up", file=sys.stderr)
                break
            try:
                rec = it.next(timeout=left)
            except StopIteration:
                break
            except multiprocessing.TimeoutError:
                print("campaign: time is up", file=sys.stderr)
                break
            records.append(rec)
            completed += 1
            if completed % 1000 == 0:
                c = collections.Counter(r["cls"] for r in records)
                print("campaign: %d runs, %.0f s: %s" % (completed, time.monotonic() - t0,
                      ", ".join("%s %d" % kv for kv in sorted(c.items()))), file=sys.stderr)
    except KeyboardInterrupt:
        print("campaign: interrupted", file=sys.stderr)
    finally:
        pool.terminate()
        pool.join()
    elapsed = time.monotonic() - t0
    records.sort(key=lambda r: r["run"])
    if not args.no_gdb:
        gdb_backtraces(records, seeds.ldso)
    with open(os.path.join(args.out, "results.jsonl"), "w") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    text = report(args, records, elapsed, seeds, completed)
    bts = [r for r in records if r.get("bt")]
    if bts:
        text += "\n\ngdb backtraces (signal-in-ldso, and the caller's-contract ones):"
        for r in bts:
            text += "\n  %s\n    " % r["case"] + "\n    ".join(r["bt"][:8])
    with open(os.path.join(args.out, "summary.txt"), "w") as f:
        f.write(text + "\n")
    shutil.rmtree(os.path.join(args.out, "work"), ignore_errors=True)
    print(text)
    if args.strict and any(r["cls"] in STRICT_BAD for r in records):
        sys.exit(1)


if __name__ == "__main__":
    main()
