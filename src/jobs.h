/* jobs.h - many briefs at once: worker threads with state of their own take items in
 * turn; the calling thread takes each back in input order and shows the count. */
#ifndef BRIEFC_JOBS_H
#define BRIEFC_JOBS_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>

/* How many items each worker may work ahead of the one the calling thread waits for:
 * what bounds the results held at once when one item is slow. */
#define JOBS_AHEAD 4

/* A run: N items, numbered 0 to N-1. */
struct jobs {
	size_t n;
	/* The workers: one thread each, WORKERS[w] its state, used by that thread alone.
	 * With one worker (or one item), every item is worked on the calling thread. */
	void *const *workers;
	size_t nworkers;
	/* On a worker's thread: works item I with that worker's state. */
	void (*work)(void *ctx, void *worker, size_t i);
	/* On the calling thread, in input order: takes item I back, once it is worked. */
	void (*done)(void *ctx, size_t i);
	void *ctx;
	/* Signals the worker threads never take, so that they come to the calling thread
	 * (emit_held_signals); NULL: none. */
	const sigset_t *blocked;
	/* Where "briefc: I/N briefs" is shown and updated (with "\r") as items are taken
	 * back, and cleared before each DONE and at the end, so it never mixes with what
	 * DONE prints; NULL: nowhere. */
	FILE *progress;
};

/* Runs J: every item worked once, by WORKERS[0] on the calling thread or by the
 * workers' threads (as many as start: when none does, the calling thread works them
 * all), and taken back by DONE in input order as soon as it and every item before it
 * are worked. Returns when the last is taken back and every thread has ended. */
void jobs_run(const struct jobs *j);

#endif
