/* Fuzz target "object": the input is an ELF file.  It is loaded as the
   linker loads a library (map_object, decode_dynamic), its symbol and
   version tables are set up, every symbol it defines is looked up by
   name in it, and it is unloaded: the whole validation layer for one
   object, in process, under AddressSanitizer and UBSan. */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "alloc.h"
#include "fuzz.h"
#include "hash.h"
#include "object.h"
#include "symbols.h"

static void look_up_every_symbol(const struct object *o)
{
    static const char *const others[] = { "", "main", "malloc", "_init" };
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        struct symbol_request req = { .name = others[i], .gnu_hash = gnu_hash(others[i]) };
        lookup_in_object(o, &req);
    }
    for (uint32_t i = 1; i < o->nsyms && i < o->symbol_count; i++) {
        uint32_t at = o->symtab[i].st_name;
        if (at >= o->strsz || !memchr(o->strtab + at, 0, o->strsz - at))
            continue;
        const char *name = o->strtab + at;
        struct symbol_request req = { .name = name, .gnu_hash = gnu_hash(name),
                                      .elf_hash = elf_hash(name), .has_elf_hash = true };
        lookup_in_object(o, &req);
        uint16_t v = o->versym ? o->versym[i] & VERSYM_INDEX : 0;
        if (v >= 2 && v < o->nversions && o->versions[v].name) {
            req.version = &o->versions[v];
            lookup_in_object(o, &req);
        }
    }
}

FUZZ_TARGET(object)
{
    int fd = memfd_create("fuzz-object", MFD_CLOEXEC);
    if (fd < 0 || write(fd, data, size) != (ssize_t)size) {
        if (fd >= 0)
            close(fd);
        return 0;
    }
    struct opened_file file;
    read_opened_file(fd, &file);
    struct object *o = ld_alloc(sizeof *o);
    o->kind = OBJ_LIBRARY;
    o->l_name = ld_strndup("fuzz-object.so", 14);
    const char *error = map_object(&file, o);
    close(fd);
    if (!error)
        error = decode_dynamic(o);
    if (!error)
        error = setup_symbol_table(o);
    if (!error)
        error = setup_versions(o);
    if (!error)
        look_up_every_symbol(o);
    unload_object(o);
    return 0;
}
