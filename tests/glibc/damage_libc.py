#!/usr/bin/env python3
"""damage_libc.py KIND IN OUT: copy glibc's libc.so.6 from IN to OUT with
one thing changed, for the tests of the linker's refusal of a libc it was
not built for.
  build-id  the last byte of the NT_GNU_BUILD_ID note is changed;
  layout    the size in the _thread_db_sizeof_pthread record is changed
            (the build ID is left as it is);
  no-early-init  __libc_early_init is renamed __libc_early_inix (the
            soname still says libc.so.6)."""
import struct
import sys

kind, src, dst = sys.argv[1:4]
data = bytearray(open(src, "rb").read())
ehdr = struct.unpack_from("<16sHHIQQQIHHHHHH", data, 0)
phoff, phentsize, phnum = ehdr[5], ehdr[9], ehdr[10]
shoff, shentsize, shnum, shstrndx = ehdr[6], ehdr[11], ehdr[12], ehdr[13]
phdrs = [struct.unpack_from("<IIQQQQQQ", data, phoff + i * phentsize) for i in range(phnum)]


def file_offset(vaddr):
    for p_type, _, p_offset, p_vaddr, _, p_filesz, _, _ in phdrs:
        if p_type == 1 and p_vaddr <= vaddr < p_vaddr + p_filesz:
            return vaddr - p_vaddr + p_offset
    raise SystemExit("address %#x is not in the file" % vaddr)


if kind == "build-id":
    for p_type, _, p_offset, _, _, p_filesz, _, _ in phdrs:
        pos, end = p_offset, p_offset + p_filesz
        while p_type == 4 and pos + 12 <= end:          # PT_NOTE
            namesz, descsz, ntype = struct.unpack_from("<III", data, pos)
            desc = pos + 12 + ((namesz + 3) & ~3)
            if ntype == 3 and data[pos + 12:pos + 15] == b"GNU":   # NT_GNU_BUILD_ID
                data[desc + descsz - 1] ^= 0xff
                pos = end
                break
            pos = desc + ((descsz + 3) & ~3)
elif kind == "layout":
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    dynsym = next(s for s in sections if s[1] == 11)                 # SHT_DYNSYM
    strtab = sections[dynsym[6]]
    for i in range(dynsym[5] // 24):
        st_name, _, _, _, st_value, _ = struct.unpack_from("<IBBHQQ", data, dynsym[4] + i * 24)
        name_at = strtab[4] + st_name
        name = data[name_at:data.index(0, name_at)].decode()
        if name == "_thread_db_sizeof_pthread":
            at = file_offset(st_value)                                 # the size word
            struct.pack_into("<I", data, at, struct.unpack_from("<I", data, at)[0] + 4)
            break
    else:
        raise SystemExit("no _thread_db_sizeof_pthread")
elif kind == "no-early-init":
    at = data.index(b"\0__libc_early_init\0") + len("__libc_early_init")
    data[at] = ord("x")
else:
    raise SystemExit(__doc__)
open(dst, "wb").write(data)
