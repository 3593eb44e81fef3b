/* The variables the linker exports, read by a program that copies them
   (a PIE's COPY relocations snapshot them when it is relocated, so the
   linker must have set them before), and the main thread's stack as
   pthread_getattr_np finds it from __libc_stack_end; last, libc's
   __libc_freeres, which walks every link map's l_libname. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/auxv.h>

extern void *__libc_stack_end;
extern const unsigned int __rseq_size, __rseq_flags;
extern const ptrdiff_t __rseq_offset;
extern void __libc_freeres(void);

int main(void)
{
    printf("rseq size %u offset %td flags %u\n", __rseq_size, __rseq_offset, __rseq_flags);
    printf("stack end known: %s\n", __libc_stack_end ? "yes" : "no");
    pthread_attr_t attr;
    void *stack;
    size_t size;
    int rc = pthread_getattr_np(pthread_self(), &attr);
    if (rc == 0)
        rc = pthread_attr_getstack(&attr, &stack, &size);
    printf("main thread's stack: %s\n", rc == 0 && size > 0 ? "found" : "not found");
    printf("AT_HWCAP as glibc reports it: %#lx\n", getauxval(AT_HWCAP));
    __libc_freeres();
    printf("freed\n");
    return 0;
}
