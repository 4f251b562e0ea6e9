// The `nara` executable: everything lives in the cli module, so tests exercise what ships.
#include "cli/main.hpp"

int main(int argc, char** argv) { return nara::cli::Main(argc, argv); }
