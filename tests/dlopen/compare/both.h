/* The same test source, built twice: against glibc's libc (WITH_LIBC),
   run by the system's ld.so and its libc's dlopen, and freestanding, run
   by build/ld.so and its dlopen.  The two builds must print the same. */
#ifndef DLOPEN_BOTH_H
#define DLOPEN_BOTH_H
#define _GNU_SOURCE
#include <dlfcn.h>
#ifdef WITH_LIBC
#include <string.h>
#include <unistd.h>
static inline void say(const char *s) { write(1, s, strlen(s)); }
#define ENTRY main
#else
#include "rt.h"
static inline void say(const char *s) { put_str(s); put_flush(); }
#define ENTRY fixture_main
#endif
#endif
