/* Replays kept inputs through the fuzz targets without libFuzzer:
   `replay TARGET FILE...` runs each file through TARGET and prints one
   line per file.  `make test` runs it over tests/fuzz/corpus/TARGET (the
   seeds, and every input that once crashed), so that a fixed bug stays
   fixed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"

int fuzz_object(const uint8_t *data, size_t size);
int fuzz_cache(const uint8_t *data, size_t size);
int fuzz_paths(const uint8_t *data, size_t size);
int fuzz_relative(const uint8_t *data, size_t size);

static const struct { const char *name; int (*run)(const uint8_t *, size_t); } targets[] = {
    { "object", fuzz_object }, { "cache", fuzz_cache },
    { "paths", fuzz_paths },   { "relative", fuzz_relative },
};

int main(int argc, char **argv)
{
    for (size_t t = 0; argc > 1 && t < sizeof targets / sizeof *targets; t++) {
        if (strcmp(argv[1], targets[t].name) != 0)
            continue;
        for (int i = 2; i < argc; i++) {
            FILE *f = fopen(argv[i], "rb");
            if (!f)
                return perror(argv[i]), 2;
            static uint8_t buffer[1 << 24];
            size_t n = fread(buffer, 1, sizeof buffer, f);
            fclose(f);
            uint8_t *data = malloc(n ? n : 1);
            memcpy(data, buffer, n);
            targets[t].run(data, n);
            free(data);
            printf("%s %s: ok\n", argv[1], argv[i]);
        }
        return 0;
    }
    fprintf(stderr, "usage: replay object|cache|paths|relative FILE...\n");
    return 2;
}
