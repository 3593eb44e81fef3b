// Exceptions thrown in a shared library and caught in the program, from 8
// threads at once; thread_local in the program and in the library.
#include <cstdio>
#include <stdexcept>
#include <thread>
#include <vector>

void throw_from_library(int n);
int throws_in_this_thread();

thread_local int caught_here = 0;

static void work(int id, int *result)
{
    for (int i = 0; i < 200; i++) {
        try {
            throw_from_library(id * 1000 + i);
        } catch (const std::runtime_error &e) {
            caught_here++;
        }
    }
    *result = caught_here * 1000 + throws_in_this_thread();
}

int main()
{
    std::vector<std::thread> threads;
    int results[8];
    for (int i = 0; i < 8; i++)
        threads.emplace_back(work, i, &results[i]);
    for (auto &t : threads)
        t.join();
    for (int i = 0; i < 8; i++)
        std::printf("thread %d: caught and thrown %d\n", i, results[i]);
    try {
        throw_from_library(42);
    } catch (const std::exception &e) {
        std::printf("main caught: %s\n", e.what());
    }
    std::printf("main: caught %d, thrown %d\n", caught_here, throws_in_this_thread());
    return 0;
}
