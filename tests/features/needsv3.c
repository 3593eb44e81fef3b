/* needs-v3: needs v3_only@V3, which the libfeat.so it runs with lacks. */
#include "rt.h"
int v3_only(void);
int fixture_main(int argc, char **argv, char **envp)
{
    (void)argc, (void)argv, (void)envp;
    put_dec(v3_only());
    put_str("\n");
    return 0;
}
