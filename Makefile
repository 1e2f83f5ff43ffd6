# briefc - build, test and install.
#   make            the tool (build/briefc) and every sources/*.xml compiled into build/
#                   as HTML, EPUB 3 and plain text
#   make test       unit, golden and end-to-end tests, then again under ASan + UBSan
#   make bench      briefc beside xsltproc + DocBook XSL and pandoc (tests/bench)
#   make sweep      memory running out at every 3rd allocation (SWEEP_STEP) of a build
#   make fuzz       the libFuzzer target for FUZZ_SECONDS (default 60)
#   make fuzz-import  the same for briefc import (tests/fuzz/fuzz_import.c)
#   make csl-test   the CSL processor test suite through the CSL engine (CSL_SUITE)
#   make install    PREFIX=/usr/local DESTDIR=
#   make clean

VERSION = 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc

PKGS = libxml-2.0 libxslt zlib libcmark-gfm jansson
# cmark-gfm, jansson and libunistring, which no other library in the process uses, are
# linked from Debian's static archives: every shared library costs each start its
# mapping and relocations (0.24 ms for these three on the article; README,
# Performance). LINK_LEAVES=shared links them shared, as a distribution's package would.
LINK_LEAVES ?= static
comma := ,
# Deferred (=): evaluated after the deps stamp has installed the packages.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
LEAF_LIBS = $(shell pkg-config --libs libcmark-gfm jansson) -lunistring
PKG_LIBS = -Wl,--as-needed $(shell pkg-config --libs libxml-2.0 libxslt zlib) \
	$(if $(filter static,$(LINK_LEAVES)),-Wl$(comma)-Bstatic $(LEAF_LIBS) \
	-Wl$(comma)-Bdynamic,$(LEAF_LIBS)) -pthread
CMOCKA_LIBS = $(shell pkg-config --libs cmocka)
# The release build allocates with mimalloc, first on the link line so that its malloc
# is every library's too (src/mem.c); the sanitizers bring allocators of their own.
ALLOC_CPPFLAGS = -DBRIEFC_MIMALLOC
ALLOC_LIBS = -lmimalloc

WARN = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -DBRIEFC_VERSION='"$(VERSION)"'
CFLAGS ?= -O2 -g
SAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
TSAN = -fsanitize=thread

