/* cli.c - the command line and the pipeline it drives. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxslt/xslt.h>

#include "archive.h"
#include "baseline.h"
#include "depfile.h"
#include "diag.h"
#include "emit.h"
#include "housestyle.h"
#include "import.h"
#include "jobs.h"
#include "lint.h"
#include "media.h"
#include "mem.h"
#include "render.h"
#include "report.h"
#include "resolve.h"
#include "source.h"
#include "transform.h"
#include "validate.h"

#ifndef BRIEFC_VERSION
#define BRIEFC_VERSION "unknown"
#endif

#define MAX_PARAMS 64

/* The most workers -j takes: each compiles the schema and stylesheets of its own. */
#define MAX_JOBS 256
#define JOBS_MAX_TEXT "256"

/* Options of one invocation: the whole state of a run, nothing at file scope. */
struct options {
	const char *output;         /* -o; NULL: derived from the input's name */
	const char *output_dir;     /* -d; NULL: the current directory */
	const char *xsl_dir;        /* --xsl-dir; NULL: transform_default_dir() */
	bool formats[RENDER__COUNT]; /* --to: which to write */
	size_t nformats;
	const char *params[2 * MAX_PARAMS + 1]; /* --param: name, value, ..., NULL */
	size_t nparams;
	enum report_format report;
	bool partial;               /* cites --partial: write despite citation errors */
	unsigned jobs;              /* -j: build's workers (no more are used than briefs) */
	const char *depfile;        /* build -M: the make/ninja depfile to write */
	bool index;                 /* build --index: index.html and works.json in -d */
	const char *style;          /* --style: a CSL file or name; NULL: briefc's own */
	const char *citations;      /* --param citations: as-written|chicago; NULL: the
	                               style's notes if --style, else as written */
	const char *locale;         /* --locale: the CSL locale; NULL: the brief's */
};

enum {
	OPT_VERSION = 256, OPT_XSL_DIR, OPT_FORMAT, OPT_PARAM, OPT_WERROR, OPT_BASELINE,
	OPT_WRITE_BASELINE, OPT_LIST_RULES, OPT_FROM, OPT_LANG, OPT_PARTIAL, OPT_FIX,
	OPT_NO_BACKUP, OPT_INDEX, OPT_ARCHIVE, OPT_STYLE, OPT_LOCALE
};

static const char usage_main[] =
	"usage: briefc [--help] [--version] COMMAND [ARGS]\n"
	"\n"
	"Commands:\n"
	"  check FILE...                    validate briefs and resolve their citations\n"
	"  build --to html,epub,text FILE...  compile briefs\n"
	"  cites [--format F] [-o OUT] FILE...  list every citation and the work it cites\n"
	"  import [-o OUT] MANUSCRIPT       make a brief of a text, Markdown or docx file\n"
	"\n"
	"Run 'briefc COMMAND --help' for a command's options; 'man briefc' for more.\n";

static const char usage_check[] =
	"usage: briefc check [--help] [--version] [--format gcc|json|sarif|github]\n"
	"                    [-W RULE=error|warning|style|off]... [-W error | --werror]\n"
	"                    [--quiet] [--baseline FILE | --write-baseline FILE]\n"
	"                    [--fix [--no-backup]] [--archive] [--style STYLE\n"
	"                    [--locale LOCALE]] [-j N] FILE...\n"
	"       briefc check --list-rules\n"
	"\n"
	"Parse and validate each FILE and resolve its citations to the works they cite;\n"
	"report every problem, in the order the files are given.\n"
	"  --format gcc       FILE:LINE:COL: severity: message [rule] on standard error\n"
	"                     (the default; colour on a terminal unless NO_COLOR is set)\n"
	"  --format json      one JSON document on standard output\n"
	"  --format sarif     SARIF 2.1.0 on standard output, for code scanning\n"
	"  --format github    GitHub Actions workflow commands on standard output\n"
	"  -W RULE=LEVEL      raise, lower or silence (off) one rule\n"
	"  -W error, --werror warnings count as errors\n"
	"  --quiet            print only the summary (gcc, github)\n"
	"  --baseline FILE    accept the findings recorded in FILE; report only others,\n"
	"                     and entries that match nothing any more\n"
	"  --write-baseline FILE\n"
	"                     record every finding in FILE and exit 0\n"
	"  --list-rules       every rule, its severity and why it exists\n"
	"  --fix              mend the notes' punctuation slips (note-style: \".\u201d.\", \"?.\",\n"
	"                     two spaces) in each FILE, kept as it was in FILE.orig\n"
	"  --no-backup        with --fix: keep no FILE.orig\n"
	"  --archive          also compare the FILEs with each other: a work two of them\n"
	"                     describe two ways (conflicting-fields, pointing at both)\n"
	"  --style STYLE      also check the CSL style build --style would use\n"
	"  --locale LOCALE    ...and its locale (see briefc build --help)\n"
	"  -j, --jobs N       check N briefs at once (default: one per core); the report\n"
	"                     is the same, in the order the files are given\n"
	"On a terminal, a line counts the briefs checked (not with --quiet).\n"
	"Exit status: 0 clean, 1 errors (or warnings with --werror), 2 usage or I/O error.\n";

static const char usage_cites[] =
	"usage: briefc cites [--help] [--version] [--format tsv|json|csl-json] [--partial]\n"
	"                    [-o OUT] FILE...\n"
	"\n"
	"  --format tsv      one row per citation: note, form, work, locator (default)\n"
	"  --format json     the citations and the works they resolve to, with fields\n"
	"  --format csl-json the works as CSL-JSON items (pandoc --citeproc, Zotero)\n"
	"  -o, --output OUT  write to OUT instead of standard output\n"
	"\n"
	"  --partial         write the report even when citations have errors (those\n"
	"                    that resolve to nothing show no work); exit status 1 all the same\n"
	"\n"
	"Each brief is validated and resolved first; a brief with errors writes nothing.\n"
	"With several FILEs ('-': standard input), the tsv has a first column, file, and\n"
	"the json is an array of each brief's document.\n"
	"Exit status: 0 written, 1 a brief has errors, 2 usage or I/O error.\n";

static const char usage_build[] =
	"usage: briefc build [--help] [--version] [--to FORMAT[,FORMAT...]] [-o OUT | -d DIR]\n"
	"                    [--param NAME=VALUE]... [--style STYLE [--locale LOCALE]]\n"
	"                    [-M DEPFILE] [--index] [--xsl-dir DIR] [-j N] FILE...\n"
	"\n"
	"  --to FORMATS       html (default), epub, text, or several: --to html,epub,text\n"
	"  -o, --output OUT   the output file, for one format; '-' for standard output\n"
	"  -d, --output-dir D where outputs go, named FILE's name plus .html, .epub, .txt\n"
	"                     (default: the current directory; made if missing)\n"
	"  --param NAME=VALUE a parameter, such as notes=footnotes|endnotes or\n"
	"                     citations=as-written|chicago (the notes' citations written\n"
	"                     again through the style; the default with --style); may\n"
	"                     be repeated\n"
	"  --style STYLE      notes and bibliography in a CSL style: a FILE.csl, or a\n"
	"                     NAME in /usr/share/citation-style-language/styles (apa,\n"
	"                     chicago-author-date, modern-language-association, ...);\n"
	"                     default: chicago-fullnote-bibliography-with-ibid\n"
	"  --locale LOCALE    the style's terms and dates in LOCALE (such as es-ES)\n"
	"                     instead of the brief's xml:lang\n"
	"  -M, --depfile DEP  write a make/ninja depfile: each brief's outputs, then the\n"
	"                     brief, the stylesheets and the images they are made from\n"
	"  --index            with -d: also write DIR/index.html, every brief's title,\n"
	"                     authors, date and abstract, and DIR/works.json, the works\n"
	"                     they cite as one CSL-JSON\n"
	"  --xsl-dir DIR      take the stylesheets from DIR\n"
	"  -j, --jobs N       build N briefs at once (default: one per core); outputs are\n"
	"                     written and messages printed in the order of the FILEs,\n"
	"                     each as a run of its own would make them\n"
	"\n"
	"FILE '-' is standard input (then name the output with -o). Each brief is\n"
	"validated and resolved first; a brief with errors writes nothing, and the others\n"
	"are built all the same. No output may be an input or another output. On a\n"
	"terminal, a line counts the briefs built.\n"
	"Times recorded in outputs come from SOURCE_DATE_EPOCH, else the brief's pubdate,\n"
	"else 1980-01-01T00:00:00Z, so every build of a brief is byte-identical.\n"
	"Exit status: 0 built, 1 the brief has errors, 2 usage or I/O error.\n";

