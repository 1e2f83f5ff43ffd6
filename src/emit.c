/* emit.c - emitting: temporary file, full write, rename; and the plan that keeps a
 * run's outputs off its inputs and off each other. */
#include "emit.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mem.h"

static int
write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The directory PATH names a file in: "." for a bare name, "/" at the root. Caller
 * frees. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (slash == NULL)
		return mem_strdup(".");
	if (slash == path)
		return mem_strdup("/");
	dir = mem_alloc((size_t)(slash - path) + 1);
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	return dir;
}

/* The file name PATH ends with. */
static const char *
base_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The staging directory of an output directory: hidden, briefc's alone, where the
 * temporary files go, so that looking for a killed run's costs what it holds, where
 * reading the output directory cost what that holds (9 ms a build at 30,000 files).
 * A run removes it when it leaves it empty. */
#define STAGING ".briefc"

/* Makes STAGE (DIR/.briefc) if missing. Is it (now) a directory of this user's that
 * no one else may write in? Else (a file of that name, another's directory, a link,
 * none made) the temporary files go beside their outputs. Allocates nothing, so that
 * memory running out cannot come between its making and a file in it. */
static bool
make_staging(const char *stage)
{
	struct stat st;

	return mkdir(stage, 0700) == 0 ||
	       (errno == EEXIST && lstat(stage, &st) == 0 && S_ISDIR(st.st_mode) &&
	        st.st_uid == geteuid() && (st.st_mode & (S_IWGRP | S_IWOTH)) == 0);
}

/* The temporary file of the output BASE: "STAGE/.BASE.briefc-PID-XXXXXX" for mkstemp.
 * The process id in the name lets a later run tell a file left by a briefc that was
 * killed (SIGKILL cannot be held) from one still being written. */
static char *
temp_name(const char *stage, const char *base)
{
	char *tmp = mem_alloc(strlen(stage) + strlen(base) + 48);

	sprintf(tmp, "%s/.%s.briefc-%ld-XXXXXX", stage, base, (long)getpid());
	return tmp;
}

/* A temporary file's process: NAME is ".BASE.briefc-PID-XXXXXX" (temp_name); returns
 * PID and sets *BASELEN to BASE's length, or returns 0 for any other name. */
static long
temp_pid(const char *name, size_t *baselen)
{
	static const char mark[] = ".briefc-";
	size_t n = strlen(name), digits = 0, i;
	long pid = 0;

	/* From the end: six characters, a dash, the process id, the mark. */
	if (n < 1 + 1 + 8 + 1 + 1 + 6 || name[0] != '.' || name[n - 7] != '-')
		return 0;
	while (digits < n - 7 && name[n - 8 - digits] >= '0' && name[n - 8 - digits] <= '9')
		digits++;
	if (digits == 0 || digits > 9 || n - 7 - digits < 1 + 1 + 8 ||
	    strncmp(name + n - 7 - digits - 8, mark, 8) != 0)
		return 0;
	for (i = n - 7 - digits; i < n - 7; i++)
		pid = pid * 10 + (name[i] - '0');
	*baselen = n - 7 - digits - 8 - 1;
	return pid;
}

