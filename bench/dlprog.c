/* dlprog OP N: one run-time loading operation N times through libc's
   dlfcn.h functions (bench/dl.sh), and a checksum of the results.
     open-close   dlopen("libdlbench-open.so", RTLD_NOW), then dlclose:
                  the library is loaded, relocated and unloaded each time
     sym-hit      dlsym of a function of libdlbench.so, through its handle
     sym-miss     dlsym of a name libdlbench.so does not define (an error
                  that dlerror then clears)
     sym-default  dlsym(RTLD_DEFAULT, ...) of that function: the global
                  scope, where libdlbench.so comes after the program, libc
                  and the linker
     dladdr       dladdr of that function's address
     iterate      dl_iterate_phdr over every object
   libdlbench.so is opened once, RTLD_NOW | RTLD_GLOBAL, before the loop. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int count_object(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)info, (void)size;
    ++*(long *)data;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    const char *op = argv[1];
    long n = atol(argv[2]), sum = 0;
    void *h = dlopen("libdlbench.so", RTLD_NOW | RTLD_GLOBAL);
    void *f = h ? dlsym(h, "dl_bench_f37") : 0;
    if (!f) {
        fprintf(stderr, "dlprog: %s\n", dlerror());
        return 1;
    }
    Dl_info info;
    for (long i = 0; i < n; i++) {
        if (!strcmp(op, "open-close")) {
            void *o = dlopen("libdlbench-open.so", RTLD_NOW);
            sum += o != 0;
            if (o)
                dlclose(o);
        } else if (!strcmp(op, "sym-hit")) {
            sum += dlsym(h, "dl_bench_f37") == f;
        } else if (!strcmp(op, "sym-miss")) {
            sum += dlsym(h, "dl_bench_nothere") == 0 && dlerror() != 0;
        } else if (!strcmp(op, "sym-default")) {
            sum += dlsym(RTLD_DEFAULT, "dl_bench_f37") == f;
        } else if (!strcmp(op, "dladdr")) {
            sum += dladdr(f, &info) && !strcmp(info.dli_sname, "dl_bench_f37");
        } else if (!strcmp(op, "iterate")) {
            long objects = 0;
            dl_iterate_phdr(count_object, &objects);
            sum += objects;
        } else {
            return 2;
        }
    }
    printf("%s: %ld\n", op, sum);
    return 0;
}
