/* secureprobe: what a set-user-ID program sees of its start-up.  The
   secure test runs it as an unprivileged user under both linkers and
   compares: AT_SECURE, its standard descriptors, the libraries loaded
   (preloads show here), how many PLT slots are still unbound (none under
   LD_BIND_NOW), its environment, and the environment a child gets after
   the program drops its privileges. */
#define _GNU_SOURCE
#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

int secrun(void);                           /* lib/libsecrun.so */

static int show_library(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size, (void)data;
    const char *base = strrchr(info->dlpi_name, '/');
    base = base ? base + 1 : info->dlpi_name;
    /* the program (no name), the vDSO and the linker differ by name
       between the two linkers and are left out */
    if (*base && strncmp(base, "linux-vdso", 10) != 0 && strncmp(base, "ld", 2) != 0)
        printf("loaded: %s\n", base);
    return 0;
}

/* The program's own PLT slots that still point back into the program:
   not yet bound. */
static int unbound_slots(void)
{
    extern ElfW(Dyn) _DYNAMIC[];
    const uintptr_t *got;                   /* the compiler will not name it */
    __asm__("lea _GLOBAL_OFFSET_TABLE_(%%rip), %0" : "=r"(got));
    size_t size = 0;
    for (ElfW(Dyn) *d = _DYNAMIC; d->d_tag != DT_NULL; d++)
        if (d->d_tag == DT_PLTRELSZ)
            size = d->d_un.d_val;
    uintptr_t low = (uintptr_t)_DYNAMIC - (1 << 20), high = (uintptr_t)_DYNAMIC + (1 << 20);
    int n = 0;
    for (size_t i = 0; i < size / sizeof(ElfW(Rela)); i++)
        n += got[3 + i] >= low && got[3 + i] < high;
    return n;
}

int main(int argc, char **argv, char **envp)
{
    (void)argc, (void)argv;
    int unbound = unbound_slots();
    printf("secure: %lu\n", getauxval(AT_SECURE));
    for (int fd = 0; fd < 3; fd++) {
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISCHR(st.st_mode))
            printf("fd %d: character device %u:%u\n", fd, major(st.st_rdev), minor(st.st_rdev));
        else
            printf("fd %d: %s\n", fd, fstat(fd, &st) == 0 ? "open" : "closed");
    }
    dl_iterate_phdr(show_library, 0);
    printf("unbound PLT slots at entry: %s\n", unbound ? "some" : "none");
    printf("secrun: %d\n", secrun());
    for (char **e = envp; *e; e++)
        printf("env: %s\n", *e);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        if (setgid(getgid()) != 0 || setuid(getuid()) != 0)
            _exit(99);
        char *args[] = { "env", NULL };
        execve("/usr/bin/env", args, envp);
        _exit(98);
    }
    int status = 0;
    waitpid(child, &status, 0);
    printf("child: %d\n", WEXITSTATUS(status));
    return 0;
}
