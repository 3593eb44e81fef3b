#!/usr/bin/env python3
"""damage_elf.py IN OUT phdr TYPE FIELD VALUE
   damage_elf.py IN OUT phdr_at INDEX FIELD VALUE [FIELD VALUE ...]
   damage_elf.py IN OUT phdr_copy TYPE OVER
   damage_elf.py IN OUT dyn TAG VALUE
   damage_elf.py IN OUT st_name SYMBOL VALUE
   damage_elf.py IN OUT st_info SYMBOL VALUE
   damage_elf.py IN OUT st_other SYMBOL VALUE
   damage_elf.py IN OUT name_byte SYMBOL INDEX VALUE
   damage_elf.py IN OUT gnu_bucket INDEX|last|SYMBOL VALUE
   damage_elf.py IN OUT rela_sym SECTION INDEX VALUE
   damage_elf.py IN OUT rela_offset SECTION INDEX VALUE
   damage_elf.py IN OUT relr INDEX VALUE
Copy the ELF file IN to OUT with one thing changed, for the tests of
malformed objects: a field of its first program header of TYPE (a number,
e.g. 0x6474e552 for PT_GNU_RELRO; FIELD is p_offset, p_vaddr, p_filesz,
p_memsz or p_align), fields of its program header number INDEX (p_type
and p_flags too), or the whole of the first of TYPE copied over the first program
header of type OVER; the value of the first entry of its dynamic
section with TAG (e.g. 8 for DT_RELASZ); the name offset, the binding
and type byte or the visibility byte of the dynamic symbol named SYMBOL,
or byte INDEX of its name in the string table;
a bucket of its GNU hash table: number INDEX,
the last one that is not empty, or the one SYMBOL's hash selects; or the
symbol index (VALUE "count": the number of dynamic symbols, the first
index past the table), or the offset, of relocation INDEX of the relocation
section SECTION (for instance .rela.dyn); or word INDEX of .relr.dyn.  The
tables are found through the section headers, independently of the
linker."""
import struct
import sys

src, dst, what = sys.argv[1:4]
data = bytearray(open(src, "rb").read())
phoff = struct.unpack_from("<Q", data, 32)[0]
phentsize, phnum = struct.unpack_from("<HH", data, 54)
phdrs = [phoff + i * phentsize for i in range(phnum)]


def first_phdr(ptype):
    for at in phdrs:
        if struct.unpack_from("<I", data, at)[0] == ptype:
            return at
    raise SystemExit("no program header of type %#x" % ptype)


if what == "phdr":
    ptype, field, value = sys.argv[4:7]
    offsets = {"p_offset": 8, "p_vaddr": 16, "p_filesz": 32, "p_memsz": 40, "p_align": 48}
    struct.pack_into("<Q", data, first_phdr(int(ptype, 0)) + offsets[field], int(value, 0))
elif what == "phdr_at":
    index, pairs = int(sys.argv[4], 0), sys.argv[5:]
    offsets = {"p_type": (0, "<I"), "p_flags": (4, "<I"), "p_offset": (8, "<Q"),
               "p_vaddr": (16, "<Q"), "p_filesz": (32, "<Q"), "p_memsz": (40, "<Q"),
               "p_align": (48, "<Q")}
    for field, value in zip(pairs[::2], pairs[1::2]):
        at, form = offsets[field]
        struct.pack_into(form, data, phdrs[index] + at, int(value, 0))
elif what == "phdr_copy":
    ptype, over = (int(x, 0) for x in sys.argv[4:6])
    source = first_phdr(ptype)
    data[first_phdr(over):first_phdr(over) + phentsize] = data[source:source + phentsize]
elif what == "dyn":
    tag, value = (int(x, 0) for x in sys.argv[4:6])
    at = first_phdr(2)                                   # PT_DYNAMIC
    offset, size = struct.unpack_from("<Q", data, at + 8)[0], struct.unpack_from("<Q", data, at + 32)[0]
    for entry in range(offset, offset + size, 16):
        if struct.unpack_from("<q", data, entry)[0] == tag:
            struct.pack_into("<Q", data, entry + 8, value)
            break
    else:
        raise SystemExit("no dynamic entry with tag %d" % tag)
elif what in ("st_name", "st_info", "st_other", "name_byte", "gnu_bucket", "rela_sym",
              "rela_offset", "relr"):
    shoff = struct.unpack_from("<Q", data, 40)[0]
    shentsize, shnum = struct.unpack_from("<HH", data, 58)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                for i in range(shnum)]
    if what in ("st_name", "st_info", "st_other", "name_byte"):
        name, value = sys.argv[4], int(sys.argv[-1], 0)
        dynsym = next(sh for sh in sections if sh[1] == 11)          # SHT_DYNSYM
        strtab = sections[dynsym[6]]
        for at in range(dynsym[4], dynsym[4] + dynsym[5], 24):
            st_name = struct.unpack_from("<I", data, at)[0]
            start = strtab[4] + st_name
            if data[start:data.index(0, start)].decode() == name:
                if what == "st_name":
                    struct.pack_into("<I", data, at, value)
                elif what in ("st_info", "st_other"):
                    data[at + (4 if what == "st_info" else 5)] = value
                else:
                    data[start + int(sys.argv[5], 0)] = value
                break
        else:
            raise SystemExit("no dynamic symbol %s" % name)
    elif what in ("rela_sym", "rela_offset", "relr"):
        names = sections[struct.unpack_from("<H", data, 62)[0]]
        def section_name(sh):
            start = names[4] + sh[0]
            return data[start:data.index(0, start)].decode()
        if what == "relr":
            index, value = int(sys.argv[4], 0), int(sys.argv[5], 0)
            relr = next(sh for sh in sections if section_name(sh) == ".relr.dyn")
            struct.pack_into("<Q", data, relr[4] + 8 * index, value)
        else:
            name, index = sys.argv[4], int(sys.argv[5], 0)
            if sys.argv[6] == "count":          # the first index past .dynsym
                dynsym = next(sh for sh in sections if sh[1] == 11)      # SHT_DYNSYM
                value = dynsym[5] // 24
            else:
                value = int(sys.argv[6], 0)
            rela = next(sh for sh in sections if section_name(sh) == name)
            if what == "rela_offset":
                struct.pack_into("<Q", data, rela[4] + 24 * index, value)   # r_offset
            else:
                at = rela[4] + 24 * index + 8                               # r_info
                info = struct.unpack_from("<Q", data, at)[0]
                struct.pack_into("<Q", data, at, (value << 32) | (info & 0xffffffff))
    else:
        which, value = sys.argv[4], int(sys.argv[5], 0)
        table = next(sh for sh in sections if sh[1] == 0x6ffffff6)   # SHT_GNU_HASH
        nbuckets, symoffset, bloom_words = struct.unpack_from("<III", data, table[4])
        buckets = table[4] + 16 + 8 * bloom_words
        if which == "last":
            index = max(i for i in range(nbuckets)
                        if struct.unpack_from("<I", data, buckets + 4 * i)[0] >= symoffset)
        elif which[0].isdigit():
            index = int(which, 0)
        else:
            h = 5381
            for c in which.encode():
                h = (h * 33 + c) & 0xffffffff
            index = h % nbuckets
        if index >= nbuckets:
            raise SystemExit("only %d buckets" % nbuckets)
        struct.pack_into("<I", data, buckets + 4 * index, value)
else:
    raise SystemExit(__doc__)
open(dst, "wb").write(data)