/* Is PID a process that is gone (not this one, not one still running)? */
static bool
gone(long pid)
{
	return pid > 0 && pid != (long)getpid() && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* A staging directory written into this run (this process), read once at the first
 * write: the temporary files it held of briefc processes gone, each removed when its
 * output is written. Reading the directory at every write made a run of many outputs
 * into one directory quadratic. */
struct swept {
	char *dir;          /* DIR/.briefc, or DIR when that is not briefc's; owned */
	char **stale;       /* temporary files of gone processes, not yet removed; owned */
	size_t nstale;
	struct swept *next;
};

/* Every directory written into so far; process-wide, as the directories are, and kept
 * until the process ends. Guarded by SWEEP_LOCK. */
static pthread_mutex_t sweep_lock = PTHREAD_MUTEX_INITIALIZER;
static struct swept *swept_dirs;

/* DIR read for the temporary files of gone processes. */
static struct swept *
sweep_read(const char *dir)
{
	struct swept *s = mem_alloc(sizeof(*s));
	struct dirent *e;
	size_t baselen;
	DIR *d;

	s->dir = mem_strdup(dir);
	s->stale = NULL;
	s->nstale = 0;
	if ((d = opendir(dir)) == NULL)
		return s;
	while ((e = readdir(d)) != NULL) {
		if (!gone(temp_pid(e->d_name, &baselen)))
			continue;
		s->stale = mem_realloc_array(s->stale, s->nstale + 1, sizeof(*s->stale));
		s->stale[s->nstale++] = mem_strdup(e->d_name);
	}
	closedir(d);
	return s;
}

/* Removes the temporary files of the output BASE that a briefc killed before its
 * rename left in DIR (its staging directory): those whose process was gone when this
 * run first wrote there. A live process's (another briefc writing the same output
 * now) is left alone, as are other outputs' until they are written. */
static void
remove_stale_temps(const char *dir, const char *base)
{
	struct swept *s;
	size_t i, baselen;

	pthread_mutex_lock(&sweep_lock);
	for (s = swept_dirs; s != NULL && strcmp(s->dir, dir) != 0; s = s->next)
		;
	if (s == NULL) {
		s = sweep_read(dir);
		s->next = swept_dirs;
		swept_dirs = s;
	}
	for (i = 0; i < s->nstale;) {
		const char *name = s->stale[i];
		char *gone_path;

		if (temp_pid(name, &baselen) == 0 || baselen != strlen(base) ||
		    strncmp(name + 1, base, baselen) != 0) {
			i++;
			continue;
		}
		gone_path = mem_alloc(strlen(dir) + strlen(name) + 2);
		sprintf(gone_path, "%s/%s", dir, name);
		unlink(gone_path);
		free(gone_path);
		free(s->stale[i]);
		s->stale[i] = s->stale[--s->nstale];
	}
	pthread_mutex_unlock(&sweep_lock);
}

/* mkstemp makes 0600 files; outputs get the usual 0666 less the umask. */
static int
usual_mode(int fd)
{
	mode_t mask = umask(022);

	umask(mask);
	return fchmod(fd, 0666 & ~mask);
}

void
emit_held_signals(sigset_t *set)
{
	static const int fatal[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGALRM, SIGUSR1,
	                            SIGUSR2, SIGVTALRM, SIGPROF};
	size_t i;

	sigemptyset(set);
	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		sigaddset(set, fatal[i]);
}

bool
emit_quiet_thread(pthread_t *thread, void *(*run)(void *), void *arg)
{
	sigset_t all, old;
	bool started;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	started = pthread_create(thread, NULL, run, arg) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return started;
}

/* While the temporary file exists, the signals that end a process by default (but
 * SIGKILL) wait, so that no interruption leaves it behind: a signal that comes during
 * the write ends the process once the file is renamed or removed. They are held on
 * this thread; the others of the process hold them for good (emit_held_signals), so
 * that they come here. SIGXFSZ is ignored instead, so that writing past the file size
 * limit (ulimit -f) fails with EFBIG, reported, rather than killing briefc midway. */
static void
hold_signals(struct held_signals *h)
{
	struct sigaction ignore;
	sigset_t set;

	emit_held_signals(&set);
	pthread_sigmask(SIG_BLOCK, &set, &h->mask);
	memset(&ignore, 0, sizeof(ignore));
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGXFSZ, &ignore, &h->xfsz);
}

static void
release_signals(const struct held_signals *h)
{
	sigaction(SIGXFSZ, &h->xfsz, NULL);
	pthread_sigmask(SIG_SETMASK, &h->mask, NULL);
}

/* Standard output may be a pipe that waits for its reader: nothing is held but
 * SIGXFSZ, so that an interrupt still ends briefc there. */
static int
write_stdout(const void *data, size_t len, struct diag *d)
{
	struct sigaction ignore, xfsz;
	int err = 0;

	memset(&ignore, 0, sizeof(ignore));
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGXFSZ, &ignore, &xfsz);
	errno = 0;
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
		err = errno ? errno : EIO;
	sigaction(SIGXFSZ, &xfsz, NULL);
	if (err != 0) {
		diag_report(d, RULE_IO, "<stdout>", 0, 0, "cannot write: %s", strerror(err));
		return -1;
	}
	return 0;
}

/* One output staged: written whole to its temporary file, not yet renamed. */
struct emit_staged {
	char *path, *tmp;
	char *stage;   /* the staging directory TMP is in, removed once empty; NULL: TMP
	                  is beside PATH */
};

