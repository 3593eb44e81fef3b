/* libversioned.so: vfunc@V1 (hidden, old) and vfunc@@V2 (default). */
int vfunc_v1(void) { return 1; }
int vfunc_v2(void) { return 2; }
__asm__(".symver vfunc_v1, vfunc@V1");
__asm__(".symver vfunc_v2, vfunc@@V2");