# Every src/*.c but main.c is a module; every tests/unit/test_*.c a unit test.
MODULES = $(filter-out main,$(patsubst src/%.c,%,$(wildcard src/*.c)))
UNIT_TESTS = $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))

OBJ = $(MODULES:%=build/obj/%.o) build/obj/schema.o
SAN_OBJ = $(MODULES:%=build/san/%.o) build/san/schema.o
TSAN_OBJ = $(MODULES:%=build/tsan/%.o) build/tsan/schema.o
SOURCES = $(wildcard sources/*.xml)
OUTPUTS = $(foreach ext,html epub txt,$(SOURCES:sources/%.xml=build/%.$(ext)))

all: build/briefc $(OUTPUTS)

build/.deps-build: .ci/deps
	@mkdir -p build
	.ci/deps build
	@touch $@

build/.deps-bench: .ci/deps
	@mkdir -p build
	.ci/deps bench
	@touch $@

build/.deps-test: .ci/deps tests/node/package-lock.json
	@mkdir -p build
	.ci/deps test
	@touch $@

# The schema is compiled into the binary: src/briefc.rng becomes a C string.
build/gen/schema.c: src/briefc.rng
	@mkdir -p build/gen
	awk 'BEGIN { print "/* Generated from src/briefc.rng by the Makefile. */"; \
	             print "extern const char briefc_schema[];"; \
	             print "const char briefc_schema[] =" } \
	     { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); print "\"" $$0 "\\n\"" } \
	     END { print ";" }' $< > $@.tmp && mv $@.tmp $@

build/obj/%.o: src/%.c src/*.h build/.deps-build
	@mkdir -p build/obj
	$(CC) $(WARN) $(CPPFLAGS) $(ALLOC_CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -c $< -o $@

build/obj/schema.o: build/gen/schema.c
	@mkdir -p build/obj
	$(CC) $(WARN) $(CFLAGS) -c $< -o $@

build/briefc: build/obj/main.o $(OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(ALLOC_LIBS) $(PKG_LIBS)

# One run writes the three briefs of a source.
build/%.html build/%.epub build/%.txt: sources/%.xml build/briefc $(wildcard xsl/*.xsl)
	build/briefc build --to html,epub,text -d build $<

# Sanitizer build: the same modules under ASan + UBSan, for the tool and unit tests.
build/san/%.o: src/%.c src/*.h build/.deps-build
	@mkdir -p build/san
	$(CC) $(WARN) $(CPPFLAGS) -O1 -g $(SAN) $(PKG_CFLAGS) -c $< -o $@

build/san/schema.o: build/gen/schema.c
	@mkdir -p build/san
	$(CC) $(WARN) -O1 -g $(SAN) -c $< -o $@

build/san/briefc: build/san/main.o $(SAN_OBJ)
	$(CC) $(SAN) -o $@ $^ $(PKG_LIBS)

# ThreadSanitizer build: the tool, for the builds that make the text on a second thread.
build/tsan/%.o: src/%.c src/*.h build/.deps-build
	@mkdir -p build/tsan
	$(CC) $(WARN) $(CPPFLAGS) -O1 -g $(TSAN) $(PKG_CFLAGS) -c $< -o $@

build/tsan/schema.o: build/gen/schema.c
	@mkdir -p build/tsan
	$(CC) $(WARN) -O1 -g $(TSAN) -c $< -o $@

build/tsan/briefc: build/tsan/main.o $(TSAN_OBJ)
	$(CC) $(TSAN) -o $@ $^ $(PKG_LIBS)

# Unit tests link every module but cli/main, so each test reaches the real code.
LIB_OBJ = $(filter-out build/obj/cli.o,$(OBJ))
SAN_LIB_OBJ = $(filter-out build/san/cli.o,$(SAN_OBJ))

build/unit/test_%: tests/unit/test_%.c tests/unit/*.h $(LIB_OBJ) build/.deps-test
	@mkdir -p build/unit
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Isrc -o $@ $< $(LIB_OBJ) \
		$(ALLOC_LIBS) $(PKG_LIBS) $(CMOCKA_LIBS)

build/san/unit/test_%: tests/unit/test_%.c tests/unit/*.h $(SAN_LIB_OBJ) build/.deps-test
	@mkdir -p build/san/unit
	$(CC) $(WARN) $(CPPFLAGS) -O1 -g $(SAN) $(PKG_CFLAGS) -Isrc -o $@ $< $(SAN_LIB_OBJ) \
		$(PKG_LIBS) $(CMOCKA_LIBS)

UNIT_BINS = $(UNIT_TESTS:%=build/unit/test_%)
SAN_UNIT_BINS = $(UNIT_TESTS:%=build/san/unit/test_%)

test: build/.deps-test all $(UNIT_BINS) build/san/briefc $(SAN_UNIT_BINS) \
	build/tsan/briefc build/fuzz/fuzz_pipeline build/fuzz/fuzz_import build/csl-runner \
	build/san/csl-runner
	tests/run

# The CSL processor test suite, read in place from the shared checkout; the runner
# prints each failing fixture and pass/total by category. csl-test-asan runs it under
# ASan + UBSan: a fixture may fail, never crash or leak.
CSL_SUITE ?= ../shared/csl-test-suite/processor-tests/humans

build/csl-runner: tests/csl/runner.c $(LIB_OBJ)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Isrc -o $@ $< $(LIB_OBJ) \
		$(ALLOC_LIBS) $(PKG_LIBS)

build/san/csl-runner: tests/csl/runner.c $(SAN_LIB_OBJ)
	$(CC) $(WARN) $(CPPFLAGS) -O1 -g $(SAN) $(PKG_CFLAGS) -Isrc -o $@ $< $(SAN_LIB_OBJ) \
		$(PKG_LIBS)

csl-test: build/csl-runner
	build/csl-runner $(CSL_SUITE)

csl-test-asan: build/san/csl-runner
	build/san/csl-runner $(CSL_SUITE)

# The allocation-failure sweep of tests/hostile/outputs at every SWEEP_STEPth
# allocation (default 3) rather than `make test`'s every 131st: the article's builds
# with the Nth allocation failing, each to end with exit 2 and one message or to
# build what a build builds. About twenty minutes; not part of `make test`.
SWEEP_STEP ?= 3
sweep: build/briefc
	SWEEP_STEP=$(SWEEP_STEP) tests/hostile/outputs build/briefc

# The benchmark, not part of `make test`: about ten minutes, most of it the anchors.
bench: build/briefc build/.deps-bench
	tests/bench

# Rewrites the golden files from the current build; review the diff before committing.
golden: all
	tests/run --update-golden

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/briefc/xsl \
		$(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 build/briefc $(DESTDIR)$(PREFIX)/bin/briefc
	install -m 644 xsl/*.xsl $(DESTDIR)$(PREFIX)/share/briefc/xsl/
	install -m 644 src/briefc.1 $(DESTDIR)$(PREFIX)/share/man/man1/briefc.1

clean:
	rm -rf build

.PHONY: all test bench golden install clean csl-test csl-test-asan sweep
.DELETE_ON_ERROR:

# Fuzzing (clang's libFuzzer, ASan, UBSan): tests/fuzz/fuzz_pipeline.c runs the whole
# pipeline in process. `make fuzz` runs it FUZZ_SECONDS on a seed corpus of every brief
# in the tree (each behind an options byte), keeps new inputs in build/fuzz/corpus, a
# crashing one in build/fuzz/, and fails on any finding after replaying
# tests/fuzz/regressions/. Replay any input: build/fuzz/fuzz_pipeline FILE...
FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -O1 -g
FUZZ_SRC = $(filter-out src/cli.c src/main.c,$(wildcard src/*.c)) build/gen/schema.c
FUZZ_SEEDS = $(wildcard sources/*.xml tests/check/*.xml tests/cites/*.xml tests/hostile/*.xml \
	tests/model/*.xml)

build/fuzz/fuzz_pipeline: tests/fuzz/fuzz_pipeline.c tests/fuzz/fuzz.h $(FUZZ_SRC) src/*.h build/.deps-build
	@mkdir -p build/fuzz
	clang $(WARN) $(CPPFLAGS) $(FUZZ_FLAGS) -DBRIEFC_XSL_DIR='"$(CURDIR)/xsl"' \
		$(PKG_CFLAGS) -Isrc -o $@ tests/fuzz/fuzz_pipeline.c $(FUZZ_SRC) $(PKG_LIBS)

fuzz: build/fuzz/fuzz_pipeline
	rm -rf build/fuzz/seed && mkdir -p build/fuzz/seed build/fuzz/corpus
	@i=0; for f in $(FUZZ_SEEDS); do \
		printf "\\$$(printf %o $$((i % 256)))" | cat - "$$f" >build/fuzz/seed/$$i.xml; \
		i=$$((i + 1)); done
	$(if $(wildcard tests/fuzz/regressions/*),build/fuzz/fuzz_pipeline tests/fuzz/regressions/*)
	build/fuzz/fuzz_pipeline -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		-max_total_time=$(FUZZ_SECONDS) -dict=tests/fuzz/brief.dict \
		-artifact_prefix=build/fuzz/ -print_final_stats=1 \
		build/fuzz/corpus build/fuzz/seed

# The import target: manuscripts (plain text, Markdown, docx) behind a byte choosing
# the reader; seeds are every manuscript of the tree as text and as Markdown, the
# article as a pandoc docx and a docx with external relationships.
IMPORT_SEEDS = $(wildcard tests/import/*.txt tests/import/*.md)

build/fuzz/fuzz_import: tests/fuzz/fuzz_import.c tests/fuzz/fuzz.h $(FUZZ_SRC) src/*.h build/.deps-build
	@mkdir -p build/fuzz
	clang $(WARN) $(CPPFLAGS) $(FUZZ_FLAGS) -DBRIEFC_XSL_DIR='"$(CURDIR)/xsl"' \
		$(PKG_CFLAGS) -Isrc -o $@ tests/fuzz/fuzz_import.c $(FUZZ_SRC) $(PKG_LIBS)

fuzz-import: build/fuzz/fuzz_import
	rm -rf build/fuzz/import-seed && mkdir -p build/fuzz/import-seed build/fuzz/import-corpus
	@i=0; for f in $(IMPORT_SEEDS); do for r in 0 1; do \
		printf "\\$$(printf %o $$r)" | cat - "$$f" >build/fuzz/import-seed/$$i.in; \
		i=$$((i + 1)); done; done
	tests/import/make-docx build/fuzz/article.docx && \
		printf '\002' | cat - build/fuzz/article.docx >build/fuzz/import-seed/docx.in
	tests/import/make-hostile-docx build/fuzz/external.docx external && \
		printf '\002' | cat - build/fuzz/external.docx >build/fuzz/import-seed/external.in
	$(if $(wildcard tests/fuzz/import-regressions/*),build/fuzz/fuzz_import tests/fuzz/import-regressions/*)
	build/fuzz/fuzz_import -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		-max_total_time=$(FUZZ_SECONDS) -artifact_prefix=build/fuzz/import- \
		-print_final_stats=1 build/fuzz/import-corpus build/fuzz/import-seed

.PHONY: fuzz fuzz-import
