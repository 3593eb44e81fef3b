/* undef: calls gone_func(), which the library it runs with lacks. */
#include "rt.h"
int gone_func(void);
int fixture_main(int argc, char **argv, char **envp)
{
    (void)argc, (void)argv, (void)envp;
    put_str("before the call\n");
    put_flush();
    put_dec(gone_func());
    put_str("\n");
    return 0;
}
