/* main.c - the briefc binary: the allocator set up, then everything else in cli_main,
 * so that it can also run in-process (tests, fuzzers). */
#include "cli.h"
#include "mem.h"

int
main(int argc, char **argv)
{
	mem_setup();
	return cli_main(argc, argv);
}
