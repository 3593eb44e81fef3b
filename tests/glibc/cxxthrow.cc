// libcxxthrow.so: throws a C++ exception for its callers to catch, and
// keeps a thread_local count of the throws in each thread.
#include <stdexcept>
#include <string>

thread_local int throws_here = 0;

void throw_from_library(int n)
{
    throws_here++;
    throw std::runtime_error("thrown in the library: " + std::to_string(n));
}

int throws_in_this_thread()
{
    return throws_here;
}
