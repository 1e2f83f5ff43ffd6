/* main.c - the briefc binary: everything else lives in cli_main so that it can also run
 * in-process (tests, fuzzers). */
#include "cli.h"

int
main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
