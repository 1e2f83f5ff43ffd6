/* cli.h - the command line: subcommands, their options, and the pipeline each runs
 * (load -> validate -> transform -> emit). main() is only a call to cli_main. */
#ifndef BRIEFC_CLI_H
#define BRIEFC_CLI_H

/* Runs briefc with ARGV as given to main. Returns an enum diag_exit status. */
int cli_main(int argc, char **argv);

#endif
