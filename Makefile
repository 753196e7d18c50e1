# planbench — build, run and test. `make run` and `make test` are all a new user needs.

VERSION  = 0.1.0
CC      ?= cc
BUILD   ?= build
PREFIX  ?= /usr/local
PKGS     = ncursesw sqlite3
DEMO_DB ?= demo.db

# Debian packages the build and the tests need (checked by `make deps`).
BUILD_DEBS = gcc make pkg-config libncurses-dev libsqlite3-dev libcsv-dev
TEST_DEBS  = libcmocka-dev tmux libxml2-utils chromium sqlite3 valgrind

WARN      = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS   ?= -O2 -g
override CFLAGS += -std=c11 $(WARN)
CPPFLAGS += -I. -D_DEFAULT_SOURCE -DPB_VERSION='"$(VERSION)"' $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -pthread

CORE_SRC  = $(wildcard core/*.c)
STORE_SRC = $(wildcard store/*.c)
TUI_SRC   = $(wildcard tui/*.c)
UNIT_SRC  = $(wildcard tests/unit_*.c)

CORE_OBJ  = $(CORE_SRC:%.c=$(BUILD)/%.o)
STORE_OBJ = $(STORE_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ   = $(TUI_SRC:%.c=$(BUILD)/%.o) $(BUILD)/tui/demo_data.o $(BUILD)/tui/terminfo_data.o
UNIT_BIN  = $(UNIT_SRC:tests/%.c=$(BUILD)/tests/%)
DEMO_CSV  = $(wildcard sample-data/*.csv)

BIN = $(BUILD)/planbench

.PHONY: all run test asan asan-test valgrind-test deps test-deps layout clean static install uninstall fuzz bench
all: $(BIN)

$(BIN): $(TUI_OBJ) $(STORE_OBJ) $(CORE_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# SQLite's session extension (store/sync*.c): Debian's library has it; its declarations need these.
$(BUILD)/store/sync.o $(BUILD)/store/sync_%.o: CPPFLAGS += -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_PREUPDATE_HOOK

# The demo CSVs are linked into the binary so `init --demo` works anywhere.
$(BUILD)/tui/demo_data.o: tui/demo_data.S $(DEMO_CSV)
	@mkdir -p $(dir $@)
	$(CC) -c -I. -o $@ $<

# Compiled terminal descriptions of common terminals, linked in for machines that lack one for $$TERM.
TERMINFO_NAMES = xterm-256color xterm screen-256color screen tmux-256color tmux linux vt100 vt220 rxvt-unicode-256color putty-256color
TERMINFO_DIRS  = /etc/terminfo /lib/terminfo /usr/share/terminfo
$(BUILD)/tui/terminfo_data.S: Makefile
	@mkdir -p $(dir $@)
	@{ echo '.section .rodata'; echo '.global terminfo_blob'; echo 'terminfo_blob:'; \
	  for n in $(TERMINFO_NAMES); do \
	    f=$$(find $(TERMINFO_DIRS) -name "$$n" -type f 2>/dev/null | head -n 1); [ -n "$$f" ] || continue; \
	    echo ".asciz \"$$n\""; echo '.long 1f - 0f'; echo "0: .incbin \"$$f\""; echo '1:'; \
	  done; echo '.global terminfo_blob_end'; echo 'terminfo_blob_end:'; \
	  echo '.section .note.GNU-stack,"",@progbits'; } > $@
$(BUILD)/tui/terminfo_data.o: $(BUILD)/tui/terminfo_data.S
	$(CC) -c -o $@ $<

$(BUILD)/tests/unit_%: tests/unit_%.c $(STORE_OBJ) $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

# The workbench's objects but main.o, as a library: unit tests of its screen logic (tests/unit_tui_*.c) take from it
# only what they use, and need no terminal.
TUI_LIB = $(BUILD)/libplanbench-tui.a
$(TUI_LIB): $(filter-out $(BUILD)/tui/main.o,$(TUI_OBJ))
	@rm -f $@
	$(AR) rcs $@ $^
$(BUILD)/tests/unit_tui_%: tests/unit_tui_%.c $(TUI_LIB) $(STORE_OBJ) $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

# Installs what is missing when we are root or have sudo; otherwise says how.
deps:
	@sh tests/deps.sh $(BUILD_DEBS)
test-deps:
	@sh tests/deps.sh $(BUILD_DEBS) $(TEST_DEBS)

run: deps
	@$(MAKE) --no-print-directory all
	@test -f $(DEMO_DB) || ./$(BIN) --db $(DEMO_DB) init --demo
	./$(BIN) --db $(DEMO_DB)

test: test-deps
	@$(MAKE) --no-print-directory all units layout static
	@sh tests/run.sh $(BUILD)

# The benchmark (bench/), not part of `make test` (tests/e2e_bench.sh runs a 1,000-action one there): synthetic
# databases of 1,000, 10,000 and 100,000 actions, every operation timed; BENCH_ARGS="--sizes 1000 --runs 5" for less.
BENCH_SRC = $(wildcard bench/*.c)
BENCH_BIN = $(BUILD)/bench/planbench-bench
$(BENCH_BIN): $(BENCH_SRC:%.c=$(BUILD)/%.o) $(STORE_OBJ) $(CORE_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lm
bench:
	@sh tests/deps.sh $(BUILD_DEBS) sqlite3
	@$(MAKE) --no-print-directory all $(BENCH_BIN)
	./$(BENCH_BIN) --bin $(BIN) $(BENCH_ARGS)

units: $(UNIT_BIN) $(BENCH_BIN)

# AddressSanitizer + UBSan build in its own directory; `make asan-test` runs the suite on it.
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
asan:
	@$(MAKE) --no-print-directory BUILD=build-asan CFLAGS="$(ASAN_FLAGS)" LDFLAGS="$(ASAN_FLAGS)" all units
asan-test: test-deps asan static
	@ASAN_OPTIONS=detect_leaks=1 sh tests/run.sh build-asan

# The end-to-end command-line tests with every run of the binary under valgrind (no errors, no definite leaks);
# VALGRIND_TESTS="e2e_cli.sh …" runs only those (CI runs the command-line paths; ASan runs everything).
valgrind-test: test-deps
	@$(MAKE) --no-print-directory all
	@sh tests/valgrind.sh $(BUILD) $(VALGRIND_TESTS)

# Fuzzing, not part of `make test`: libFuzzer (clang) runs the CSV import path and the date reader for FUZZ_TIME
# seconds each, seeded from sample-data/ and tests/fixtures/; a crash is kept as build-fuzz/crash-* and fails the run.
FUZZ_DEBS  = clang
FUZZ_TIME ?= 60
FUZZ_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_DATES = '(Years?|YEAR) [0-9][^,"]*|[A-Z][a-zA-Z]{2,8}[- ][0-9]{2,4}[^,"]*|[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}[^,"]*'
fuzz:
	@sh tests/deps.sh $(BUILD_DEBS) $(FUZZ_DEBS)
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang CFLAGS="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" \
	  build-fuzz/tests/fuzz_import build-fuzz/tests/fuzz_when
	@mkdir -p build-fuzz/corpus/import build-fuzz/corpus/when build-fuzz/seeds/when
	@grep -ohE $(FUZZ_DATES) sample-data/*.csv | sort -u | \
	  awk '{ f = sprintf("build-fuzz/seeds/when/%03d", NR); printf "%s", $$0 > f; close(f) }'
	build-fuzz/tests/fuzz_import -max_total_time=$(FUZZ_TIME) -timeout=20 -print_final_stats=1 \
	  -artifact_prefix=build-fuzz/crash-import- build-fuzz/corpus/import sample-data tests/fixtures
	build-fuzz/tests/fuzz_when -max_total_time=$(FUZZ_TIME) -timeout=20 -print_final_stats=1 \
	  -artifact_prefix=build-fuzz/crash-when- build-fuzz/corpus/when build-fuzz/seeds/when

$(BUILD)/tests/fuzz_%: tests/fuzz_%.c $(STORE_OBJ) $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

# One statically linked binary (ncursesw, SQLite, libcsv inside) for machines with no libraries.
STATIC_LIBS = $(shell pkg-config --static --libs ncursesw sqlite3 2>/dev/null) -lcsv -pthread
static: deps
	@$(MAKE) --no-print-directory BUILD=build-static LDFLAGS="-static" LDLIBS="$(STATIC_LIBS)" all
	@echo "build-static/planbench: $$(du -h build-static/planbench | cut -f1), static"

# No root needed with PREFIX=$$HOME/.local; uninstall removes exactly what install wrote.
INSTALLED = $(DESTDIR)$(PREFIX)/bin/planbench $(DESTDIR)$(PREFIX)/share/man/man1/planbench.1 \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions/planbench \
	    $(addprefix $(DESTDIR)$(PREFIX)/share/planbench/sample-data/,$(notdir $(DEMO_CSV)) FORMAT.md)
install: all
	install -D -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/planbench
	install -D -m 0644 tui/planbench.1 $(DESTDIR)$(PREFIX)/share/man/man1/planbench.1
	install -D -m 0644 tui/planbench.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/planbench
	install -d $(DESTDIR)$(PREFIX)/share/planbench/sample-data
	install -m 0644 $(DEMO_CSV) sample-data/FORMAT.md $(DESTDIR)$(PREFIX)/share/planbench/sample-data/
uninstall:
	rm -f $(INSTALLED)
	-rmdir $(DESTDIR)$(PREFIX)/share/planbench/sample-data $(DESTDIR)$(PREFIX)/share/planbench 2>/dev/null

# core/ must stay free of curses and SQLite, and SQL text lives only in store/.
layout:
	@! grep -lE '#include *[<"](n?curses|ncursesw/curses|sqlite3)\.h' core/*.c core/*.h || { echo "layout: core/ includes curses or sqlite3"; exit 1; }
	@! grep -lE '"[^"]*\b(SELECT|INSERT INTO|DELETE FROM|CREATE TABLE)\b' core/*.[ch] tui/*.[ch] bench/*.[ch] || { echo "layout: SQL outside store/"; exit 1; }

clean:
	rm -rf build build-asan build-static build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
