# jingsai — build, test, bench, install.
#   make                 build ./jingsai
#   make test            unit suites (cmocka), CLI scenarios, tmux scenarios
#   make test SANITIZE=1 the same under AddressSanitizer + UBSan
#   make bench           loader and lint figures on a generated 100,000-question bank
#   make fuzz            libFuzzer over the loader (clang), FUZZ_SECONDS=60
#   make install         PREFIX=/usr/local DESTDIR=  (make uninstall the same)
#   make run             practice on the bundled banks
#   make man             check the man pages (groff, mandoc) against each --help
#   make completion      check the bash and zsh completions
#   make deb             the Debian package into build/deb/ (make deb-test: and dpkg -i it)

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share
MANDIR   ?= $(PREFIX)/share/man
LOCALEDIR ?= $(DATADIR)/locale
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR ?= $(DATADIR)/zsh/site-functions
DESTDIR  ?=

CC       ?= cc
PKG_CONFIG ?= pkg-config
LIBS_PC  := yaml-0.1 readline
VERSION  := 0.1.0

WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wformat=2
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CPPFLAGS) $(CFLAGS) \
	     -I$(BUILD) $(PC_CFLAGS)
ifeq ($(WERROR),1)
ALL_CFLAGS += -Werror
endif

# SANITIZE=1 builds everything into a separate tree so the two never mix.
ifeq ($(SANITIZE),1)
BUILD    := build/san
ALL_CFLAGS += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_LDFLAGS := -fsanitize=address,undefined
else
BUILD    := build/rel
SAN_LDFLAGS :=
endif
# BUILDDIR=DIR builds into a private tree (parallel work in one checkout).
ifneq ($(BUILDDIR),)
BUILD    := $(BUILDDIR)
endif

# Libraries are looked up lazily so that 'make test' can install them first.
PC_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(LIBS_PC) 2>/dev/null)
PC_LIBS   = $(shell $(PKG_CONFIG) --libs $(LIBS_PC) 2>/dev/null)
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

