/* The libraries of lazyindex (tests/dlopen/lazyindex.c): LI_LIBS of them,
   libli<k>.so, each defining LI_FUNCS functions li<k>_<j>(), which return
   k * LI_FUNCS + j.  The lists are written out, since the preprocessor
   cannot count. */
#ifndef LAZYINDEX_H
#define LAZYINDEX_H
#define LI_LIBS 24
#define LI_FUNCS 32
#define LI_CAT(a, b, c, d) a##b##c##d
#define LI_NAME(k, j) LI_CAT(li, k, _, j)
#define LI_EACH_FUNCTION(m, k) \
    m(k, 0) m(k, 1) m(k, 2) m(k, 3) m(k, 4) m(k, 5) m(k, 6) m(k, 7) \
    m(k, 8) m(k, 9) m(k, 10) m(k, 11) m(k, 12) m(k, 13) m(k, 14) m(k, 15) \
    m(k, 16) m(k, 17) m(k, 18) m(k, 19) m(k, 20) m(k, 21) m(k, 22) m(k, 23) \
    m(k, 24) m(k, 25) m(k, 26) m(k, 27) m(k, 28) m(k, 29) m(k, 30) m(k, 31)
#define LI_EACH_LIB(m) \
    m(0) m(1) m(2) m(3) m(4) m(5) m(6) m(7) \
    m(8) m(9) m(10) m(11) m(12) m(13) m(14) m(15) \
    m(16) m(17) m(18) m(19) m(20) m(21) m(22) m(23)

/* Declares every function and defines NAME(i), which calls function i
   (0 .. LI_LIBS * LI_FUNCS - 1) directly, through the caller's PLT. */
#define LI_DECLARE(k, j) int LI_NAME(k, j)(void);
#define LI_DECLARE_ALL(k) LI_EACH_FUNCTION(LI_DECLARE, k)
#define LI_CASE(k, j) case (k) * LI_FUNCS + (j): return LI_NAME(k, j)();
#define LI_CASES(k) LI_EACH_FUNCTION(LI_CASE, k)
#define LI_DEFINE_CALL(name)                                                   \
    LI_EACH_LIB(LI_DECLARE_ALL)                                                \
    static int name(int i)                                                     \
    {                                                                          \
        switch (i) {                                                           \
        LI_EACH_LIB(LI_CASES)                                                  \
        }                                                                      \
        return -1;                                                             \
    }
#endif
