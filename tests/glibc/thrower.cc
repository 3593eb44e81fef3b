/* libthrower.so, for dlthrow: throws a standard exception. */
#include <stdexcept>
#include <string>

extern "C" void throw_from_library(int n)
{
    throw std::runtime_error("thrown in a dlopen'ed library, " + std::to_string(n));
}
