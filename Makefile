# planbench — build, run and test. `make run` and `make test` are all a new user needs.

CC      ?= cc
BUILD   ?= build
PKGS     = ncursesw sqlite3
DEMO_DB ?= demo.db

# Debian packages the build and the tests need (checked by `make deps`).
BUILD_DEBS = gcc make pkg-config libncurses-dev libsqlite3-dev libcsv-dev
TEST_DEBS  = libcmocka-dev tmux

WARN      = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c11 $(WARN)
CPPFLAGS += -I. -D_DEFAULT_SOURCE $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv

CORE_SRC  = $(wildcard core/*.c)
STORE_SRC = $(wildcard store/*.c)
TUI_SRC   = $(wildcard tui/*.c)
UNIT_SRC  = $(wildcard tests/unit_*.c)

CORE_OBJ  = $(CORE_SRC:%.c=$(BUILD)/%.o)
STORE_OBJ = $(STORE_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ   = $(TUI_SRC:%.c=$(BUILD)/%.o) $(BUILD)/tui/demo_data.o
UNIT_BIN  = $(UNIT_SRC:tests/%.c=$(BUILD)/tests/%)
DEMO_CSV  = $(wildcard sample-data/*.csv)

BIN = $(BUILD)/planbench

.PHONY: all run test asan asan-test deps test-deps layout clean
all: $(BIN)

$(BIN): $(TUI_OBJ) $(STORE_OBJ) $(CORE_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# The demo CSVs are linked into the binary so `init --demo` works anywhere.
$(BUILD)/tui/demo_data.o: tui/demo_data.S $(DEMO_CSV)
	@mkdir -p $(dir $@)
	$(CC) -c -I. -o $@ $<

$(BUILD)/tests/unit_%: tests/unit_%.c $(STORE_OBJ) $(CORE_OBJ)
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
	@$(MAKE) --no-print-directory all units layout
	@sh tests/run.sh $(BUILD)

units: $(UNIT_BIN)

# AddressSanitizer + UBSan build in its own directory; `make asan-test` runs the suite on it.
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
asan:
	@$(MAKE) --no-print-directory BUILD=build-asan CFLAGS="$(ASAN_FLAGS)" LDFLAGS="$(ASAN_FLAGS)" all units
asan-test: test-deps asan
	@ASAN_OPTIONS=detect_leaks=1 sh tests/run.sh build-asan

# core/ must stay free of curses and SQLite, and SQL text lives only in store/.
layout:
	@! grep -lE '#include *[<"](n?curses|ncursesw/curses|sqlite3)\.h' core/*.c core/*.h || { echo "layout: core/ includes curses or sqlite3"; exit 1; }
	@! grep -lE '"[^"]*\b(SELECT|INSERT INTO|DELETE FROM|CREATE TABLE)\b' core/*.[ch] tui/*.[ch] || { echo "layout: SQL outside store/"; exit 1; }

clean:
	rm -rf build build-asan

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
