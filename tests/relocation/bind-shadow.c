/* bind-shadow: names that libraries define in their dynamic symbol
   tables without exporting them.  The program needs libbshadow1.so, then
   libbreal.so, then libbshadow2.so, and calls shadow_local and
   shadow_hidden through a table of their addresses (R_X86_64_64
   relocations, which a launch cache file records).  libbshadow1.so,
   first in the scope, has shadow_local as a local symbol, which a lookup
   passes over; libbshadow2.so, last, has shadow_hidden as a hidden one,
   which the lookup never reaches, since libbreal.so comes first.  Both
   come from libbreal.so, under either linker; and a launch cache file
   that names the unexported definitions instead must not be believed
   (the fuzz campaign's seed). */
#include "rt.h"

int shadow_local(void), shadow_hidden(void);
int (*volatile shadows[2])(void) = { shadow_local, shadow_hidden };

int fixture_main(int argc, char **argv, char **envp)
{
    (void)argc, (void)argv, (void)envp;
    put_str("shadow_local: "), put_dec(shadows[0]()), put_char('\n');
    put_str("shadow_hidden: "), put_dec(shadows[1]()), put_char('\n');
    return 0;
}
