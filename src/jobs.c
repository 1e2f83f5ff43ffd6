/* jobs.c - many briefs at once: workers take item numbers in turn, and the calling
 * thread waits for each item in input order. */
#include "jobs.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

/* What the threads of a run share, under LOCK. */
struct run {
	const struct jobs *j;
	pthread_mutex_t lock;
	pthread_cond_t worked;  /* an item is worked (the calling thread waits) */
	pthread_cond_t room;    /* an item is taken back (workers held back wait) */
	size_t next;            /* the next item to work */
	size_t back;            /* items taken back so far */
	size_t ahead;           /* how far past BACK the workers may go */
	bool *finished;         /* each item: worked; owned */
};

/* One worker thread and its state. */
struct worker {
	struct run *r;
	void *state;
	pthread_t thread;
};

/* The progress line on J's progress stream: WIDTH is what it shows now (0: nothing). */
struct progress {
	FILE *out;
	size_t n;
	int width;
};

static void
progress_clear(struct progress *p)
{
	if (p->out == NULL || p->width == 0)
		return;
	fprintf(p->out, "\r%*s\r", p->width, "");
	fflush(p->out);
	p->width = 0;
}

/* Shows BACK of the N items taken back; the last clears the line instead. */
static void
progress_show(struct progress *p, size_t back)
{
	int n;

	if (p->out == NULL || back == p->n)
		return;
	n = fprintf(p->out, "\rbriefc: %zu/%zu briefs", back, p->n);
	fflush(p->out);
	p->width = n > 1 ? n - 1 : 0;
}

/* Takes item I back: the line cleared, DONE, the line shown again. */
static void
take_back(const struct jobs *j, struct progress *p, size_t i)
{
	progress_clear(p);
	j->done(j->ctx, i);
	progress_show(p, i + 1);
}

/* The run without threads: each item worked with WORKERS[0], then taken back. */
static void
run_here(const struct jobs *j, struct progress *p)
{
	size_t i;

	for (i = 0; i < j->n; i++) {
		j->work(j->ctx, j->workers[0], i);
		take_back(j, p, i);
	}
}

static void *
work_items(void *arg)
{
	struct worker *w = arg;
	struct run *r = w->r;
	size_t i;

	mem_thread_start();
	pthread_mutex_lock(&r->lock);
	for (;;) {
		while (r->next < r->j->n && r->next >= r->back + r->ahead)
			pthread_cond_wait(&r->room, &r->lock);
		if (r->next == r->j->n)
			break;
		i = r->next++;
		pthread_mutex_unlock(&r->lock);
		r->j->work(r->j->ctx, w->state, i);
		pthread_mutex_lock(&r->lock);
		r->finished[i] = true;
		pthread_cond_signal(&r->worked);
	}
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

/* Starts a thread for each of J's workers, with J's signals blocked (a thread starts
 * with its creator's mask). Returns how many started, the first in WS. */
static size_t
start_workers(const struct jobs *j, struct run *r, struct worker *ws)
{
	size_t w, started = 0;
	sigset_t old;

	if (j->blocked != NULL)
		pthread_sigmask(SIG_BLOCK, j->blocked, &old);
	for (w = 0; w < j->nworkers; w++) {
		ws[started].r = r;
		ws[started].state = j->workers[w];
		if (pthread_create(&ws[started].thread, NULL, work_items, &ws[started]) == 0)
			started++;
	}
	if (j->blocked != NULL)
		pthread_sigmask(SIG_SETMASK, &old, NULL);
	return started;
}

/* The calling thread's part: each item, in input order, waited for and taken back;
 * the workers held back meanwhile are let go on. */
static void
take_all_back(struct run *r, struct progress *p)
{
	size_t i;

	for (i = 0; i < r->j->n; i++) {
		pthread_mutex_lock(&r->lock);
		while (!r->finished[i])
			pthread_cond_wait(&r->worked, &r->lock);
		pthread_mutex_unlock(&r->lock);
		take_back(r->j, p, i);
		pthread_mutex_lock(&r->lock);
		r->back = i + 1;
		pthread_cond_broadcast(&r->room);
		pthread_mutex_unlock(&r->lock);
	}
}

void
jobs_run(const struct jobs *j)
{
	struct progress p = {j->progress, j->n, 0};
	struct worker *ws;
	struct run r;
	size_t started, w;

	if (j->nworkers <= 1 || j->n <= 1) {
		run_here(j, &p);
		return;
	}
	memset(&r, 0, sizeof(r));
	r.j = j;
	r.ahead = JOBS_AHEAD * j->nworkers;
	r.finished = mem_realloc_array(NULL, j->n, sizeof(*r.finished));
	memset(r.finished, 0, j->n * sizeof(*r.finished));
	if (pthread_mutex_init(&r.lock, NULL) != 0 || pthread_cond_init(&r.worked, NULL) != 0 ||
	    pthread_cond_init(&r.room, NULL) != 0)
		abort();
	ws = mem_realloc_array(NULL, j->nworkers, sizeof(*ws));
	started = start_workers(j, &r, ws);
	if (started == 0)
		run_here(j, &p);
	else
		take_all_back(&r, &p);
	for (w = 0; w < started; w++)
		pthread_join(ws[w].thread, NULL);
	pthread_cond_destroy(&r.room);
	pthread_cond_destroy(&r.worked);
	pthread_mutex_destroy(&r.lock);
	free(ws);
	free(r.finished);
}
