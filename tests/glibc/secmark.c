/* libsecmark.so: announces itself when something loads it.  The secure
   test names it, by absolute path, in LD_PRELOAD: a set-user-ID program
   must not load it, nor pass the variable on to a child that would. */
#include <stdio.h>
#include <unistd.h>

__attribute__((constructor)) static void announce(void)
{
    printf("secmark loaded into uid %d euid %d\n", (int)getuid(), (int)geteuid());
    fflush(stdout);
}
