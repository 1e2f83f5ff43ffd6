/* emit.c - emitting: temporary file, full write, rename. */
#include "emit.h"

#include <errno.h>
#include <signal.h>
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

/* "dir/.name.XXXXXX" for mkstemp, in the directory of PATH. */
static char *
temp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	const char *base = path + dirlen;
	char *tmp = mem_alloc(strlen(path) + 16);

	memcpy(tmp, path, dirlen);
	sprintf(tmp + dirlen, ".%s.XXXXXX", base);
	return tmp;
}

/* mkstemp makes 0600 files; outputs get the usual 0666 less the umask. */
static int
usual_mode(int fd)
{
	mode_t mask = umask(022);

	umask(mask);
	return fchmod(fd, 0666 & ~mask);
}

/* While the temporary file exists, the signals that end a process by default (but
 * SIGKILL) wait, so that no interruption leaves it behind: a signal that comes during
 * the write ends the process once the file is renamed or removed. SIGXFSZ is ignored
 * instead, so that writing past the file size limit (ulimit -f) fails with EFBIG,
 * reported, rather than killing briefc midway. */
struct held_signals {
	sigset_t mask;
	struct sigaction xfsz;
};

static void
hold_signals(struct held_signals *h)
{
	static const int fatal[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGALRM, SIGUSR1,
	                            SIGUSR2, SIGVTALRM, SIGPROF};
	struct sigaction ignore;
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		sigaddset(&set, fatal[i]);
	sigprocmask(SIG_BLOCK, &set, &h->mask);
	memset(&ignore, 0, sizeof(ignore));
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGXFSZ, &ignore, &h->xfsz);
}

static void
release_signals(const struct held_signals *h)
{
	sigaction(SIGXFSZ, &h->xfsz, NULL);
	sigprocmask(SIG_SETMASK, &h->mask, NULL);
}

int
emit_file(const char *path, const void *data, size_t len, struct diag *d)
{
	struct held_signals held;
	char *tmp;
	int fd, err = 0;

	if (strcmp(path, "-") == 0) {
		/* Standard output may be a pipe that waits for its reader: nothing is held
		 * but SIGXFSZ, so that an interrupt still ends briefc there. */
		struct sigaction ignore, xfsz;

		memset(&ignore, 0, sizeof(ignore));
		ignore.sa_handler = SIG_IGN;
		sigemptyset(&ignore.sa_mask);
		sigaction(SIGXFSZ, &ignore, &xfsz);
		errno = 0;
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
			err = errno ? errno : EIO;
		sigaction(SIGXFSZ, &xfsz, NULL);
		if (err != 0) {
			diag_report(d, RULE_IO, "<stdout>", 0, 0, "cannot write: %s",
			            strerror(err));
			return -1;
		}
		return 0;
	}
	tmp = temp_name(path);
	hold_signals(&held);
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = errno;
		release_signals(&held);
		diag_report(d, RULE_IO, path, 0, 0, "cannot create a file beside it: %s",
		            strerror(err));
		free(tmp);
		return -1;
	}
	if (usual_mode(fd) != 0 || write_all(fd, data, len) != 0)
		err = errno;
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err == 0 && rename(tmp, path) != 0)
		err = errno;
	if (err != 0)
		unlink(tmp);
	release_signals(&held);
	if (err != 0)
		diag_report(d, RULE_IO, path, 0, 0, "cannot write: %s", strerror(err));
	free(tmp);
	return err ? -1 : 0;
}
