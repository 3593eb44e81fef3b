/* The initialisation chapter: constructors run in glibc's order and
   destructors, through the finaliser the linker passes the program in
   rdx, in the reverse order. */
#include <criterion/criterion.h>
#include <string.h>
#include "harness.h"

/* The program's preinit array, then the libraries' DT_INIT and init
   arrays, dependencies first; the finaliser passed in rdx then runs the
   program's fini array and DT_FINI, then the libraries' in the reverse
   order of their initialisation.  glibc 2.36's _dl_fini cannot run in a
   program without libc (it asserts `ns != LM_ID_BASE || i == nloaded',
   since no object needs ld.so itself, and exits 127), so the system's
   output is compared up to "main" and the rest with the expectation
   below, which is that reverse order. */
Test(init, init_and_fini_order_of_a_diamond)
{
    const char *args[] = { "arg1", NULL };
    const char *envp[] = { "FIXTURE_ORDER=1", NULL };
    struct t_case c = { .program = "init/bind-order", .args = args, .envp = envp };
    struct t_run sys = t_run_case(T_SYSTEM_LDSO, &c), ours = t_run_case(t_our_ldso(), &c);
    const char *init =
        "program preinit_array[0] argc=2 envp[0]=FIXTURE_ORDER=1\n"
        "program preinit_array[1]\n"
        "D init_array[0] argc=2 argv[1]=arg1 envp[0]=FIXTURE_ORDER=1\n"
        "D init_array[1]\n"
        "C init_array[0] argc=2 argv[1]=arg1 envp[0]=FIXTURE_ORDER=1\n"
        "C init_array[1]\n"
        "B init_array[0] argc=2 argv[1]=arg1 envp[0]=FIXTURE_ORDER=1\n"
        "B init_array[1]\n"
        "E init_array[0] argc=2 argv[1]=arg1 envp[0]=FIXTURE_ORDER=1\n"
        "E init_array[1]\n"
        "A DT_INIT argc=2\n"
        "A init_array[0] argc=2 argv[1]=arg1 envp[0]=FIXTURE_ORDER=1\n"
        "A init_array[1]\n"
        "main\n";
    const char *fini =
        "program fini_array[1]\nprogram fini_array[0]\nprogram DT_FINI\n"
        "A fini_array[1]\nA fini_array[0]\nE fini_array[1]\nE fini_array[0]\n"
        "B fini_array[1]\nB fini_array[0]\nC fini_array[1]\nC fini_array[0]\n"
        "D fini_array[1]\nD fini_array[0]\nD DT_FINI\nexit\n";
    cr_assert(!strncmp(sys.out, init, strlen(init)), "the oracle: %s",
              t_first_difference(init, sys.out));
    cr_assert(strstr(sys.err, "_dl_fini") || !strcmp(sys.out + strlen(init), fini),
              "glibc finalised differently: %s", sys.out);
    cr_assert_str_eq(ours.out, t_format("%s%s", init, fini), "%s",
                     t_first_difference(t_format("%s%s", init, fini), ours.out));
    cr_assert(!strstr(ours.out, "program init_array"),
              "the program's own initialisers are its start code's job");
    cr_assert_eq(ours.status, 0, "%s", t_describe(&ours));
    t_run_free(&sys);
    t_run_free(&ours);
}
