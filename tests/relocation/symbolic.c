/* symbolic: reads the unique object through both -Bsymbolic libraries. */
#include "rt.h"
int get_1(void);
int get_2(void);
int fixture_main(int argc, char **argv, char **envp)
{
    (void)argc, (void)argv, (void)envp;
    put_str("symbolic unique: "), put_dec(get_1()), put_str(" "), put_dec(get_2()), put_str("\n");
    return 0;
}
