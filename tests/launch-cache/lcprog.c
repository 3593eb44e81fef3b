/* The launch cache chapter's program: binds a function through the PLT, a
   function whose address it takes, a variable of liblc.so and a weak
   reference that nothing defines, and prints what it got.  It finds
   liblc.so through RUNPATH $ORIGIN/dir1:$ORIGIN/dir2.  Built with -DTEAR
   it is lctear, which also calls a function of libtear.so, whose resolver
   truncates the cache file during the start. */
#include "rt.h"

extern int lc_value(void);
extern int lc_twice(int x);
extern int lc_counter;
extern int lc_missing(void) __attribute__((weak));
#ifdef TEAR
extern int tear_value(void);
#endif

int (*lc_taken)(int) = lc_twice;

int fixture_main(int argc, char **argv, char **envp)
{
    (void)argc, (void)argv, (void)envp;
    put_str("value ");
    put_dec(lc_value());
    put_str(" twice ");
    put_dec(lc_taken(21));
    put_str(" counter ");
    put_dec(lc_counter);
    put_str(lc_missing ? " missing defined" : " missing undefined");
#ifdef TEAR
    put_str(" tear ");
    put_dec(tear_value());
#endif
    put_char('\n');
    return 0;
}