static const char usage_import[] =
	"usage: briefc import [--help] [--version] [--from txt|md|docx] [--lang LANG]\n"
	"                     [-o OUT] [--xsl-dir DIR] MANUSCRIPT\n"
	"\n"
	"Make a brief of a manuscript whose notes are typed by hand: plain text with [n]\n"
	"markers and a notes list at the end, Markdown with [^n] footnotes, or a Word\n"
	"document with footnotes. Every note is read for its citations (authors, title,\n"
	"container, publication details, pages; Ibid. and short forms), which are marked\n"
	"up; a note the parser is unsure of gets a citation-unsure warning at its line.\n"
	"The brief is then checked as 'briefc check' would.\n"
	"  --from FORMAT      txt, md or docx (default: from MANUSCRIPT's extension)\n"
	"  --lang LANG        the brief's xml:lang when the manuscript does not say (en)\n"
	"  -o, --output OUT   the brief (default: MANUSCRIPT's name with .xml, in the\n"
	"                     current directory); '-' for standard output\n"
	"  --xsl-dir DIR      take the stylesheets (docx) from DIR\n"
	"Exit status: 0 written, 1 the brief has errors (it is written all the same, to be\n"
	"mended), 2 usage or I/O error, or a manuscript that cannot be read.\n";

/* A usage error: one line saying what is wrong, one saying where the help is (the
 * whole help would bury the line). COMMAND is NULL for briefc itself. */
static int
usage_error(const char *command, const char *fmt, const char *arg)
{
	fputs("briefc: ", stderr);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'briefc%s%s --help'.\n", command ? " " : "",
	        command ? command : "");
	return EXIT_USAGE;
}

/* The option getopt_long stopped at (C is what it returned: ':' for a missing value),
 * as a usage error. getopt's own message is off (opterr): this one says it. */
static int
bad_option(const char *command, int c, char **argv)
{
	const char *arg = argv[optind - 1];
	char line[256];

	if (strncmp(arg, "--", 2) == 0)   /* a long option, without any "=value" */
		snprintf(line, sizeof(line), "%s: %s '%.*s'%s", command,
		         c == ':' ? "option" : "unknown option", (int)strcspn(arg, "="), arg,
		         c == ':' ? " needs a value" : "");
	else
		snprintf(line, sizeof(line), "%s: %s '-%c'%s", command,
		         c == ':' ? "option" : "unknown option", optopt,
		         c == ':' ? " needs a value" : "");
	return usage_error(command, "%s", line);
}

static int
print_version(void)
{
	printf("briefc %s (libxml2 %s, libxslt %s)\n", BRIEFC_VERSION, xmlParserVersion,
	       xsltEngineVersion);
	return EXIT_CLEAN;
}

/* -j N: N workers, from 1 to MAX_JOBS, into *JOBS. Returns 0, or -1. */
static int
parse_jobs(const char *arg, unsigned *jobs)
{
	unsigned long n;
	char *end;

	errno = 0;
	n = strtoul(arg, &end, 10);
	if (*arg < '0' || *arg > '9' || *end != '\0' || errno != 0 || n < 1 || n > MAX_JOBS)
		return -1;
	*jobs = (unsigned)n;
	return 0;
}

/* The workers when -j is not given: one per online core. */
static unsigned
default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (unsigned)n;
}

/* How many workers a run of NFILES briefs takes with -j JOBS: no more than briefs. */
static size_t
workers_for(unsigned jobs, int nfiles)
{
	return jobs < (unsigned)nfiles ? jobs : (size_t)nfiles;
}

/* Where a run of NFILES briefs shows how far it is: standard error on a terminal, for
 * more than one brief, unless QUIET. */
static FILE *
progress_to(int nfiles, bool quiet)
{
	return nfiles > 1 && !quiet && isatty(fileno(stderr)) ? stderr : NULL;
}

/* Loads, validates, resolves, collects the images of and (LINT) lints one brief: the
 * front of every pipeline. Returns its status and leaves SRC loaded and, when the
 * brief is valid, *MODEL resolved (caller frees with cite_model_free; NULL otherwise)
 * and MEDIA (empty before; caller frees with media_free) holding its images. */
static enum diag_exit
check_brief(struct validator *v, struct source *src, const char *path,
            struct cite_model **model, struct media_set *media, bool lint, struct diag *d)
{
	unsigned before = d->errors;

	*model = NULL;
	switch (source_load(src, path, SOURCE_MAX_BYTES, d)) {
	case SOURCE_UNREADABLE:
		return EXIT_USAGE;
	case SOURCE_MALFORMED:
		return EXIT_INPUT;
	case SOURCE_OK:
		break;
	}
	if (validate_source(v, src, d) == 0) {
		*model = resolve_source(src, d);
		media_collect(src, media, d);
	}
	if (lint) {
		lint_notes(src, d, NULL);
		if (*model != NULL)
			lint_short_forms(src, *model, d);
	}
	return d->errors > before ? EXIT_INPUT : EXIT_CLEAN;
}

/* The front of build, cites and import: the note lint is check's alone (a brief's
 * punctuation is the writer's, and every build would repeat it). */
static enum diag_exit
check_one(struct validator *v, struct source *src, const char *path,
          struct cite_model **model, struct media_set *media, struct diag *d)
{
	return check_brief(v, src, path, model, media, false, d);
}

/* Is one of the N FILES "-", standard input? */
static bool
reads_stdin(int n, char *const *files)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(files[i], "-") == 0)
			return true;
	return false;
}

/* check --fix: mend the notes' punctuation slips in place, the brief as it was kept
 * beside it as FILE.orig unless --no-backup. */
struct fixing {
	bool on, backup;
};

/* Mends SRC's N punctuation slips in its file: FILE.orig gets the bytes as they were
 * (unless FIX says no) and FILE the FIXED ones (lint_notes), both written or neither.
 * Says what it did on standard error. Returns 0, or -1 reported to D. */
static int
mend(const struct source *src, const struct buf *fixed, size_t n, const struct fixing *fix,
     struct diag *d)
{
	char *orig = NULL;
	int status = 0;
	struct emit_batch batch;

