/* first-call.c: calls puts twice, so that a debugger can watch the GOT
   slot of puts change at the first call (the PLT chapter). */
#include <stdio.h>

int main(void)
{
    puts("first call");
    puts("second call");
    return 0;
}
