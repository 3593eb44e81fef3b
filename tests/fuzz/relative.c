/* Fuzz target "relative": the input is a table of RELATIVE relocations
   and a RELR table, applied to a buffer of 4 KiB as its object's image, with the range checks
   the linker uses: no write may fall outside the buffer. */
#include <elf.h>
#include <string.h>
#include "fuzz.h"
#include "relative.h"

FUZZ_TARGET(relative)
{
    static uint64_t image[512];
    uintptr_t base = (uintptr_t)image;
    size_t half = size / 2;
    const Elf64_Rela *rela = (const void *)data;
    size_t nrela = half / sizeof *rela;
    const uint64_t *relr = (const void *)(data + half);
    size_t nrelr = (size - half) / sizeof *relr;
    Elf64_Rela rela_copy[64];
    uint64_t relr_copy[64];
    nrela = nrela < 64 ? nrela : 64, nrelr = nrelr < 64 ? nrelr : 64;
    memcpy(rela_copy, rela, nrela * sizeof *rela);
    memcpy(relr_copy, relr, nrelr * sizeof *relr);
    apply_relative(base, rela_copy, nrela, base, sizeof image - 7);
    struct relr_cursor c = { 0, 0 };
    apply_relr(base, relr_copy, nrelr, &c, base, sizeof image - 7);
    return 0;
}
