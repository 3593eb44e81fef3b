/* One library of lazyindex (tests/dlopen/lazyindex.c), compiled once for each
   LIB from 0 to LI_LIBS - 1: li<LIB>_<j>() returns LIB * LI_FUNCS + j. */
#include "lazyindex.h"

#define DEFINE(k, j) int LI_NAME(k, j)(void) { return (k) * LI_FUNCS + (j); }
LI_EACH_FUNCTION(DEFINE, LIB)