	emit_batch_init(&batch);
	if (fix->backup) {
		orig = mem_alloc(strlen(src->path) + 6);
		sprintf(orig, "%s.orig", src->path);
		status = emit_stage(&batch, orig, src->text, src->len, d);
	}
	if (status == 0)
		status = emit_stage(&batch, src->path, fixed->data, fixed->len, d);
	/* Both files, or neither. */
	if (status != 0)
		emit_abort(&batch);
	else
		status = emit_commit(&batch, d);
	if (status == 0)
		fprintf(stderr, "briefc: %s: %zu punctuation slip%s mended%s%s%s\n", src->path, n,
		        n == 1 ? "" : "s", orig ? " (as it was: " : "", orig ? orig : "",
		        orig ? ")" : "");
	free(orig);
	return status;
}

/* Applies "-W ARG" to D: "error" (as --werror) or RULE=LEVEL. Returns 0, or -1. */
static int
set_level(struct diag *d, const char *arg)
{
	const char *eq = strchr(arg, '=');
	enum diag_severity sev;
	enum diag_rule rule;
	char id[64];

	if (strcmp(arg, "error") == 0) {
		d->werror = true;
		return 0;
	}
	if (eq == NULL || (size_t)(eq - arg) >= sizeof(id))
		return -1;
	memcpy(id, arg, (size_t)(eq - arg));
	id[eq - arg] = '\0';
	if (diag_rule_by_id(id, &rule) != 0 || diag_severity_by_name(eq + 1, &sev) != 0)
		return -1;
	d->level[rule] = sev;
	return 0;
}

/* The options of check, into D (which must be initialised); *BASELINE and *RECORD get
 * the baseline files, O the workers and the CSL style and locale, *ARCHIVE --archive.
 * Returns -1 to go on, else the status to exit with. */
