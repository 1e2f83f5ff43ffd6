/* test_emit.c - outputs are written whole or not at all: exact bytes, replacement,
 * failures that leave the old file and no temporary file, the mode, "-", the staging
 * directory (made, removed once empty, not used unless briefc's), the temporary files
 * a killed briefc left there (read once a run), and memory running out on another
 * thread while a batch is staged. */
#include "unit.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "emit.h"
#include "mem.h"

static void
assert_file_is(const char *path, const void *data, size_t len)
{
	size_t got;
	char *buf = unit_slurp(path, &got);

	assert_int_equal(got, len);
	assert_memory_equal(buf, data, len);
	free(buf);
}

/* Asserts that DIR holds exactly the names in the NULL-terminated NAMES, so no
 * temporary ".NAME.briefc-PID-XXXXXX" was left behind. */
static void
assert_dir_holds(const char *dir, const char *const *names)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t want = 0, seen = 0, i;

	assert_non_null(d);
	while (names[want] != NULL)
		want++;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		for (i = 0; i < want && strcmp(names[i], e->d_name) != 0; i++)
			;
		if (i == want)
			fail_msg("unexpected entry \"%s\" in %s", e->d_name, dir);
		seen++;
	}
	closedir(d);
	assert_int_equal(seen, want);
}

static char *
join(const char *dir, const char *name)
{
	char *path = malloc(strlen(dir) + strlen(name) + 2);

	assert_non_null(path);
	sprintf(path, "%s/%s", dir, name);
	return path;
}

static void
test_writes_exact_bytes(void **state)
{
	static const char bytes[] = "a\0b\r\n\xff\xfe<é>";
	const size_t big = (size_t)3 << 20;
	const char *const names[] = {"small.bin", "big.bin", "empty.bin", NULL};
	char *dir = unit_tempdir();
	char *small = join(dir, "small.bin"), *large = join(dir, "big.bin");
	char *empty = join(dir, "empty.bin");
	char *data = malloc(big);
	struct unit_capture c;
	size_t i;

	(void)state;
	assert_non_null(data);
	for (i = 0; i < big; i++)
		data[i] = (char)(i * 7 + i / 251);
	unit_capture_init(&c);
	assert_int_equal(emit_file(small, bytes, sizeof(bytes) - 1, &c.d), 0);
	assert_int_equal(emit_file(large, data, big, &c.d), 0);
	assert_int_equal(emit_file(empty, "", 0, &c.d), 0);
	assert_file_is(small, bytes, sizeof(bytes) - 1);
	assert_file_is(large, data, big);
	assert_file_is(empty, "", 0);
	assert_dir_holds(dir, names);
	assert_string_equal(unit_capture_text(&c), "");
	assert_int_equal(diag_status(&c.d), EXIT_CLEAN);
	unit_capture_free(&c);
	free(data);
	free(small);
	free(large);
	free(empty);
	unit_rmtree(dir);
	free(dir);
}

static void
test_replaces_existing_file(void **state)
{
	const char *const names[] = {"out.html", NULL};
	char *dir = unit_tempdir();
	char *path = unit_write(dir, "out.html", "old contents, longer than the new", 33);
	struct unit_capture c;
	struct stat before, after;

	(void)state;
	assert_int_equal(stat(path, &before), 0);
	unit_capture_init(&c);
	assert_int_equal(emit_file(path, "new", 3, &c.d), 0);
	assert_file_is(path, "new", 3);
	/* Renamed into place: a new file, not the old one rewritten. */
	assert_int_equal(stat(path, &after), 0);
	assert_true(after.st_ino != before.st_ino);
	assert_dir_holds(dir, names);
	assert_string_equal(unit_capture_text(&c), "");
	unit_capture_free(&c);
	free(path);
	unit_rmtree(dir);
	free(dir);
}

static void
test_missing_directory(void **state)
{
	const char *const none[] = {NULL};
	char *dir = unit_tempdir();
	char path[512], want[1024];
	struct unit_capture c;

	(void)state;
	snprintf(path, sizeof(path), "%s/nope/out.html", dir);
	unit_capture_init(&c);
	assert_int_equal(emit_file(path, "x", 1, &c.d), -1);
	snprintf(want, sizeof(want), "%s: error: cannot create a file beside it: No such file "
	         "or directory [io]\n", path);
	assert_string_equal(unit_capture_text(&c), want);
	assert_int_equal(c.d.io_errors, 1);
	assert_int_equal(diag_status(&c.d), EXIT_USAGE);
	assert_dir_holds(dir, none);
	unit_capture_free(&c);
	unit_rmtree(dir);
	free(dir);
}

