/* libunique1.so / libunique2.so (UNIQUE_VALUE differs): both define
   shared_unique and lonely_unique as STB_GNU_UNIQUE, as g++ does for
   static members of templates; C has no syntax for it, so the
   definitions are assembly. Nothing refers to lonely_unique, so only
   dlsym settles it. */
#define STR(x) #x
#define XSTR(x) STR(x)
__asm__(".globl shared_unique\n"
        ".section .data.shared_unique,\"aw\"\n"
        ".align 4\n"
        ".type shared_unique, @gnu_unique_object\n"
        ".size shared_unique, 4\n"
        "shared_unique: .long " XSTR(UNIQUE_VALUE) "\n"
        ".globl lonely_unique\n"
        ".type lonely_unique, @gnu_unique_object\n"
        ".size lonely_unique, 4\n"
        "lonely_unique: .long " XSTR(UNIQUE_VALUE) "\n"
        ".previous");
extern int shared_unique;
int *unique_address(void) { return &shared_unique; }