void
emit_batch_init(struct emit_batch *b)
{
	memset(b, 0, sizeof(*b));
}

/* The batches with files staged, of every thread: memory running out on any thread
 * ends briefc (mem.h), and the temporary files of every one go first. Guarded by
 * STAGING, under which nothing is allocated: the thread that runs out holds it not. */
static pthread_mutex_t staging = PTHREAD_MUTEX_INITIALIZER;
static struct emit_batch *open_batches;

/* mem_exhausted's last act: every staged file removed, and STAGING kept, so that no
 * thread stages another before the process ends. Allocates nothing. */
static void
remove_every_staged(void)
{
	const struct emit_batch *b;
	size_t i;

	pthread_mutex_lock(&staging);
	for (b = open_batches; b != NULL; b = b->next)
		for (i = 0; i < b->n; i++)
			unlink(b->staged[i].tmp);
	for (b = open_batches; b != NULL; b = b->next)
		for (i = 0; i < b->n; i++)
			if (b->staged[i].stage != NULL)
				rmdir(b->staged[i].stage);
}

static pthread_once_t exhaustion_once = PTHREAD_ONCE_INIT;

static void
on_exhaustion(void)
{
	mem_on_exhausted(remove_every_staged);
}

/* Takes B off the open batches; under STAGING. */
static void
unlist(struct emit_batch *b)
{
	struct emit_batch **p;

	for (p = &open_batches; *p != NULL; p = &(*p)->next)
		if (*p == b) {
			*p = b->next;
			break;
		}
	b->next = NULL;
}

/* PATH's temporary file for B, with its candidate names (mkstemp templates): TMP in
 * STAGE, its directory's staging directory, else ALT, beside PATH. */
struct staging_names {
	char *path, *stage, *tmp, *alt;
};

/* Creates N's temporary file for B, recorded at once, where remove_every_staged finds
 * it; the staging directory is made here, after every allocation, under STAGING.
 * Returns its descriptor, the names it took set NULL in N; or -1 with errno set
 * (nothing recorded or taken). */
static int
stage_file(struct emit_batch *b, struct staging_names *nm)
{
	struct emit_staged *grown = mem_realloc_array(NULL, b->n + 1, sizeof(*grown)), *old;
	size_t len = strlen(nm->tmp);
	bool staged;
	int fd, err, tries;

	pthread_mutex_lock(&staging);
	if (b->n > 0)
		memcpy(grown, b->staged, b->n * sizeof(*grown));
	old = b->staged;
	b->staged = grown;
	if (b->n == 0) {
		b->next = open_batches;
		open_batches = b;
	}
	/* Another run may remove the staging directory, empty, between its making here
	 * and the file's creation: made again. */
	for (tries = 0;; tries++) {
		memset(nm->tmp + len - 6, 'X', 6);
		staged = make_staging(nm->stage);
		fd = mkstemp(staged ? nm->tmp : nm->alt);
		err = errno;
		if (fd >= 0 || !staged || err != ENOENT || tries == 2)
			break;
	}
	if (fd >= 0) {
		b->staged[b->n].path = nm->path;
		b->staged[b->n].stage = staged ? nm->stage : NULL;
		b->staged[b->n++].tmp = staged ? nm->tmp : nm->alt;
		nm->path = NULL;
		if (staged)
			nm->stage = nm->tmp = NULL;
		else
			nm->alt = NULL;
	} else if (b->n == 0) {
		unlist(b);
	}
	pthread_mutex_unlock(&staging);
	free(old);
	errno = err;
	return fd;
}

int
emit_stage(struct emit_batch *b, const char *path, const void *data, size_t len,
           struct diag *d)
{
	struct staging_names nm;
	char *dir;
	int fd, err;

