#!/usr/bin/env python3
"""damage_phdr.py IN OUT TYPE FIELD VALUE: copy the ELF file IN to OUT with
one field of its first program header of TYPE (a number, e.g. 0x6474e552
for PT_GNU_RELRO) set to VALUE.  FIELD is one of p_offset, p_vaddr,
p_filesz, p_memsz, p_align.  For the tests of malformed objects."""
import struct
import sys

src, dst, ptype, field, value = sys.argv[1:6]
data = bytearray(open(src, "rb").read())
phoff, phentsize, phnum = struct.unpack_from("<Q", data, 32)[0], *struct.unpack_from("<HH", data, 54)
offsets = {"p_offset": 8, "p_vaddr": 16, "p_filesz": 32, "p_memsz": 40, "p_align": 48}
for i in range(phnum):
    at = phoff + i * phentsize
    if struct.unpack_from("<I", data, at)[0] == int(ptype, 0):
        struct.pack_into("<Q", data, at + offsets[field], int(value, 0))
        break
else:
    raise SystemExit("no program header of type " + ptype)
open(dst, "wb").write(data)
