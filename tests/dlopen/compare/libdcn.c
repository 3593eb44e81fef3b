/* libdcn1.so and libdcn2.so: which() says '1' or '2'; n1_next_which
   asks for the next which() after itself. */
#include "both.h"
int which(void) { return '0' + N; }
#if N == 1
int n1_next_which(void)
{
    int (*next)(void) = (int (*)(void))dlsym(RTLD_NEXT, "which");
    return next ? next() : '-';
}
#endif