static int
check_options(int argc, char **argv, struct diag *d, const char **baseline,
              const char **record, struct fixing *fix, struct options *o, bool *archive)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"werror", no_argument, NULL, OPT_WERROR},
		{"quiet", no_argument, NULL, 'q'},
		{"baseline", required_argument, NULL, OPT_BASELINE},
		{"write-baseline", required_argument, NULL, OPT_WRITE_BASELINE},
		{"list-rules", no_argument, NULL, OPT_LIST_RULES},
		{"fix", no_argument, NULL, OPT_FIX},
		{"no-backup", no_argument, NULL, OPT_NO_BACKUP},
		{"archive", no_argument, NULL, OPT_ARCHIVE},
		{"style", required_argument, NULL, OPT_STYLE},
		{"locale", required_argument, NULL, OPT_LOCALE},
		{"jobs", required_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	int c;

	while ((c = getopt_long(argc, argv, ":hqW:j:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage_check, stdout);
			return EXIT_CLEAN;
		case OPT_VERSION:
			return print_version();
		case OPT_LIST_RULES:
			diag_list_rules(stdout);
			return EXIT_CLEAN;
		case OPT_FORMAT:
			if (diag_format_by_name(optarg, &d->format) != 0)
				return usage_error("check", "check: unknown format '%s' (gcc, "
				                   "json, sarif or github)", optarg);
			break;
		case 'W':
			if (set_level(d, optarg) != 0)
				return usage_error("check", "check: -W wants 'error' or "
				                   "RULE=error|warning|style|off, not '%s' (see "
				                   "--list-rules)", optarg);
			break;
		case OPT_WERROR:
			d->werror = true;
			break;
		case 'q':
			d->quiet = true;
			break;
		case OPT_BASELINE:
			*baseline = optarg;
			break;
		case OPT_WRITE_BASELINE:
			*record = optarg;
			break;
		case OPT_FIX:
			fix->on = true;
			break;
		case OPT_NO_BACKUP:
			fix->backup = false;
			break;
		case OPT_ARCHIVE:
			*archive = true;
			break;
		case OPT_STYLE:
			o->style = optarg;
			break;
		case OPT_LOCALE:
			o->locale = optarg;
			break;
		case 'j':
			if (parse_jobs(optarg, &o->jobs) != 0)
				return usage_error("check", "check: -j wants a number of jobs from 1 "
				                   "to " JOBS_MAX_TEXT ", not '%s'", optarg);
			break;
		default:
			return bad_option("check", c, argv);
		}
	}
	if (optind >= argc)
		return usage_error("check", "%s", "check: no FILE given");
	if (*baseline != NULL && *record != NULL)
		return usage_error("check", "%s", "check: --baseline and --write-baseline "
		                   "exclude each other");
	if (fix->on && reads_stdin(argc - optind, argv + optind))
		return usage_error("check", "%s", "check: --fix mends files; standard input "
		                   "('-') has none to write back");
	return -1;
}

/* Where and how findings are printed: gcc on standard error, coloured on a terminal
 * unless NO_COLOR is set (https://no-color.org); the rest on standard output. */
static void
choose_output(struct diag *d)
{
	const char *no_color = getenv("NO_COLOR");

	d->out = d->format == DIAG_GCC ? stderr : stdout;
	d->color = d->format == DIAG_GCC && isatty(fileno(stderr)) &&
	           (no_color == NULL || *no_color == '\0');
}

/* The file --write-baseline RECORD is written to (a link there followed): never one
 * of the NFILES briefs checked. Caller frees; NULL, reported to D. */
static char *
record_plan(const char *record, char *const *files, int nfiles, struct diag *d)
{
	struct emit_plan plan = {0};
	char *target;
	int i;

	for (i = 0; i < nfiles; i++)
		emit_plan_input(&plan, files[i]);
	target = emit_plan_target(&plan, record, true, d);
	emit_plan_free(&plan);
	return target;
}

/* One brief of a check, as its worker leaves it for the main thread. */
struct checked {
	struct diag said;           /* its findings, held */
	struct archive_entry *entry; /* check --archive: its works; NULL: none */
	struct source src;          /* with slips to mend: the brief as read; else freed */
	struct buf fixed;           /* ...and as mended */
	size_t slips;
};

/* A check of many briefs: the workers check them (and find what --fix mends); the
 * main thread mends each and prints its findings, in input order. */
struct check_run {
	char *const *files;
	const struct fixing *fix;
	struct checked *briefs;     /* each brief's, from its worker to the main thread */
	struct diag *d;
	int fix_status;             /* EXIT_USAGE once a mended file cannot be written */
	struct archive *archive;    /* check --archive; NULL: none */
};

/* Item I of the check run CTX, with WORKER's validator. */
static void
check_work(void *ctx, void *worker, size_t i)
{
	struct check_run *r = ctx;
	struct checked *c = &r->briefs[i];
	struct media_set media = {0};
	struct cite_model *model;

	diag_init_apart(&c->said, r->d);
	check_brief(worker, &c->src, r->files[i], &model, &media, !r->fix->on, &c->said);
	if (r->fix->on && c->src.doc != NULL)
		c->slips = lint_notes(&c->src, &c->said, &c->fixed);
	if (r->archive != NULL && model != NULL)
		c->entry = archive_entry_new(&c->src, NULL, &model);
	cite_model_free(model);
	media_free(&media);
	if (c->slips == 0)
		source_free(&c->src);
}

static void
check_done(void *ctx, size_t i)
{
	struct check_run *r = ctx;
	struct checked *c = &r->briefs[i];

	diag_take(r->d, &c->said);
	diag_free(&c->said);
	if (c->entry != NULL)
		archive_add(r->archive, c->entry);
	if (c->slips > 0 && mend(&c->src, &c->fixed, c->slips, r->fix, r->d) != 0)
		r->fix_status = EXIT_USAGE;
	buf_free(&c->fixed);
	source_free(&c->src);
	diag_flush(r->d);
}

/* Ends V with the run, which ends with the process: its schema (and a run's
 * stylesheets) are left to the exit, which returns them at once, unless a leak
 * checker looks (MEM_FREE_AT_EXIT). */
static void
end_validator(struct validator *v)
{
	if (MEM_FREE_AT_EXIT)
		validate_free(v);
	else
		validate_wait(v);
}

/* Checks the NFILES FILES (mending them as FIX says) on JOBS workers, each with a
 * schema of its own, their findings reported to D in input order, and (ACROSS) the
 * works they share compared once all are read; *FIX_STATUS is EXIT_USAGE if a file
 * could not be mended. Standard input among the FILEs makes it one worker: a second
 * "-" reads what the first left. Returns EXIT_USAGE if the schema does not compile,
 * else EXIT_CLEAN. */
static int
check_all(char *const *files, int nfiles, unsigned jobs, const struct fixing *fix,
          bool across, struct diag *d, int *fix_status)
{
	size_t nworkers = reads_stdin(nfiles, files) ? 1 : workers_for(jobs, nfiles), w;
	void **validators = mem_realloc_array(NULL, nworkers, sizeof(*validators));
	struct check_run r = {files, fix, NULL, d, EXIT_CLEAN, across ? archive_new() : NULL};
	struct jobs j = {(size_t)nfiles, validators, nworkers, check_work, check_done, &r,
	                 NULL, progress_to(nfiles, d->quiet)};
	int status = EXIT_USAGE;
	sigset_t held;

	memset(validators, 0, nworkers * sizeof(*validators));
	for (w = 0; w < nworkers; w++)
		if ((validators[w] = validate_new(d)) == NULL)
			goto done;
	r.briefs = mem_realloc_array(NULL, (size_t)nfiles, sizeof(*r.briefs));
	memset(r.briefs, 0, (size_t)nfiles * sizeof(*r.briefs));
	emit_held_signals(&held);
	j.blocked = &held;
	jobs_run(&j);
	*fix_status = r.fix_status;
	if (r.archive != NULL) {
		archive_lint(r.archive, d);
		diag_flush(d);
	}
	status = EXIT_CLEAN;
done:
	archive_free(r.archive);
	for (w = 0; w < nworkers; w++)
		end_validator(validators[w]);
	free(validators);
	free(r.briefs);
	return status;
}

/* check --style or --locale: can O's style (briefc's own if none) and locale be
 * loaded? Returns 0, or -1 reported to D. */
static int
style_usable(const struct options *o, struct diag *d)
{
	struct housestyle *hs = housestyle_load(o->style, o->locale, d);

	housestyle_free(hs);
	return hs != NULL ? 0 : -1;
}

static int
cmd_check(int argc, char **argv)
{
	const char *baseline = NULL, *record = NULL;
	struct fixing fix = {false, true};
	struct options o;
	char *target = NULL;
	struct diag d;
	bool across = false;
	int status, fix_status = EXIT_CLEAN;

	memset(&o, 0, sizeof(o));
	o.jobs = default_jobs();
	diag_init(&d, stderr);
	status = check_options(argc, argv, &d, &baseline, &record, &fix, &o, &across);
	if (status >= 0) {
		diag_free(&d);
		return status;
	}
	choose_output(&d);
	d.files = (const char *const *)argv + optind;
	d.nfiles = (unsigned)(argc - optind);
	if ((baseline != NULL && (d.baseline = baseline_load(baseline, &d)) == NULL) ||
	    ((o.style != NULL || o.locale != NULL) && style_usable(&o, &d) != 0)) {
		diag_summary(&d, 0);
		diag_free(&d);
		return EXIT_USAGE;
	}
	if (record != NULL && (target = record_plan(record, argv + optind, argc - optind,
	                                            &d)) == NULL) {
		diag_summary(&d, 0);
		diag_free(&d);
		return EXIT_USAGE;
	}
	if (record != NULL)
		d.record = baseline_new();
	status = check_all(argv + optind, argc - optind, o.jobs, &fix, across, &d, &fix_status);
	if (record != NULL && status == EXIT_CLEAN) {
		/* Recording accepts everything found: the run succeeds unless it cannot. */
		d.quiet = true;
		diag_summary(&d, d.nfiles);
		status = baseline_write(d.record, target, &d) == 0 ? EXIT_CLEAN : EXIT_USAGE;
		diag_flush(&d);
		diag_free(&d);
		free(target);
		return status;
	}
	free(target);
	diag_summary(&d, d.nfiles);
	status = status == EXIT_USAGE ? EXIT_USAGE : diag_status(&d);
	status = fix_status > status ? fix_status : status;
	diag_free(&d);
	return status;
}

/* DIR (NULL: none) / INPUT's file name less its extension DROP (NULL: whichever one
 * it has), plus EXT: an output named after its input. Caller frees. */
static char *
named_after(const char *dir, const char *input, const char *drop, const char *ext)
{
	const char *base = strrchr(input, '/') ? strrchr(input, '/') + 1 : input;
	const char *dot = strrchr(base, '.');
	size_t n = strlen(base);
	char *out;

	if (drop != NULL && n > strlen(drop) && strcmp(base + n - strlen(drop), drop) == 0)
		n -= strlen(drop);
	else if (drop == NULL && dot != NULL && dot != base)
		n = (size_t)(dot - base);
	out = mem_alloc((dir ? strlen(dir) + 1 : 0) + n + strlen(ext) + 1);
	sprintf(out, "%s%s%.*s%s", dir ? dir : "", dir ? "/" : "", (int)n, base, ext);
	return out;
}

/* The files one build run writes: PATHS[file][format] (NULL where not asked for). */
struct build_plan {
	char *(*paths)[RENDER__COUNT];
	int nfiles;
	char *depfile;              /* -M's file; NULL: none */
	char *index, *works;        /* --index's files; NULL: none */
};

static void
build_plan_free(struct build_plan *bp)
{
	int i, f;

	for (i = 0; i < bp->nfiles; i++)
		for (f = 0; f < RENDER__COUNT; f++)
			free(bp->paths[i][f]);
	free(bp->paths);
	free(bp->depfile);
	free(bp->index);
	free(bp->works);
}

/* Plans NAME (in DIR; NULL: none), the file of a run's output, into *PATH. Returns 0,
 * or -1 reported to D. */
static int
plan_run_output(struct emit_plan *plan, const char *dir, const char *name, bool named,
                char **path, struct diag *d)
{
	struct buf b = {0};

	buf_printf(&b, "%s%s%s", dir ? dir : "", dir ? "/" : "", name);
	*path = emit_plan_target(plan, b.data, named, d);
	buf_free(&b);
	return *path != NULL ? 0 : -1;
}

/* Plans the outputs of every one of the NFILES FILES in every format O asks for, as
 * -o names it (a link there followed) or derived from the brief's name in -d's
 * directory (a link there replaced), and the run's own (-M's depfile, --index's
 * index.html and works.json): none may be a brief, a stylesheet of XSL_DIR, a file of
 * the house style HS or the file of another output (two briefs of one name in -d).
 * Returns 0, or -1 reported to D. */
static int
plan_outputs(const struct options *o, char *const *files, int nfiles, const char *xsl_dir,
             const struct housestyle *hs, struct build_plan *bp, struct diag *d)
{
	struct emit_plan plan = {0};
	int i, f, status = 0;
	size_t k;

	bp->nfiles = nfiles;
	bp->paths = mem_realloc_array(NULL, (size_t)nfiles, sizeof(*bp->paths));
	memset(bp->paths, 0, (size_t)nfiles * sizeof(*bp->paths));
	for (i = 0; i < nfiles; i++)
		emit_plan_input(&plan, files[i]);
	for (k = 0; k < hs->nfiles; k++)
		emit_plan_input(&plan, hs->files[k]);
	emit_plan_inputs_in(&plan, xsl_dir);
	for (i = 0; i < nfiles && status == 0; i++) {
		for (f = 0; f < RENDER__COUNT && status == 0; f++) {
			char *name;

			if (!o->formats[f])
				continue;
			name = o->output ? mem_strdup(o->output) :
			       named_after(o->output_dir, files[i], ".xml",
			                   render_extension((enum render_format)f));
			bp->paths[i][f] = emit_plan_target(&plan, name, o->output != NULL, d);
			if (bp->paths[i][f] == NULL)
				status = -1;
			free(name);
		}
	}
	if (status == 0 && o->depfile != NULL)
		status = plan_run_output(&plan, NULL, o->depfile, true, &bp->depfile, d);
	if (status == 0 && o->index)
		status = plan_run_output(&plan, o->output_dir, "index.html", false, &bp->index, d);
	if (status == 0 && o->index)
		status = plan_run_output(&plan, o->output_dir, "works.json", false, &bp->works, d);
	emit_plan_free(&plan);
	return status;
}

/* DIR and the directories above it, made where missing (-d creates its directory).
 * Returns 0, or -1 reported to D. */
static int
make_dirs(const char *dir, struct diag *d)
{
	char *path = mem_strdup(dir), *p;
	int status = 0;

	for (p = path + 1; status == 0; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			diag_report(d, RULE_IO, path, 0, 0, "cannot create the directory: %s",
			            strerror(errno));
			status = -1;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(path);
	return status;
}

/* Writes BYTES, one brief's outputs in every format O asks for, to their files in
 * PATHS as one: a write that fails leaves every output as it was. */
static int
write_outputs(const struct options *o, char *const paths[RENDER__COUNT],
              const struct buf bytes[RENDER__COUNT], struct diag *d)
{
	struct emit_batch batch;
	int f, status = EXIT_CLEAN;

	emit_batch_init(&batch);
	for (f = 0; f < RENDER__COUNT && status == EXIT_CLEAN; f++)
		if (o->formats[f] &&
		    emit_stage(&batch, paths[f], bytes[f].data, bytes[f].len, d) != 0)
			status = EXIT_USAGE;
	/* All the outputs, or none of them: a failure leaves every one as it was. */
	if (status != EXIT_CLEAN)
		emit_abort(&batch);
	else if (emit_commit(&batch, d) != 0)
		status = EXIT_USAGE;
	return status;
}

/* What a brief gives the run besides its outputs: the images of its depfile rule, and
 * its entry in the index. */
struct brief_extras {
	struct depfile_list images;     /* -M: its images' files */
	struct archive_entry *entry;    /* --index: NULL when it has none */
};

/* The page of a brief the index links to: its first output, by its file name (the
 * index is in the same directory). */
static const char *
index_link(char *const paths[RENDER__COUNT])
{
	int f;

	for (f = 0; f < RENDER__COUNT; f++)
		if (paths[f] != NULL)
			return strrchr(paths[f], '/') ? strrchr(paths[f], '/') + 1 : paths[f];
	return NULL;
}

/* The pipeline for one brief, INPUT, up to its outputs: load -> validate -> resolve ->
 * the house style HS (the bibliography and citations through the CSL engine) ->
 * transform, with V and T (the text on BESIDE, a thread beside the rest, if not NULL), into
 * BYTES in every format O asks for, and into X what O's -M and --index want of it
 * (its outputs to be PATHS). LAST: the run's last brief (render). A format that fails
 * to render fails the brief. */
static int
render_one(const struct options *o, const struct housestyle *hs, struct validator *v,
           struct transform *t, const char *input, struct render_beside *beside,
           bool last, char *const paths[RENDER__COUNT], struct buf bytes[RENDER__COUNT],
           struct brief_extras *x, struct diag *d)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	bool rewrite = o->citations != NULL ? strcmp(o->citations, "chicago") == 0
	                                    : o->style != NULL;
	struct source src = {0};
	struct media_set media = {0};
	struct cite_model *model = NULL;
	time_t stamp;
	size_t i;
	int status = check_one(v, &src, input, &model, &media, d);

	if (status != EXIT_CLEAN)
		goto done;
	status = EXIT_USAGE;
	if (render_time(&src, epoch, &stamp) != 0) {
		diag_report(d, RULE_IO, "briefc", 0, 0,
		            "SOURCE_DATE_EPOCH must be whole seconds since 1970, up to the "
		            "year 9999: \"%s\"", epoch);
		goto done;
	}
	resolve_annotate(model, src.doc);
	if (housestyle_annotate(hs, model, rewrite, src.doc, src.path, d) != 0) {
		status = EXIT_INPUT;
		goto done;
	}
	media_annotate(&media, src.doc);
	/* The tree holds the model now: it, and the file's bytes, go before the outputs
	 * take their room, unless the index keeps the model for the archive's works. */
	if (o->index)
		x->entry = archive_entry_new(&src, index_link(paths), &model);
	cite_model_free(model);
	model = NULL;
	source_keep_tree(&src);
	status = render(t, o->formats, &src, &media, o->params, stamp, beside, last, bytes, d)
	         != 0 ? EXIT_INPUT : EXIT_CLEAN;
done:
	for (i = 0; o->depfile != NULL && i < media.n; i++)
		depfile_list_add(&x->images, media.images[i].real);
	cite_model_free(model);
	media_free(&media);
	source_free(&src);
	return status;
}

/* What each worker of a build has of its own: libxml2's compiled schema and libxslt's
 * compiled stylesheets are not shared between threads. */
struct builder {
	struct validator *v;
	struct transform *t;
};

/* One brief of a build, as its worker leaves it for the main thread. */
struct built {
	struct diag said;           /* its findings, held */
	int status;
	struct buf bytes[RENDER__COUNT];
	struct brief_extras extras;
};

/* A build of many briefs: the workers render them; the main thread writes each one's
 * outputs and prints its findings, in input order. */
struct build_run {
	const struct options *o;
	char *const *files;
	size_t nfiles;
	const struct build_plan *bp;
	struct render_beside *beside; /* one worker: the text on a thread beside the rest */
	struct built *briefs;       /* each brief's, from its worker to the main thread */
	struct diag *d;
	int status;                 /* the worst so far */
	struct depfile_list sheets; /* -M: every file of the stylesheets the formats run */
	struct buf rules;           /* -M: the depfile so far */
	struct archive *archive;    /* --index; NULL: none */
	struct housestyle *hs;      /* --style, else briefc's own */
};

static void
build_work(void *ctx, void *worker, size_t i)
{
	struct build_run *r = ctx;
	struct builder *w = worker;
	struct built *b = &r->briefs[i];

	diag_init_apart(&b->said, r->d);
	b->status = render_one(r->o, r->hs, w->v, w->t, r->files[i], r->beside,
	                       i + 1 == r->nfiles, r->bp->paths[i], b->bytes, &b->extras,
	                       &b->said);
}

/* The depfile rule of brief I of R, built with its IMAGES, into R's rules. */
static void
add_rule(struct build_run *r, size_t i, const struct depfile_list *images)
{
	struct depfile_list targets = {NULL, 0}, deps = {NULL, 0};
	size_t k;
	int f;

	for (f = 0; f < RENDER__COUNT; f++)
		if (r->o->formats[f])
			depfile_list_add(&targets, r->bp->paths[i][f]);
	if (strcmp(r->files[i], "-") != 0)
		depfile_list_add(&deps, r->files[i]);
	for (k = 0; k < r->sheets.n; k++)
		depfile_list_add(&deps, r->sheets.paths[k]);
	for (k = 0; k < images->n; k++)
		depfile_list_add(&deps, images->paths[k]);
	depfile_rule(&r->rules, &targets, &deps);
	depfile_list_free(&targets);
	depfile_list_free(&deps);
}

static void
build_done(void *ctx, size_t i)
{
	struct build_run *r = ctx;
	struct built *b = &r->briefs[i];
	int f;

	diag_take(r->d, &b->said);
	diag_free(&b->said);
	if (b->status == EXIT_CLEAN)
		b->status = write_outputs(r->o, r->bp->paths[i], b->bytes, r->d);
	if (r->o->depfile != NULL)
		add_rule(r, i, &b->extras.images);
	depfile_list_free(&b->extras.images);
	if (b->extras.entry != NULL && b->status == EXIT_CLEAN)
		archive_add(r->archive, b->extras.entry);
	else
		archive_entry_free(b->extras.entry);
	for (f = 0; f < RENDER__COUNT; f++)
		buf_free(&b->bytes[f]);
	r->status = b->status > r->status ? b->status : r->status;
	diag_flush(r->d);
}

static void
add_sheet_file(const char *path, void *arg)
{
	depfile_list_add(arg, path);
}

/* R's list of the files of every stylesheet its formats run, compiled now with T.
 * Returns 0, or -1 reported to D. */
static int
list_sheets(struct build_run *r, struct transform *t, struct diag *d)
{
	enum transform_sheet sheets[RENDER_MAX_SHEETS];
	size_t n, i;
	int f;

	for (f = 0; f < RENDER__COUNT; f++) {
		if (!r->o->formats[f])
			continue;
		n = render_sheets((enum render_format)f, sheets);
		for (i = 0; i < n; i++)
			if (transform_files(t, sheets[i], add_sheet_file, &r->sheets, d) != 0)
				return -1;
	}
	return 0;
}

/* Writes the run's own outputs of BP as one: R's depfile, the index of its archive
 * (made with T) and its works. Returns 0, or -1 reported to D. */
static int
write_run_outputs(const struct build_plan *bp, struct build_run *r, struct transform *t,
                  struct diag *d)
{
	struct buf index = {0}, works = {0};
	struct emit_batch batch;
	int status = 0;

	emit_batch_init(&batch);
	if (bp->depfile != NULL)
		status = emit_stage(&batch, bp->depfile, r->rules.data ? r->rules.data : "",
		                    r->rules.len, d);
	if (status == 0 && r->archive != NULL) {
		archive_works(r->archive, &works);
		status = archive_index(r->archive, t, &index, d);
		if (status == 0)
			status = emit_stage(&batch, bp->index, index.data, index.len, d);
		if (status == 0)
			status = emit_stage(&batch, bp->works, works.data, works.len, d);
	}
	if (status != 0)
		emit_abort(&batch);
	else
		status = emit_commit(&batch, d);
	buf_free(&index);
	buf_free(&works);
	return status;
}

/* Makes the N builders' schemas and stylesheets (of XSL_DIR). Returns 0, or -1
 * reported to D (those made are for the caller to free). */
static int
make_builders(struct builder *b, size_t n, const char *xsl_dir, struct diag *d)
{
	size_t w;

	for (w = 0; w < n; w++)
		if ((b[w].v = validate_new(d)) == NULL || (b[w].t = transform_new(xsl_dir, d)) == NULL)
			return -1;
	return 0;
}

/* Builds the NFILES FILES on O's workers (-j), each with the schema and stylesheets
 * made once for all its briefs. The outputs of every one are planned first: one that
 * would land on an input or on another output stops the run before anything is read.
 * Each brief's outputs are written and its findings printed in input order. Returns
 * the worst status. */
static int
build(const struct options *o, char *const *files, int nfiles, struct diag *d)
{
	struct build_plan bp = {NULL, 0, NULL, NULL, NULL};
	size_t nworkers = workers_for(o->jobs, nfiles), w;
	struct builder *builders = mem_realloc_array(NULL, nworkers, sizeof(*builders));
	void **states = mem_realloc_array(NULL, nworkers, sizeof(*states));
	char *xsl_dir = o->xsl_dir ? mem_strdup(o->xsl_dir) : transform_default_dir();
	struct build_run r = {o, files, (size_t)nfiles, &bp, NULL, NULL, d, EXIT_CLEAN,
	                      {NULL, 0}, {0}, o->index ? archive_new() : NULL, NULL};
	struct jobs j = {(size_t)nfiles, states, nworkers, build_work, build_done, &r, NULL,
	                 progress_to(nfiles, false)};
	int status = EXIT_USAGE;
	sigset_t held;

	memset(builders, 0, nworkers * sizeof(*builders));
	for (w = 0; w < nworkers; w++)
		states[w] = &builders[w];
	if (xsl_dir == NULL) {
		diag_report(d, RULE_IO, "briefc", 0, 0,
		            "no stylesheet directory next to the binary; use --xsl-dir");
		goto done;
	}
	/* The schemas compile on their threads from the start, and with one worker
	 * text.xsl and the EPUB's others on the text's own thread beside them, while the
	 * house style loads here, then the first stylesheet a brief needs compiles. */
	if (make_builders(builders, nworkers, xsl_dir, d) != 0)
		goto done;
	if (nworkers == 1 && o->formats[RENDER_TEXT] &&
	    (o->formats[RENDER_HTML] || o->formats[RENDER_EPUB]))
		r.beside = render_beside_new(builders[0].t, o->formats);
	if ((r.hs = housestyle_load(o->style, o->locale, d)) == NULL ||
	    (o->output_dir != NULL && make_dirs(o->output_dir, d) != 0) ||
	    plan_outputs(o, files, nfiles, xsl_dir, r.hs, &bp, d) != 0 ||
	    (o->depfile != NULL && list_sheets(&r, builders[0].t, d) != 0))
		goto done;
	for (w = 0; o->depfile != NULL && w < r.hs->nfiles; w++)
		depfile_list_add(&r.sheets, r.hs->files[w]);
	transform_warm(builders[0].t, o->formats[RENDER_HTML] || o->formats[RENDER_EPUB] ?
	               SHEET_HTML : SHEET_TEXT);
	r.briefs = mem_realloc_array(NULL, (size_t)nfiles, sizeof(*r.briefs));
	memset(r.briefs, 0, (size_t)nfiles * sizeof(*r.briefs));
	emit_held_signals(&held);
	j.blocked = &held;
	jobs_run(&j);
	status = r.status;
	if ((bp.depfile != NULL || bp.index != NULL) &&
	    write_run_outputs(&bp, &r, builders[0].t, d) != 0)
		status = EXIT_USAGE;
	diag_flush(d);
done:
	if (MEM_FREE_AT_EXIT) {
		render_beside_free(r.beside);
		housestyle_free(r.hs);
	} else {
		render_beside_leave(r.beside);
	}
	depfile_list_free(&r.sheets);
	buf_free(&r.rules);
	archive_free(r.archive);
	build_plan_free(&bp);
	free(xsl_dir);
	for (w = 0; w < nworkers; w++) {
		if (MEM_FREE_AT_EXIT)
			transform_free(builders[w].t);
		end_validator(builders[w].v);
	}
	free(builders);
	free(states);
	free(r.briefs);
	return status;
}

/* The report of one brief, FILE (I of N), appended to OUT: the json of several is an
 * array of each brief's document, the tsv of several one table with a file column. */
static void
cites_append(const struct options *o, const struct cite_model *m, const struct source *src,
             int i, int n, struct buf *out)
{
	if (n == 1) {
		report_write(m, src, o->report, out);
	} else if (o->report == REPORT_TSV) {
		report_write_tsv(m, src->path, i == 0, out);
	} else {
		buf_puts(out, i == 0 ? "[\n" : ",\n");
		report_write(m, src, o->report, out);
	}
}

/* load -> validate -> resolve -> report, for each of the N FILES in turn (the schema
 * made once), -> emit the report of those that resolved. Returns the worst status. */
static int
cites(const struct options *o, char *const *files, int n, struct diag *d)
{
	struct validator *v = validate_new(d);
	struct buf out = {0};
	struct emit_plan plan = {0};
	char *path;
	int status = EXIT_USAGE, i, written = 0;

	for (i = 0; i < n; i++)
		emit_plan_input(&plan, files[i]);
	path = emit_plan_target(&plan, o->output ? o->output : "-", true, d);
	if (v == NULL || path == NULL)
		goto done;
	status = EXIT_CLEAN;
	for (i = 0; i < n; i++) {
		struct source src = {0};
		struct media_set media = {0};
		struct cite_model *model;
		int one = check_one(v, &src, files[i], &model, &media, d);

		if (one == EXIT_CLEAN || (o->partial && model != NULL))
			cites_append(o, model, &src, written++, n, &out);
		status = one > status ? one : status;
		cite_model_free(model);
		media_free(&media);
		source_free(&src);
		diag_flush(d);
	}
	if (n > 1 && o->report == REPORT_JSON)
		buf_puts(&out, written > 0 ? "]\n" : "[]\n");
	if ((written > 0 || n > 1) && emit_file(path, out.data, out.len, d) != 0)
		status = EXIT_USAGE;
done:
	emit_plan_free(&plan);
	free(path);
	buf_free(&out);
	validate_free(v);
	return status;
}

static int
cmd_cites(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"output", required_argument, NULL, 'o'},
		{"partial", no_argument, NULL, OPT_PARTIAL},
		{NULL, 0, NULL, 0},
	};
	struct options o;
	struct diag d;
	int c;

	memset(&o, 0, sizeof(o));
	o.report = REPORT_TSV;
	while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage_cites, stdout);
			return EXIT_CLEAN;
		case OPT_VERSION:
			return print_version();
		case OPT_FORMAT:
			if (report_format_by_name(optarg, &o.report) != 0)
				return usage_error("cites", "cites: unknown format '%s' (tsv, "
				                   "json or csl-json)", optarg);
			break;
		case 'o':
			o.output = optarg;
			break;
		case OPT_PARTIAL:
			o.partial = true;
			break;
		default:
			return bad_option("cites", c, argv);
		}
	}
	if (argc - optind < 1)
		return usage_error("cites", "%s", "cites: no FILE given");
	if (argc - optind > 1 && o.report == REPORT_CSL_JSON)
		return usage_error("cites", "%s", "cites: csl-json is one brief's works; give "
		                   "one FILE (several briefs' works are not combined)");
	diag_init(&d, stderr);
	c = cites(&o, argv + optind, argc - optind, &d);
	diag_free(&d);
	return c;
}

