/* The in-process fuzz targets: each file defines one with FUZZ_TARGET.
   Built with clang -fsanitize=fuzzer it is libFuzzer's entry point
   (make fuzz); built without, it is a function of its own name, which
   tests/fuzz/replay.c calls for every kept input (make test). */
#ifndef FUZZ_H
#define FUZZ_H
#include <stddef.h>
#include <stdint.h>
#ifdef LIBFUZZER
#define FUZZ_TARGET(name) int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#else
#define FUZZ_TARGET(name) int fuzz_##name(const uint8_t *data, size_t size)
#endif
#endif
