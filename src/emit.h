/* emit.h - emitting: every output is written whole or not at all, and never over a
 * file the run reads or another of its outputs. Owns the temporary file, the staging
 * directory it is in and the rename ("-" is stdout), and the plan of a run's files. */
#ifndef BRIEFC_EMIT_H
#define BRIEFC_EMIT_H

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "diag.h"

/* Replaces PATH with the LEN bytes of DATA: written to a temporary file
 * (".NAME.briefc-PID-XXXXXX", created with O_EXCL, so a link planted there is never
 * followed) in the staging directory of PATH's directory, DIR/.briefc (made 0700, and
 * removed when a run leaves it empty; when DIR/.briefc is anything but a directory of
 * this user's that no one else may write in, beside PATH instead), then renamed over
 * PATH, so a reader (and briefc killed at any point) sees the old file or the new one
 * and nothing between. The temporary files of PATH that a killed briefc left are
 * removed too: those whose process was gone when the run first wrote there, which each
 * run reads once; the output directory itself is never read, however many files it
 * holds. Not synced:
 * an output is rebuilt from its brief, and an fsync cost each output 0.5 to 8 ms on
 * ext4, more than the rest of a small build's writing. Returns 0; on failure leaves
 * PATH as it was, removes the temporary file, reports to D as RULE_IO and returns -1.
 * Any thread may write; memory running out on any thread removes every thread's
 * temporary files before briefc ends. */
int emit_file(const char *path, const void *data, size_t len, struct diag *d);

/* Several outputs written as one: each staged to its temporary file, then all renamed
 * into place (emit_commit) or all removed (emit_abort), so a failure anywhere (a full
 * disk, memory running out) leaves every output as it was. Signals are held from the
 * first stage to the end, as emit_file holds them. Initialise with emit_batch_init. */
struct emit_staged;
struct emit_batch {
	struct emit_staged *staged;
	size_t n;
	struct held_signals {
		sigset_t mask;
		struct sigaction xfsz;
	} held;
	struct emit_batch *next;    /* the next batch with files staged, of any thread */
};

/* Sets SET to the signals that end a process by default (but SIGKILL), which a
 * thread holds while it has a temporary file: a signal that comes then ends briefc
 * once the file is renamed or removed. A signal goes to any thread that does not
 * hold it, so the threads of a run that write no file (the workers of jobs.h) hold
 * these for good, and only one thread at a time writes (SIGXFSZ is set aside
 * process-wide while it does). */
void emit_held_signals(sigset_t *set);

/* Starts RUN(ARG) on a thread of its own that takes no signal at all: one meant for
 * the run must come to the thread that holds it while outputs are written, never end
 * the run from elsewhere. Returns whether it started. */
bool emit_quiet_thread(pthread_t *thread, void *(*run)(void *), void *arg);

void emit_batch_init(struct emit_batch *b);

/* Writes the LEN bytes of DATA to PATH's temporary file, as emit_file does ("-":
 * standard output, written now). Returns 0; or -1 reported to D, and the batch must
 * be aborted. */
int emit_stage(struct emit_batch *b, const char *path, const void *data, size_t len,
               struct diag *d);

/* Renames every staged file over its output. Returns 0, or -1 reported to D. */
int emit_commit(struct emit_batch *b, struct diag *d);

/* Removes every staged file; the outputs stay as they were. */
void emit_abort(struct emit_batch *b);

/* The files one run reads and the outputs it will write, so that no output lands on
 * either: compared by device and inode (links followed), and an output not made yet
 * by its directory's real path and its name. Zero-initialise; free with
 * emit_plan_free. */
struct emit_plan {
	struct emit_planned *files;
	size_t n, cap;
};

/* Records PATH as read by the run, if it exists. */
void emit_plan_input(struct emit_plan *p, const char *path);

/* Records every regular file in DIR (the stylesheets a run may load) as read. */
void emit_plan_inputs_in(struct emit_plan *p, const char *dir);

/* Plans the output the user knows as NAME and returns the file it is written to
 * (caller frees). NAMED: the user named it (-o), and a symbolic link there is
 * followed to the file it names, which is replaced and the link kept. Not NAMED (-d
 * DIR, a brief's name): a link there is replaced itself, never followed, so a link
 * planted in an output directory leads nowhere. Returns NULL, reported to D (RULE_IO,
 * naming both), when that file is one the run reads or an output already planned, or
 * for a loop of links. "-" (standard output) is always itself. */
char *emit_plan_target(struct emit_plan *p, const char *name, bool named,
                       struct diag *d);

void emit_plan_free(struct emit_plan *p);

#endif