	if (strcmp(path, "-") == 0)
		return write_stdout(data, len, d);
	pthread_once(&exhaustion_once, on_exhaustion);
	dir = dir_of(path);
	nm.path = mem_strdup(path);
	nm.stage = mem_alloc(strlen(dir) + sizeof("/" STAGING));
	sprintf(nm.stage, "%s/" STAGING, dir);
	nm.tmp = temp_name(nm.stage, base_of(path));
	nm.alt = temp_name(dir, base_of(path));
	if (b->n == 0)
		hold_signals(&b->held);
	fd = stage_file(b, &nm);
	err = errno;
	free(nm.path), free(nm.stage), free(nm.tmp), free(nm.alt);
	if (fd < 0) {
		free(dir);
		if (b->n == 0)
			release_signals(&b->held);
		diag_report(d, RULE_IO, path, 0, 0, "cannot create a file beside it: %s",
		            strerror(err));
		return -1;
	}
	/* The killed runs' files, looked for once the new one is recorded, where it is:
	 * memory running out from here on leaves nothing behind. */
	remove_stale_temps(b->staged[b->n - 1].stage ? b->staged[b->n - 1].stage : dir,
	                   base_of(path));
	free(dir);
	err = 0;
	if (usual_mode(fd) != 0 || write_all(fd, data, len) != 0)
		err = errno;
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err != 0) {
		diag_report(d, RULE_IO, path, 0, 0, "cannot write: %s", strerror(err));
		return -1;
	}
	return 0;
}

/* Ends the batch: every staged file renamed into place (COMMIT) or removed. */
static int
batch_end(struct emit_batch *b, bool commit, struct diag *d)
{
	size_t i, failed = b->n;
	int err = 0, status;

	pthread_mutex_lock(&staging);
	for (i = 0; i < b->n; i++) {
		if (commit && failed == b->n && rename(b->staged[i].tmp, b->staged[i].path) != 0) {
			err = errno;
			failed = i;
		}
		unlink(b->staged[i].tmp);   /* gone already when renamed */
	}
	for (i = 0; i < b->n; i++)
		if (b->staged[i].stage != NULL)
			rmdir(b->staged[i].stage);   /* fails while it holds another's */
	if (b->n > 0)
		unlist(b);
	pthread_mutex_unlock(&staging);
	status = failed < b->n ? -1 : 0;
	if (status != 0)
		diag_report(d, RULE_IO, b->staged[failed].path, 0, 0, "cannot write: %s",
		            strerror(err));
	if (b->n > 0)
		release_signals(&b->held);
	for (i = 0; i < b->n; i++) {
		free(b->staged[i].path);
		free(b->staged[i].tmp);
		free(b->staged[i].stage);
	}
	free(b->staged);
	emit_batch_init(b);
	return status;
}

int
emit_commit(struct emit_batch *b, struct diag *d)
{
	return batch_end(b, true, d);
}

void
emit_abort(struct emit_batch *b)
{
	batch_end(b, false, NULL);
}

int
emit_file(const char *path, const void *data, size_t len, struct diag *d)
{
	struct emit_batch b;

	emit_batch_init(&b);
	if (emit_stage(&b, path, data, len, d) != 0) {
		emit_abort(&b);
		return -1;
	}
	return emit_commit(&b, d);
}

/* ---- The plan ---- */

/* A file of the plan: its device and inode when it exists, else (an output still to
 * be made) the real path of its directory and its name. */
struct emit_planned {
	bool output, exists;
	dev_t dev;
	ino_t ino;
	char *path;   /* as the user gave it, for messages */
	char *real;   /* not existing: real directory + "/" + name; else NULL */
};

static struct emit_planned *
plan_add(struct emit_plan *p, const char *path, bool output)
{
	struct emit_planned *f;

	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 16;
		p->files = mem_realloc_array(p->files, p->cap, sizeof(*p->files));
	}
	f = &p->files[p->n++];
	memset(f, 0, sizeof(*f));
	f->output = output;
	f->path = mem_strdup(path);
	return f;
}

/* PATH's directory made real, then its name: where a file not made yet will be (the
 * name as given when the directory does not resolve). Caller frees. */
static char *
real_name(const char *path)
{
	char *dir = dir_of(path), real[PATH_MAX], *out;

	if (realpath(dir, real) != NULL) {
		out = mem_alloc(strlen(real) + strlen(base_of(path)) + 2);
		sprintf(out, "%s/%s", real, base_of(path));
	} else if (errno == ENOMEM) {
		mem_exhausted();   /* a plan that took the name as given could miss a clash */
	} else {
		out = mem_strdup(path);   /* no such directory yet: the name as given */
	}
	free(dir);
	return out;
}

void
emit_plan_input(struct emit_plan *p, const char *path)
{
	struct stat st;
	struct emit_planned *f;

	if (strcmp(path, "-") == 0 || stat(path, &st) != 0)
		return;
	f = plan_add(p, path, false);
	f->exists = true;
	f->dev = st.st_dev;
	f->ino = st.st_ino;
}