static void
test_read_only_directory_keeps_old_file(void **state)
{
	const char *const names[] = {"out.html", NULL};
	char *dir, *path, want[1024];
	struct unit_capture c;

	(void)state;
	if (geteuid() == 0)
		skip(); /* permissions do not stop root */
	dir = unit_tempdir();
	path = unit_write(dir, "out.html", "old", 3);
	assert_int_equal(chmod(dir, 0500), 0);
	unit_capture_init(&c);
	assert_int_equal(emit_file(path, "new", 3, &c.d), -1);
	assert_int_equal(chmod(dir, 0700), 0);
	snprintf(want, sizeof(want), "%s: error: cannot create a file beside it: Permission "
	         "denied [io]\n", path);
	assert_string_equal(unit_capture_text(&c), want);
	assert_int_equal(diag_status(&c.d), EXIT_USAGE);
	assert_file_is(path, "old", 3);
	assert_dir_holds(dir, names);
	unit_capture_free(&c);
	free(path);
	unit_rmtree(dir);
	free(dir);
}

/* A failure after the temporary file exists (here the rename, onto a directory, which
 * fails even for root) removes it and leaves the target as it was. */
static void
test_failed_rename_leaves_no_temporary(void **state)
{
	const char *const names[] = {"out.html", NULL};
	const char *const inside[] = {"keep.txt", NULL};
	char *dir = unit_tempdir();
	char *target = join(dir, "out.html");
	char *kept, want[1024];
	struct unit_capture c;

	(void)state;
	assert_int_equal(mkdir(target, 0700), 0);
	kept = unit_write(target, "keep.txt", "kept", 4);
	unit_capture_init(&c);
	assert_int_equal(emit_file(target, "new", 3, &c.d), -1);
	snprintf(want, sizeof(want), "%s: error: cannot write: %s [io]\n", target,
	         strerror(EISDIR));
	assert_string_equal(unit_capture_text(&c), want);
	assert_int_equal(diag_status(&c.d), EXIT_USAGE);
	assert_dir_holds(dir, names);
	assert_dir_holds(target, inside);
	assert_file_is(kept, "kept", 4);
	unit_capture_free(&c);
	free(kept);
	free(target);
	unit_rmtree(dir);
	free(dir);
}

static void
test_mode_follows_umask(void **state)
{
	static const mode_t masks[] = {022, 077, 002, 0};
	char *dir = unit_tempdir();
	char *path = join(dir, "out.html");
	struct unit_capture c;
	struct stat st;
	mode_t saved = umask(022);
	size_t i;

	(void)state;
	unit_capture_init(&c);
	for (i = 0; i < sizeof(masks) / sizeof(masks[0]); i++) {
		umask(masks[i]);
		assert_int_equal(emit_file(path, "x", 1, &c.d), 0);
		assert_int_equal(stat(path, &st), 0);
		assert_int_equal(st.st_mode & 07777, 0666 & ~masks[i]);
		/* emit_file leaves the umask as it found it. */
		assert_int_equal(umask(masks[i]), masks[i]);
	}
	umask(saved);
	assert_string_equal(unit_capture_text(&c), "");
	unit_capture_free(&c);
	free(path);
	unit_rmtree(dir);
	free(dir);
}

/* A path with no directory part is written in the working directory. */
static void
test_relative_path(void **state)
{
	const char *const names[] = {"plain.txt", NULL};
	char *dir = unit_tempdir();
	char cwd[4096], *path = join(dir, "plain.txt");
	struct unit_capture c;
	int ret;

	(void)state;
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(dir), 0);
	unit_capture_init(&c);
	ret = emit_file("plain.txt", "relative", 8, &c.d);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(ret, 0);
	assert_file_is(path, "relative", 8);
	assert_dir_holds(dir, names);
	assert_string_equal(unit_capture_text(&c), "");
	unit_capture_free(&c);
	free(path);
	unit_rmtree(dir);
	free(dir);
}

/* "-" is standard output. */
static void
test_dash_is_stdout(void **state)
{
	char *dir = unit_tempdir();
	char *path = join(dir, "stdout.txt");
	struct unit_capture c;
	int fd, saved, ret;

	(void)state;
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	assert_true(saved >= 0);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(dup2(fd, STDOUT_FILENO), STDOUT_FILENO);
	close(fd);
	unit_capture_init(&c);
	ret = emit_file("-", "to\0stdout\n", 10, &c.d);
	fflush(stdout);
	assert_int_equal(dup2(saved, STDOUT_FILENO), STDOUT_FILENO);
	close(saved);
	assert_int_equal(ret, 0);
	assert_file_is(path, "to\0stdout\n", 10);
	assert_string_equal(unit_capture_text(&c), "");
	assert_int_equal(access("-", F_OK), -1);
	unit_capture_free(&c);
	free(path);
	unit_rmtree(dir);
	free(dir);
}

/* A process gone: its id, for the names of temporary files a killed briefc left. */
static pid_t
gone_pid(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	return pid;
}

