/* test_jobs.c - many items on worker threads: each worked once, by one worker at a
 * time with its own state, taken back in input order however they finish, never too
 * far ahead, with the signals held; one worker is the calling thread; the progress
 * line is cleared before each item is taken back. */
#include "unit.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "jobs.h"

#define MAX_ITEMS 300

/* A worker's state: the thread that uses it, and whether one is using it now. */
struct state {
	pthread_t owner;
	bool owned;
	atomic_bool busy;
	unsigned worked;
};

/* What a run saw. WORK and DONE record into it; the asserts come after the run. */
struct seen {
	size_t n;
	pthread_t caller;
	atomic_uint worked[MAX_ITEMS];   /* times each item was worked */
	atomic_bool finished[MAX_ITEMS]; /* its work had returned */
	size_t order[MAX_ITEMS];         /* items in the order they came back */
	atomic_size_t back;              /* how many came back */
	atomic_size_t furthest;          /* the most an item was worked ahead of BACK */
	atomic_bool shared;              /* a state used by two threads, or two at once */
	atomic_bool unheld;              /* a worker took SIGTERM */
	atomic_bool early;               /* an item came back before its work returned */
	atomic_bool here;                /* every item worked on the calling thread */
	bool record;                     /* one worker: EVENTS are kept */
	bool slow_back;                  /* DONE dawdles, WORK does not */
	char events[4 * MAX_ITEMS];      /* "w0d0w1d1..." as it ran */
	FILE *out;                       /* DONE writes "done I" here when set */
};

static void
work(void *ctx, void *worker, size_t i)
{
	struct seen *s = ctx;
	struct state *st = worker;
	size_t back = atomic_load(&s->back), ahead = i >= back ? i - back : 0, far;
	sigset_t mask;

	if (atomic_exchange(&st->busy, true))
		atomic_store(&s->shared, true);
	if (!st->owned) {
		st->owner = pthread_self();
		st->owned = true;
	} else if (!pthread_equal(st->owner, pthread_self())) {
		atomic_store(&s->shared, true);
	}
	far = atomic_load(&s->furthest);
	while (ahead > far && !atomic_compare_exchange_weak(&s->furthest, &far, ahead))
		;
	pthread_sigmask(SIG_BLOCK, NULL, &mask);
	if (!pthread_equal(pthread_self(), s->caller) && !sigismember(&mask, SIGTERM))
		atomic_store(&s->unheld, true);
	if (!pthread_equal(pthread_self(), s->caller))
		atomic_store(&s->here, false);
	/* Later items are quicker: they finish out of order. */
	if (s->n > 1 && !s->slow_back) {
		struct timespec pause = {0, (long)((s->n - i) % 7) * 200000};

		nanosleep(&pause, NULL);
	}
	st->worked++;
	if (s->record && strlen(s->events) + 16 < sizeof(s->events))
		sprintf(s->events + strlen(s->events), "w%zu", i);
	atomic_fetch_add(&s->worked[i], 1);
	atomic_store(&s->finished[i], true);
	atomic_store(&st->busy, false);
}

static void
done(void *ctx, size_t i)
{
	struct seen *s = ctx;
	size_t k = atomic_load(&s->back);

	if (!atomic_load(&s->finished[i]) || !pthread_equal(pthread_self(), s->caller))
		atomic_store(&s->early, true);
	s->order[k] = i;
	if (s->record && strlen(s->events) + 16 < sizeof(s->events))
		sprintf(s->events + strlen(s->events), "d%zu", i);
	if (s->out != NULL)
		fprintf(s->out, "done %zu\n", i);
	if (s->slow_back) {
		struct timespec pause = {0, 300000};

		nanosleep(&pause, NULL);
	}
	atomic_store(&s->back, k + 1);
}

/* Runs N items on NWORKERS workers (states in STATES), SIGTERM held, into S. */
static void
run(struct seen *s, size_t n, struct state *states, size_t nworkers, FILE *progress)
{
	void *workers[8];
	sigset_t held;
	struct jobs j;
	size_t w;

	assert_true(n <= MAX_ITEMS && nworkers <= 8);
	memset(states, 0, nworkers * sizeof(*states));
	for (w = 0; w < nworkers; w++)
		workers[w] = &states[w];
	sigemptyset(&held);
	sigaddset(&held, SIGTERM);
	s->n = n;
	s->caller = pthread_self();
	atomic_store(&s->here, true);
	s->record = nworkers == 1;
	j = (struct jobs){n, workers, nworkers, work, done, s, &held, progress};
	jobs_run(&j);
}