/* Adds the comma-separated formats of LIST to O; returns 0, or -1 at an unknown one
 * (left in *BAD). */
static int
add_formats(struct options *o, char *list, const char **bad)
{
	char *name, *save = NULL;
	enum render_format f;

	for (name = strtok_r(list, ",", &save); name != NULL;
	     name = strtok_r(NULL, ",", &save)) {
		if (render_format_by_name(name, &f) != 0) {
			*bad = name;
			return -1;
		}
		o->nformats += !o->formats[f];
		o->formats[f] = true;
	}
	return 0;
}

/* Adds --param NAME=VALUE (ARG, split in place) to O; returns 0, or -1 with WHY (of
 * SIZE bytes) saying what is wrong. */
static int
add_param(struct options *o, char *arg, char *why, size_t size)
{
	char *eq = strchr(arg, '=');

	if (eq == NULL || eq == arg) {
		snprintf(why, size, "--param wants NAME=VALUE, such as notes=footnotes, "
		         "not '%s'", arg);
		return -1;
	}
	*eq = '\0';
	if (render_param_check(arg, eq + 1, why, size) != 0)
		return -1;
	/* The house style takes this one; the stylesheets place what it writes. */
	if (strcmp(arg, "citations") == 0) {
		o->citations = eq + 1;
		return 0;
	}
	if (o->nparams == MAX_PARAMS) {
		snprintf(why, size, "more than %d --param", MAX_PARAMS);
		return -1;
	}
	o->params[2 * o->nparams] = arg;
	o->params[2 * o->nparams + 1] = eq + 1;
	o->nparams++;
	o->params[2 * o->nparams] = NULL;
	return 0;
}

