/* libdesc.so: TLS descriptors (-mtls-dialect=gnu2), over-aligned. */
__thread long desc_value __attribute__((aligned(256))) = 4000;
__thread char desc_zero[100];
long desc_bump(void) { desc_value += desc_zero[99] + 1; return desc_value; }
int desc_aligned(void) { return ((unsigned long)&desc_value & 255) == 0; }
