/* The block of CPU features the dynamic linker filled, as 120 words: the
   same under both linkers means libc's choices (string functions, cache
   thresholds, sysconf's cache sizes) are the same.  The initial APIC ID
   in leaf 1's EBX (bits 24-31) names the CPU the linker happened to run
   on, so it is masked. */
#include <stdio.h>
#include <string.h>

extern const void *_dl_x86_get_cpu_features(void);

int main(void)
{
    unsigned int words[120];
    memcpy(words, _dl_x86_get_cpu_features(), sizeof words);
    words[(20 + 4) / 4] &= 0x00ffffff;      /* features[0].cpuid.ebx */
    for (int i = 0; i < 120; i++)
        printf("%08x%c", words[i], i % 8 == 7 ? '\n' : ' ');
    return 0;
}