static int
cmd_build(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{"to", required_argument, NULL, 't'},
		{"output", required_argument, NULL, 'o'},
		{"output-dir", required_argument, NULL, 'd'},
		{"param", required_argument, NULL, OPT_PARAM},
		{"xsl-dir", required_argument, NULL, OPT_XSL_DIR},
		{"depfile", required_argument, NULL, 'M'},
		{"index", no_argument, NULL, OPT_INDEX},
		{"style", required_argument, NULL, OPT_STYLE},
		{"locale", required_argument, NULL, OPT_LOCALE},
		{"jobs", required_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	struct options o;
	const char *bad = NULL;
	char why[256];
	struct diag d;
	int c;

	memset(&o, 0, sizeof(o));
	o.jobs = default_jobs();
	while ((c = getopt_long(argc, argv, ":hd:o:t:j:M:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage_build, stdout);
			return EXIT_CLEAN;
		case OPT_VERSION:
			return print_version();
		case 't':
			if (add_formats(&o, optarg, &bad) != 0)
				return usage_error("build", "build: unknown format '%s' (html, "
				                   "epub or text)", bad);
			break;
		case 'o':
			o.output = optarg;
			break;
		case 'd':
			o.output_dir = optarg;
			break;
		case OPT_PARAM:
			if (add_param(&o, optarg, why, sizeof(why)) != 0)
				return usage_error("build", "build: %s", why);
			break;
		case OPT_XSL_DIR:
			o.xsl_dir = optarg;
			break;
		case 'j':
			if (parse_jobs(optarg, &o.jobs) != 0)
				return usage_error("build", "build: -j wants a number of jobs from 1 "
				                   "to " JOBS_MAX_TEXT ", not '%s'", optarg);
			break;
		case 'M':
			o.depfile = optarg;
			break;
		case OPT_INDEX:
			o.index = true;
			break;
		case OPT_STYLE:
			o.style = optarg;
			break;
		case OPT_LOCALE:
			o.locale = optarg;
			break;
		default:
			return bad_option("build", c, argv);
		}
	}
	if (argc - optind < 1)
		return usage_error("build", "%s", "build: no FILE given");
	if (o.nformats == 0)
		o.formats[RENDER_HTML] = true, o.nformats = 1;
	if (o.output != NULL && (o.nformats > 1 || o.output_dir != NULL || argc - optind > 1))
		return usage_error("build", "%s", "build: -o names one output file; with "
		                   "several formats or FILEs, or -d, outputs are named after "
		                   "each FILE");
	if (o.index && o.output_dir == NULL)
		return usage_error("build", "%s", "build: --index writes index.html and "
		                   "works.json beside the outputs: name their directory with -d");
	if (o.depfile != NULL && !depfile_path_ok(o.depfile))
		return usage_error("build", "build: -M: a depfile cannot name '%s', which holds "
		                   "a line break", o.depfile);
	if (o.output == NULL && reads_stdin(argc - optind, argv + optind))
		return usage_error("build", "%s", "build: the brief comes from standard input "
		                   "('-'): name its output with -o");
	diag_init(&d, stderr);
	c = build(&o, argv + optind, argc - optind, &d);
	diag_free(&d);
	return c;
}

/* The manuscript read into a raw brief by the reader its format calls for (a docx
 * through the stylesheets of XSL_DIR). */
static xmlDocPtr
import_read(enum import_format from, const char *xsl_dir, const struct source *m,
            struct diag *d)
{
	struct transform *t;
	xmlDocPtr doc = NULL;

	switch (from) {
	case IMPORT_TXT:
		return import_txt(m->path, m->text, m->len, d);
	case IMPORT_MD:
		return import_md(m->path, m->text, m->len, d);
	case IMPORT_DOCX:
		break;
	}
	t = transform_new(xsl_dir, d);
	if (t != NULL)
		doc = import_docx(m->path, m->text, m->len, t, d);
	transform_free(t);
	return doc;
}

/* Where the brief of INPUT goes: -o's file (a link there followed), else INPUT's name
 * with ".xml" here; never INPUT itself nor a stylesheet of XSL_DIR ("briefc import
 * --from txt notes.xml" would write notes.xml over itself). Caller frees; NULL,
 * reported to D. */
static char *
import_plan(const struct options *o, const char *input, const char *xsl_dir,
            struct diag *d)
{
	struct emit_plan plan = {0};
	char *name = o->output ? mem_strdup(o->output) :
	             named_after(NULL, input, NULL, ".xml");
	char *path;

	emit_plan_input(&plan, input);
	if (xsl_dir != NULL)
		emit_plan_inputs_in(&plan, xsl_dir);
	path = emit_plan_target(&plan, name, o->output != NULL, d);
	emit_plan_free(&plan);
	free(name);
	return path;
}

/* read -> import -> finish -> check -> emit. The brief is written even with errors,
 * for the editor to mend: the exit status says it has them. */
static int
import(const struct options *o, enum import_format from, const char *lang,
       const char *input, struct diag *d)
{
	struct source m = {0}, brief = {0};
	struct validator *v = NULL;
	struct cite_model *model = NULL;
	struct buf out = {0};
	char *xsl_dir = NULL, *path = NULL;
	int status = EXIT_USAGE;
	xmlDocPtr doc;
	unsigned before;

	if (from == IMPORT_DOCX &&
	    (xsl_dir = o->xsl_dir ? mem_strdup(o->xsl_dir) : transform_default_dir()) == NULL) {
		diag_report(d, RULE_IO, "briefc", 0, 0,
		            "no stylesheet directory next to the binary; use --xsl-dir");
		goto done;
	}
	if ((path = import_plan(o, input, xsl_dir, d)) == NULL)
		goto done;
	/* The schema compiles on its thread while the manuscript is read. */
	v = validate_new(d);
	if (source_read(&m, input, from == IMPORT_MD ? IMPORT_MAX_MD_BYTES : IMPORT_MAX_BYTES,
	                d) != SOURCE_OK)
		goto done;
	doc = import_read(from, xsl_dir, &m, d);
	status = EXIT_INPUT;
	if (doc == NULL)
		goto done;
	if (lang != NULL && !xmlHasNsProp(xmlDocGetRootElement(doc), (const xmlChar *)"lang",
	                                  (const xmlChar *)XML_NS))
		xmlNodeSetLang(xmlDocGetRootElement(doc), (const xmlChar *)lang);
	before = d->errors;
	import_finish(doc, input, &out, d);
	if (v != NULL && source_load_memory(&brief, path, out.data, out.len, SOURCE_MAX_BYTES,
	                                    d) == SOURCE_OK &&
	    validate_source(v, &brief, d) == 0)
		model = resolve_source(&brief, d);
	status = d->errors > before ? EXIT_INPUT : EXIT_CLEAN;
	if (emit_file(path, out.data, out.len, d) != 0)
		status = EXIT_USAGE;
done:
	cite_model_free(model);
	validate_free(v);
	source_free(&brief);
	source_free(&m);
	buf_free(&out);
	free(path);
	free(xsl_dir);
	return status;
}

static int
cmd_import(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{"from", required_argument, NULL, OPT_FROM},
		{"lang", required_argument, NULL, OPT_LANG},
		{"output", required_argument, NULL, 'o'},
		{"xsl-dir", required_argument, NULL, OPT_XSL_DIR},
		{NULL, 0, NULL, 0},
	};
	struct options o;
	enum import_format from = IMPORT_TXT;
	const char *lang = NULL;
	bool from_given = false;
	struct diag d;
	int c;

	memset(&o, 0, sizeof(o));
	while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage_import, stdout);
			return EXIT_CLEAN;
		case OPT_VERSION:
			return print_version();
		case OPT_FROM:
			if (import_format_by_name(optarg, &from) != 0)
				return usage_error("import", "import: unknown format '%s' (txt, "
				                   "md or docx)", optarg);
			from_given = true;
			break;
		case OPT_LANG:
			if (*optarg == '\0' || strlen(optarg) > 35 ||
			    strspn(optarg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			                   "0123456789-") != strlen(optarg))
				return usage_error("import", "import: --lang wants a language tag "
				                   "such as en or es-ES, not '%s'", optarg);
			lang = optarg;
			break;
		case 'o':
			o.output = optarg;
			break;
		case OPT_XSL_DIR:
			o.xsl_dir = optarg;
			break;
		default:
			return bad_option("import", c, argv);
		}
	}
	if (argc - optind != 1)
		return usage_error("import", "%s", "import: give exactly one MANUSCRIPT");
	if (!from_given)
		from = import_format_of(argv[optind]);
	diag_init(&d, stderr);
	choose_output(&d);
	c = import(&o, from, lang, argv[optind], &d);
	diag_flush(&d);
	diag_free(&d);
	return c;
}

int
cli_main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int, char **);
	} commands[] = {
		{"check", cmd_check},
		{"build", cmd_build},
		{"cites", cmd_cites},
		{"import", cmd_import},
	};
	size_t i;
	int status;

	if (argc < 2)
		return usage_error(NULL, "%s", "no command given");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage_main, stdout);
		return EXIT_CLEAN;
	}
	if (strcmp(argv[1], "--version") == 0)
		return print_version();
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[1], commands[i].name) != 0)
			continue;
		xmlInitParser();
		optind = 1;
		opterr = 0;
		status = commands[i].run(argc - 1, argv + 1);
		xsltCleanupGlobals();
		xmlCleanupParser();
		return status;
	}
	return usage_error(NULL, "unknown command '%s'", argv[1]);
}
