/* emit.c - emitting: temporary file, full write, fsync, rename. */
#include "emit.h"

#include <errno.h>
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

int
emit_file(const char *path, const void *data, size_t len, struct diag *d)
{
	char *tmp;
	int fd, err = 0;

	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			diag_report(d, RULE_IO, "<stdout>", 0, 0, "cannot write: %s",
			            strerror(errno));
			return -1;
		}
		return 0;
	}
	tmp = temp_name(path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		diag_report(d, RULE_IO, path, 0, 0, "cannot create a file beside it: %s",
		            strerror(errno));
		free(tmp);
		return -1;
	}
	if (usual_mode(fd) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err == 0 && rename(tmp, path) != 0)
		err = errno;
	if (err != 0) {
		unlink(tmp);
		diag_report(d, RULE_IO, path, 0, 0, "cannot write: %s", strerror(err));
	}
	free(tmp);
	return err ? -1 : 0;
}