static void
assert_each_once_in_order(const struct seen *s)
{
	size_t i;

	assert_int_equal(atomic_load(&s->back), s->n);
	for (i = 0; i < s->n; i++) {
		assert_int_equal(atomic_load(&s->worked[i]), 1);
		assert_int_equal(s->order[i], i);
	}
	assert_false(atomic_load(&s->early));
	assert_false(atomic_load(&s->shared));
}

/* One worker: today's path, on the calling thread, each item taken back before the
 * next is worked. */
static void
test_one_worker_is_the_calling_thread(void **state)
{
	static struct seen s;
	struct state st[1];

	(void)state;
	run(&s, 4, st, 1, NULL);
	assert_each_once_in_order(&s);
	assert_true(atomic_load(&s.here));
	assert_string_equal(s.events, "w0d0w1d1w2d2w3d3");
}

/* Several workers, items finishing out of order: each is worked once and taken back
 * in input order, on the calling thread, after its work is done; no state is shared,
 * and every state did some of the work. */
static void
test_items_come_back_in_order(void **state)
{
	static struct seen s;
	struct state st[4];
	size_t w;

	(void)state;
	run(&s, MAX_ITEMS, st, 4, NULL);
	assert_each_once_in_order(&s);
	assert_false(atomic_load(&s.here));
	for (w = 0; w < 4; w++)
		assert_true(st[w].worked > 0);
}

/* Workers never run more than JOBS_AHEAD items each ahead of the one awaited, however
 * slowly the items are taken back. */
static void
test_workers_stay_within_reach(void **state)
{
	static struct seen s;
	struct state st[3];

	(void)state;
	s.slow_back = true;
	run(&s, 200, st, 3, NULL);
	assert_each_once_in_order(&s);
	assert_true(atomic_load(&s.furthest) < JOBS_AHEAD * 3);
	assert_true(atomic_load(&s.furthest) > 0);
}

/* The workers hold the signals given (so that they come to the calling thread), and
 * the calling thread's own mask is as it was. */
static void
test_workers_hold_the_signals(void **state)
{
	static struct seen s;
	struct state st[2];
	sigset_t before, after;

	(void)state;
	pthread_sigmask(SIG_BLOCK, NULL, &before);
	run(&s, 20, st, 2, NULL);
	pthread_sigmask(SIG_BLOCK, NULL, &after);
	assert_false(atomic_load(&s.unheld));
	assert_int_equal(sigismember(&before, SIGTERM), sigismember(&after, SIGTERM));
}

/* More workers than items, and no items at all. */
static void
test_few_items(void **state)
{
	static struct seen one, none;
	struct state st[8];

	(void)state;
	run(&one, 1, st, 8, NULL);
	assert_each_once_in_order(&one);
	assert_true(atomic_load(&one.here));
	run(&none, 0, st, 8, NULL);
	assert_int_equal(atomic_load(&none.back), 0);
	assert_string_equal(none.events, "");
}

/* The progress line: shown after each item taken back but the last, wiped before the
 * next DONE writes, gone at the end. */
static void
test_progress_line(void **state)
{
	static struct seen s;
	static const char want[] =
		"done 0\n"
		"\rbriefc: 1/3 briefs\r                  \r"
		"done 1\n"
		"\rbriefc: 2/3 briefs\r                  \r"
		"done 2\n";
	struct state st[2];
	FILE *f = tmpfile();
	size_t len;
	char *text;

	(void)state;
	assert_non_null(f);
	s.out = f;
	run(&s, 3, st, 2, f);
	assert_each_once_in_order(&s);
	fflush(f);
	len = (size_t)ftell(f);
	rewind(f);
	text = calloc(1, len + 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, len, f), len);
	assert_string_equal(text, want);
	free(text);
	fclose(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_worker_is_the_calling_thread),
		cmocka_unit_test(test_items_come_back_in_order),
		cmocka_unit_test(test_workers_stay_within_reach),
		cmocka_unit_test(test_workers_hold_the_signals),
		cmocka_unit_test(test_few_items),
		cmocka_unit_test(test_progress_line),
	};

	return cmocka_run_group_tests(tests, NULL, unit_teardown);
}
