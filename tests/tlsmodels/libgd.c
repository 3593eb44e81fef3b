/* libgd.so: general- and local-dynamic TLS through __tls_get_addr. */
__thread long gd_value = 11;
static __thread long ld_value = 22;
__thread char gd_big[4096] __attribute__((aligned(4096))) = { 9 };
long gd_sum(void) { return gd_value + ld_value + gd_big[0]; }
void gd_set(long v) { gd_value = v; ld_value = 2 * v; gd_big[0] = (char)v; }
int gd_aligned(void) { return ((unsigned long)gd_big & 4095) == 0; }
