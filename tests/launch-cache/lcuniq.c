/* lcuniq: linked with the relocation chapter's libbuniq1.so, whose own
   reference to its STB_GNU_UNIQUE object uobj (at version VU1) is bound
   at start-up; it then opens the library named by its argument
   (libbuniq2.so, which defines uobj at version VU2 and refers to that
   version) and says whether both libraries' uobj are one object.  The
   versions keep a plain lookup from crossing over, so they are one object
   only if the start-up binding entered uobj in the table of unique
   symbols: a binding is committed when it is looked up, and a replayed
   one at its first use. */
#include <dlfcn.h>
#include "rt.h"

extern int *uobj_from_1(void);

int fixture_main(int argc, char **argv, char **envp)
{
    (void)envp;
    void *other = argc > 1 ? dlopen(argv[1], RTLD_NOW | RTLD_LOCAL) : 0;
    int *(*address)(void) = other ? (int *(*)(void))dlsym(other, "uobj_from_2") : 0;
    put_str(!address ? "no library\n"
            : address() == uobj_from_1() ? "one object: yes\n" : "one object: no\n");
    return 0;
}
