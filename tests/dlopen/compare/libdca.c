/* libdca.so: needs libdcb.so; opens its plugin by bare name, which only
   its own RUNPATH ($ORIGIN/plugins) finds. */
#include "both.h"
int a_opens_plugin(void)
{
    void *h = dlopen("libdcplug.so", RTLD_NOW);
    int ok = h && dlsym(h, "plugin_here");
    if (h)
        dlclose(h);
    return ok;
}