# The core: everything but main.c, linked into the binary and every test.
CORE_SRC := $(filter-out src/main.c,$(wildcard src/*.c))
CORE_OBJ := $(CORE_SRC:src/%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/main.o
LIBCORE  := $(BUILD)/libjingsai.a

TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

# UI catalogs: po/LANG.po compiled into the build tree, where the uninstalled
# binary finds them (see src/i18n.c).
LINGUAS  := zh_CN
MO       := $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/jingsai.mo)

# Per-test link flags, LDFLAGS_test_<name>: test_atomic wraps the system calls
# of a file replacement to make each of them fail in turn, test_book fsync.
LDFLAGS_test_atomic := -Wl,--wrap=write,--wrap=fsync,--wrap=close,--wrap=fchmod,--wrap=rename
LDFLAGS_test_book := -Wl,--wrap=fsync
LDFLAGS_test_journal := -Wl,--wrap=write,--wrap=fdatasync,--wrap=fsync
LDFLAGS_test_board := -Wl,--wrap=write,--wrap=fsync

BIN      := jingsai
ifneq ($(SANITIZE)$(BUILDDIR),)
BIN      := $(BUILD)/jingsai
endif

.PHONY: FORCE all deps test check unit cli tmux browser pot update-po po-check bench fuzz install uninstall clean format run \
	man completion deb deb-test

all: $(BIN) $(MO)

deps:
	@$(PKG_CONFIG) --exists $(LIBS_PC) cmocka 2>/dev/null && command -v tmux >/dev/null \
	  && command -v msgfmt >/dev/null && command -v mandoc >/dev/null && command -v zsh >/dev/null \
	  && /usr/bin/python3 -c 'import jsonschema, yaml' 2>/dev/null || ./scripts/install-deps.sh

$(BUILD)/%.o: src/%.c $(wildcard src/*.h) $(BUILD)/config.h | $(BUILD)
	$(CC) $(ALL_CFLAGS) -Isrc -c -o $@ $<

# config.h holds what the build was configured with; it is rewritten only when
# that changes (say, another PREFIX), so objects rebuild exactly then.
$(BUILD)/config.h: FORCE | $(BUILD)
	@printf '#define JINGSAI_VERSION "%s"\n#define JINGSAI_DATADIR "%s"\n' \
	  '$(VERSION)' '$(DATADIR)/jingsai' > $@.tmp
	@printf '#define JINGSAI_LOCALEDIR "%s"\n#define JINGSAI_SRCDIR "%s"\n' \
	  '$(LOCALEDIR)' '$(CURDIR)' >> $@.tmp
	@printf '#define JINGSAI_BUILD_LOCALEDIR "%s"\n' '$(abspath $(BUILD)/locale)' >> $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

FORCE:

$(LIBCORE): $(CORE_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BIN): $(MAIN_OBJ) $(LIBCORE)
	$(CC) $(SAN_LDFLAGS) $(LDFLAGS) -o $@ $(MAIN_OBJ) $(LIBCORE) $(PC_LIBS)

$(BUILD)/tests/%: tests/%.c $(LIBCORE) $(wildcard tests/*.h) | $(BUILD)
	@mkdir -p $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Isrc -Itests -o $@ $< $(LIBCORE) \
	  $(SAN_LDFLAGS) $(LDFLAGS) $(LDFLAGS_$*) $(CMOCKA_LIBS) $(PC_LIBS)

$(BUILD):
	@mkdir -p $@

$(BUILD)/locale/%/LC_MESSAGES/jingsai.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# 'make pot' extracts the strings; 'make update-po' merges them into po/*.po.
XGETTEXT_FLAGS := --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
	--keyword=ngettext:1,2 --keyword=diag_add:6 --keyword=err_at:4 --keyword=warn_at:4 \
	--keyword=ERR_EV:2 --keyword=report:5 --keyword=cell_error:3 \
	--keyword=cell_warning:3 --keyword=gift_report:4 --keyword=aiken_report:3 \
	--add-comments=TRANSLATORS: --package-name=jingsai \
	--package-version=$(VERSION) --msgid-bugs-address= --sort-by-file
pot:
	@mkdir -p build
	xgettext $(XGETTEXT_FLAGS) -o po/jingsai.pot $(sort $(wildcard src/*.c))

update-po: pot
	for l in $(LINGUAS); do msgmerge --quiet --update --backup=none po/$$l.po po/jingsai.pot; done

# Every string in the sources has a translation that is neither missing nor
# fuzzy: extract afresh, merge into a copy, count.
po-check:
	@sh tests/po-check.sh $(LINGUAS)

# 'make test' = unit suites, then CLI scenarios, then terminal scenarios.
test: deps
	@$(MAKE) --no-print-directory all $(TEST_BIN)
	@$(MAKE) --no-print-directory unit cli tmux browser po-check

check: test

unit: $(TEST_BIN)
	@fail=0; for t in $(TEST_BIN); do \
	  echo "== $$t"; (cd tests && JINGSAI_TESTDATA=data ../$$t) 2>&1 || fail=1; \
	done; exit $$fail

cli: $(BIN) $(MO)
	@JINGSAI=$(abspath $(BIN)) sh tests/cli/run.sh

tmux: $(BIN) $(MO) $(LIBCORE)
	@JINGSAI=$(abspath $(BIN)) sh tests/tmux/run.sh
	@JINGSAI=$(abspath $(BIN)) LIBJINGSAI=$(abspath $(LIBCORE)) sh tests/tmux/keys.sh

# The scoreboard page in headless Chromium (tests/browser/run.sh): mkboard
# writes the pages, the script checks the DOM and keeps screenshots in
# $(BUILD)/browser.
browser: $(LIBCORE)
	@mkdir -p $(BUILD)/browser
	$(CC) $(ALL_CFLAGS) -Isrc -o $(BUILD)/browser/mkboard tests/browser/mkboard.c $(LIBCORE) \
	  $(SAN_LDFLAGS) $(LDFLAGS) $(PC_LIBS)
	@MKBOARD=$(abspath $(BUILD)/browser/mkboard) OUT=$(abspath $(BUILD)/browser) \
	  sh tests/browser/run.sh

bench: deps
	@$(MAKE) --no-print-directory SANITIZE= all
	@$(MAKE) --no-print-directory build/bench/yamlscan build/bench/measure build/bench/timer \
	  build/bench/buzzlat build/bench/scorelat
	@sh bench/run.sh ./jingsai build/bench/yamlscan build/bench/measure

build/bench/yamlscan: bench/yamlscan.c
	@mkdir -p build/bench
	$(CC) -std=c11 -O2 $(WARN) $$($(PKG_CONFIG) --cflags yaml-0.1) -o $@ $< $$($(PKG_CONFIG) --libs yaml-0.1)

build/bench/timer: bench/timer.c build/rel/libjingsai.a
	@mkdir -p build/bench
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< build/rel/libjingsai.a $(PC_LIBS)

build/bench/measure: bench/measure.c
	@mkdir -p build/bench
	$(CC) -std=c11 -D_DEFAULT_SOURCE -O2 $(WARN) -o $@ $<

# The live competition's figures (bench/host.sh): they drive the real binary.
build/bench/buzzlat: bench/buzzlat.c
	@mkdir -p build/bench
	$(CC) -std=c11 -D_DEFAULT_SOURCE -O2 $(WARN) -o $@ $< -lutil

build/bench/scorelat: bench/scorelat.c
	@mkdir -p build/bench
	$(CC) -std=c11 -D_DEFAULT_SOURCE -O2 $(WARN) -o $@ $<

# The fuzz target links the loader's modules only (no command layer).
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_SRC := $(addprefix src/,load.c yamlev.c arena.c diag.c mem.c text.c json.c strbuf.c yamlmsg.c)
fuzz: deps
	@mkdir -p build/fuzz build/fuzz/corpus
	$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) -g -O1 \
	  -fsanitize=fuzzer,address,undefined -Isrc -Itests $$($(PKG_CONFIG) --cflags yaml-0.1) \
	  -o build/fuzz/fuzz_load tests/fuzz/fuzz_load.c $(FUZZ_SRC) $$($(PKG_CONFIG) --libs yaml-0.1)
	build/fuzz/fuzz_load -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=5 \
	  -artifact_prefix=build/fuzz/ build/fuzz/corpus tests/fuzz/corpus

# Practice on the bundled banks: on a terminal the interactive session,
# otherwise one answer per line of standard input, ending at its end.
run: deps
	@$(MAKE) --no-print-directory all
	$(abspath $(BIN)) practice questions

# The man pages (man/*.N, translations in man/LANG/; the paths in them name
# /usr/local/share, replaced by DATADIR) and completions installed; the binary
# is the one this build makes ($(BIN): build/san/jingsai under SANITIZE=1).
# Its data directory, $(DATADIR)/jingsai, is compiled in, so PREFIX must be
# the same at build and install time; DESTDIR need not.
MANPAGES := $(wildcard man/*.[1-8] man/*/*.[1-8])
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/jingsai/questions \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/jingsai
	install -m 644 questions/*.yaml questions/schema.json $(DESTDIR)$(DATADIR)/jingsai/questions/
	for p in $(MANPAGES); do \
	  l=$${p#man/}; l=$${l%/*}; case $$l in *.*) l=;; *) l=$$l/;; esac; \
	  d=$(DESTDIR)$(MANDIR)/$${l}man$${p##*.}; \
	  install -d $$d && sed 's|/usr/local/share|$(DATADIR)|g' $$p > $$d/$${p##*/} && \
	  chmod 644 $$d/$${p##*/} || exit 1; \
	done
	install -m 644 completion/jingsai.bash $(DESTDIR)$(BASHCOMPDIR)/jingsai
	install -m 644 completion/_jingsai $(DESTDIR)$(ZSHCOMPDIR)/_jingsai
	for l in $(LINGUAS); do \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/jingsai.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/jingsai $(DESTDIR)$(BASHCOMPDIR)/jingsai $(DESTDIR)$(ZSHCOMPDIR)/_jingsai
	rm -rf $(DESTDIR)$(DATADIR)/jingsai
	for p in $(MANPAGES); do \
	  l=$${p#man/}; l=$${l%/*}; case $$l in *.*) l=;; *) l=$$l/;; esac; \
	  rm -f $(DESTDIR)$(MANDIR)/$${l}man$${p##*.}/$${p##*/}; \
	done
	for l in $(LINGUAS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/jingsai.mo; done

# The scenarios of tests/cli/unix.sh alone (make test runs them too).
man: $(BIN)
	@JINGSAI=$(abspath $(BIN)) sh tests/cli/run.sh 'man:'

completion: $(BIN)
	@JINGSAI=$(abspath $(BIN)) sh tests/cli/run.sh 'completion:'

# The Debian package (scripts/build-deb.sh: dpkg-buildpackage in build/deb/,
# then lintian), and that package installed on this machine with dpkg -i and
# tried (scripts/deb-test.sh).  Neither is part of make test: the package build
# runs the whole suite again.
deb:
	@sh scripts/build-deb.sh

deb-test:
	@sh scripts/deb-test.sh

clean:
	rm -rf build jingsai

format:
	clang-format -i src/*.c src/*.h tests/*.c tests/*.h tests/fuzz/*.c bench/*.c 2>/dev/null || \
	  clang-format -i $$(ls src/*.[ch] tests/*.[ch] tests/fuzz/*.c bench/*.c 2>/dev/null)
