/* A C++ exception thrown in a library that dlopen loaded, caught in the
   program: the unwinder finds the library's frames through
   dl_iterate_phdr or _dl_find_object. */
#include <cstdio>
#include <dlfcn.h>
#include <stdexcept>

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    void *lib = dlopen(argv[1], RTLD_NOW);
    void (*thrower)(int) = lib ? (void (*)(int))dlsym(lib, "throw_from_library") : 0;
    if (!thrower) {
        std::printf("%s\n", dlerror());
        return 1;
    }
    for (int i = 1; i <= 3; i++) {
        try {
            thrower(i);
        } catch (const std::exception &e) {
            std::printf("caught: %s\n", e.what());
        }
    }
    return dlclose(lib);
}