/* DIR's staging directory, made as briefc makes it. Caller frees. */
static char *
staging(const char *dir)
{
	char *stage = join(dir, ".briefc");

	if (mkdir(stage, 0700) != 0)
		assert_int_equal(errno, EEXIST);
	return stage;
}

/* Leaves in DIR's staging directory the temporary file a briefc of process PID left
 * of output NAME. */
static char *
leave_temp(const char *dir, const char *name, pid_t pid, const char *suffix)
{
	char temp[128], *stage = staging(dir), *left;

	snprintf(temp, sizeof(temp), ".%s.briefc-%ld-%s", name, (long)pid, suffix);
	left = unit_write(stage, temp, "half", 4);
	free(stage);
	return left;
}

/* A temporary file of the output left by a briefc killed mid-write (its process gone)
 * is removed by the next write of that output; one whose process lives (a briefc
 * writing it now), or of another output, stays, and so does the staging directory
 * that holds them. */
static void
test_stale_temporaries_removed(void **state)
{
	char *dir = unit_tempdir(), *stage = join(dir, ".briefc"), *path, *dead, *live;
	char *other;
	const char *const names[] = {"out.html", ".briefc", NULL};
	const char *staged[3];
	struct unit_capture c;
	pid_t gone = gone_pid();

	(void)state;
	dead = leave_temp(dir, "out.html", gone, "a1b2c3");
	live = leave_temp(dir, "out.html", getppid(), "d4e5f6");
	other = leave_temp(dir, "out.txt", gone, "a1b2c3");
	path = unit_write(dir, "out.html", "old", 3);
	unit_capture_init(&c);
	assert_int_equal(emit_file(path, "new", 3, &c.d), 0);
	assert_int_equal(access(dead, F_OK), -1);
	assert_int_equal(access(live, F_OK), 0);
	assert_int_equal(access(other, F_OK), 0);
	assert_dir_holds(dir, names);
	staged[0] = strrchr(live, '/') + 1;
	staged[1] = strrchr(other, '/') + 1;
	staged[2] = NULL;
	assert_dir_holds(stage, staged);
	unit_capture_free(&c);
	free(path), free(dead), free(live), free(other), free(stage);
	unit_rmtree(dir);
	free(dir);
}

/* The staging directory is made for the temporary files and removed once they are
 * renamed: the output directory holds the outputs alone, and is never read, however
 * many files it holds. */
static void
test_staging_directory_removed(void **state)
{
	const char *const names[] = {"a.html", "a.txt", NULL};
	char *dir = unit_tempdir(), *html = join(dir, "a.html"), *text = join(dir, "a.txt");
	struct unit_capture c;
	struct emit_batch b;

	(void)state;
	unit_capture_init(&c);
	emit_batch_init(&b);
	assert_int_equal(emit_stage(&b, html, "<p>", 3, &c.d), 0);
	assert_int_equal(emit_stage(&b, text, "p", 1, &c.d), 0);
	assert_int_equal(access(html, F_OK), -1);
	assert_int_equal(emit_commit(&b, &c.d), 0);
	assert_file_is(html, "<p>", 3);
	assert_file_is(text, "p", 1);
	assert_dir_holds(dir, names);
	assert_string_equal(unit_capture_text(&c), "");
	unit_capture_free(&c);
	free(html), free(text);
	unit_rmtree(dir);
	free(dir);
}

/* A ".briefc" that is not a directory of this user's that no one else may write in (a
 * file, a link to another directory, a directory open to the group) is left as it is:
 * the temporary file goes beside the output, and what such a directory holds, even
 * what looks like a killed run's file of that output, stays. */
static void
test_staging_directory_not_ours_is_not_used(void **state)
{
	const char *const names[] = {"out.html", ".briefc", NULL};
	char *dir, *elsewhere = unit_tempdir(), *path, *stage, bait[96];
	const char *const baits[] = {bait, NULL};
	struct unit_capture c;
	int kind;

	(void)state;
	snprintf(bait, sizeof(bait), ".out.html.briefc-%ld-a1b2c3", (long)gone_pid());
	free(unit_write(elsewhere, bait, "half", 4));
	unit_capture_init(&c);
	for (kind = 0; kind < 3; kind++) {
		dir = unit_tempdir();
		path = join(dir, "out.html");
		stage = join(dir, ".briefc");
		if (kind == 0)
			free(unit_write(dir, ".briefc", "mine", 4));
		else if (kind == 1)
			assert_int_equal(symlink(elsewhere, stage), 0);
		else
			assert_int_equal(mkdir(stage, 0700) == 0 && chmod(stage, 0770) == 0, 1);
		if (kind == 2)
			free(unit_write(stage, bait, "half", 4));
		assert_int_equal(emit_file(path, "new", 3, &c.d), 0);
		assert_file_is(path, "new", 3);
		assert_dir_holds(dir, names);
		if (kind == 0)
			assert_file_is(stage, "mine", 4);
		else
			assert_dir_holds(kind == 1 ? elsewhere : stage, baits);
		free(path), free(stage);
		unit_rmtree(dir);
		free(dir);
	}
	assert_string_equal(unit_capture_text(&c), "");
	unit_capture_free(&c);
	unit_rmtree(elsewhere);
	free(elsewhere);
}

