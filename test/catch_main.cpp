// The one translation unit that holds Catch2's main(). Before the tests run, the compiled simulator's
// cache goes under the build tree (RTLNET_TEST_CACHE_DIR), not the user's ~/.cache, unless the
// environment already names one.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>

int main(int argc, char* argv[])
{
    ::setenv("RTLNET_CACHE_DIR", RTLNET_TEST_CACHE_DIR, 0);
    return Catch::Session().run(argc, argv);
}