void
emit_plan_inputs_in(struct emit_plan *p, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;

	if (d == NULL && errno == ENOMEM)
		mem_exhausted();   /* a plan that missed the stylesheets would not guard them */
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char *path = mem_alloc(strlen(dir) + strlen(e->d_name) + 2);

		sprintf(path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			emit_plan_input(p, path);
		free(path);
	}
	closedir(d);
}

/* Records PATH (the file of the output the user knows as NAMED) as an output. Returns
 * 0; or, when it is a file the run reads or an output already planned, reports that
 * to D against NAMED, naming both, and returns -1. */
static int
plan_output(struct emit_plan *p, const char *path, const char *named, struct diag *d)
{
	struct emit_planned *f;
	struct stat st;
	bool exists;
	char *real = NULL;
	size_t i;

	if (strcmp(path, "-") == 0)
		return 0;
	/* lstat: a link still there is one target_of chose not to follow; the rename
	 * replaces the link itself. */
	exists = lstat(path, &st) == 0;
	if (!exists)
		real = real_name(path);   /* never NULL */
	for (i = 0; i < p->n; i++) {
		const struct emit_planned *g = &p->files[i];
		bool same = exists ? g->exists && g->dev == st.st_dev && g->ino == st.st_ino :
		            real != NULL && g->real != NULL && strcmp(real, g->real) == 0;

		if (!same)
			continue;
		if (g->output)
			diag_report(d, RULE_IO, named, 0, 0, "%s the file of another output of this "
			            "run, %s; each output needs a file of its own",
			            strcmp(named, path) ? "leads to" : "is", g->path);
		else if (strcmp(named, path) != 0 && strcmp(path, g->path) != 0)
			diag_report(d, RULE_IO, named, 0, 0, "leads to %s, which is %s, an input "
			            "of this run; briefc never writes over what it reads: name another "
			            "output", path, g->path);
		else if (strcmp(named, path) != 0)
			diag_report(d, RULE_IO, named, 0, 0, "leads to %s, an input of this run; "
			            "briefc never writes over what it reads: name another output",
			            path);
		else
			diag_report(d, RULE_IO, named, 0, 0, "is %s, an input of this run; briefc "
			            "never writes over what it reads: name another output", g->path);
		free(real);
		return -1;
	}
	f = plan_add(p, path, true);
	f->exists = exists;
	f->dev = exists ? st.st_dev : 0;
	f->ino = exists ? st.st_ino : 0;
	f->real = real;
	return 0;
}

void
emit_plan_free(struct emit_plan *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->files[i].path);
		free(p->files[i].real);
	}
	free(p->files);
	memset(p, 0, sizeof(*p));
}

/* How many links target_of follows before it calls it a loop (as the kernel does). */
#define MAX_LINKS 40

/* The file an output named PATH is written to (see emit_plan_target). Caller frees;
 * NULL, reported to D, for a loop of links. */
static char *
target_of(const char *path, bool named, struct diag *d)
{
	char *cur = mem_strdup(path);
	struct stat st;
	int hops;

	if (!named || strcmp(path, "-") == 0)
		return cur;
	for (hops = 0; lstat(cur, &st) == 0 && S_ISLNK(st.st_mode); hops++) {
		char link[PATH_MAX], *next;
		ssize_t n;

		if (hops == MAX_LINKS || (n = readlink(cur, link, sizeof(link) - 1)) < 0) {
			diag_report(d, RULE_IO, path, 0, 0, "cannot follow the link: %s",
			            hops == MAX_LINKS ? strerror(ELOOP) : strerror(errno));
			free(cur);
			return NULL;
		}
		link[n] = '\0';
		if (link[0] == '/' || strchr(cur, '/') == NULL) {
			next = mem_strdup(link);
		} else {   /* relative to the link's own directory */
			char *dir = dir_of(cur);

			next = mem_alloc(strlen(dir) + strlen(link) + 2);
			sprintf(next, "%s/%s", dir, link);
			free(dir);
		}
		free(cur);
		cur = next;
	}
	return cur;
}

char *
emit_plan_target(struct emit_plan *p, const char *name, bool named, struct diag *d)
{
	char *path = target_of(name, named, d);

	if (path != NULL && plan_output(p, path, name, d) != 0) {
		free(path);
		path = NULL;
	}
	return path;
}