/* A run reads an output directory once, at its first write there: the dead run's
 * files of every output written later are removed too, each when its output is
 * written; one left after that first read is the next run's to remove. */
static void
test_directory_read_once_a_run(void **state)
{
	char *dir = unit_tempdir(), *a, *b, *c, *stale_a, *stale_b, *late, *stage;
	const char *const names[] = {"a.html", "b.html", "c.html", ".briefc", NULL};
	const char *with_late[2];
	struct unit_capture cap;
	pid_t pid = gone_pid();

	(void)state;
	a = unit_write(dir, "a.html", "old", 3);
	b = unit_write(dir, "b.html", "old", 3);
	c = unit_write(dir, "c.html", "old", 3);
	stale_a = leave_temp(dir, "a.html", pid, "a1b2c3");
	stale_b = leave_temp(dir, "b.html", pid, "d4e5f6");
	unit_capture_init(&cap);
	assert_int_equal(emit_file(a, "new", 3, &cap.d), 0);
	assert_int_equal(access(stale_a, F_OK), -1);
	assert_int_equal(access(stale_b, F_OK), 0);   /* b.html is not written yet */
	late = leave_temp(dir, "c.html", pid, "g7h8i9");
	assert_int_equal(emit_file(b, "new", 3, &cap.d), 0);
	assert_int_equal(access(stale_b, F_OK), -1);
	assert_int_equal(emit_file(c, "new", 3, &cap.d), 0);
	assert_dir_holds(dir, names);
	with_late[0] = strrchr(late, '/') + 1;
	with_late[1] = NULL;
	stage = join(dir, ".briefc");
	assert_dir_holds(stage, with_late);
	free(stage);
	assert_string_equal(unit_capture_text(&cap), "");
	unit_capture_free(&cap);
	free(a), free(b), free(c), free(stale_a), free(stale_b), free(late);
	unit_rmtree(dir);
	free(dir);
}

/* Another thread's batch: the output ARG staged, then memory running out. */
static void *
stage_and_run_out(void *arg)
{
	struct unit_capture c;
	struct emit_batch b;

	unit_capture_init(&c);
	emit_batch_init(&b);
	if (emit_stage(&b, arg, "new", 3, &c.d) != 0)
		_exit(3);
	mem_exhausted();
}

/* Memory running out on one thread while two have a batch staged: briefc ends with
 * status 2, every batch's temporary files removed, the outputs as they were. */
static void
test_memory_out_with_two_batches(void **state)
{
	const char *const names[] = {"a.html", "a.txt", NULL};
	char *dir = unit_tempdir(), *html = join(dir, "a.html"), *text = join(dir, "a.txt");
	pid_t child;
	int status;

	(void)state;
	free(unit_write(dir, "a.html", "old", 3));
	free(unit_write(dir, "a.txt", "old", 3));
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		struct unit_capture c;
		struct emit_batch b;
		pthread_t t;
		int null = open("/dev/null", O_WRONLY);

		if (null < 0 || dup2(null, STDERR_FILENO) < 0)
			_exit(3);
		unit_capture_init(&c);
		emit_batch_init(&b);
		if (emit_stage(&b, html, "new", 3, &c.d) != 0 ||
		    pthread_create(&t, NULL, stage_and_run_out, text) != 0)
			_exit(3);
		pthread_join(t, NULL);
		_exit(4);   /* mem_exhausted never returns */
	}
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 2);
	assert_dir_holds(dir, names);
	assert_file_is(html, "old", 3);
	assert_file_is(text, "old", 3);
	free(html), free(text);
	unit_rmtree(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writes_exact_bytes),
		cmocka_unit_test(test_replaces_existing_file),
		cmocka_unit_test(test_missing_directory),
		cmocka_unit_test(test_read_only_directory_keeps_old_file),
		cmocka_unit_test(test_failed_rename_leaves_no_temporary),
		cmocka_unit_test(test_mode_follows_umask),
		cmocka_unit_test(test_relative_path),
		cmocka_unit_test(test_dash_is_stdout),
		cmocka_unit_test(test_stale_temporaries_removed),
		cmocka_unit_test(test_staging_directory_removed),
		cmocka_unit_test(test_staging_directory_not_ours_is_not_used),
		cmocka_unit_test(test_directory_read_once_a_run),
		cmocka_unit_test(test_memory_out_with_two_batches),
	};

	return cmocka_run_group_tests(tests, NULL, unit_teardown);
}
