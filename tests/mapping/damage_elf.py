#!/usr/bin/env python3
"""damage_elf.py IN OUT phdr TYPE FIELD VALUE
   damage_elf.py IN OUT dyn TAG VALUE
Copy the ELF file IN to OUT with one thing changed, for the tests of
malformed objects: a field of its first program header of TYPE (a number,
e.g. 0x6474e552 for PT_GNU_RELRO; FIELD is p_offset, p_vaddr, p_filesz,
p_memsz or p_align), or the value of the first entry of its dynamic
section with TAG (e.g. 8 for DT_RELASZ)."""
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
else:
    raise SystemExit(__doc__)
open(dst, "wb").write(data)
