/* libsymbolic1.so / libsymbolic2.so (N = 1, 2): linked with -Bsymbolic
   (DT_SYMBOLIC), each defining the same STB_GNU_UNIQUE object; the
   object's own scope comes first, but the unique table still makes both
   share one copy. */
#define STR(x) #x
#define XSTR(x) STR(x)
__asm__(".globl symbolic_unique\n"
        ".section .data.symbolic_unique,\"aw\"\n"
        ".align 4\n"
        ".type symbolic_unique, @gnu_unique_object\n"
        ".size symbolic_unique, 4\n"
        "symbolic_unique: .long " XSTR(N) "\n"
        ".previous");
extern int symbolic_unique;
#define GET(n) get_##n
#define NAME(n) GET(n)
int NAME(N)(void) { return symbolic_unique; }
