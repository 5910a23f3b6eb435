# claimpack - GNU Makefile.
#
#   make demo      install missing packages, build, run the example claim
#   make test      install missing packages, run every test, plain and
#                  under AddressSanitizer + UndefinedBehaviorSanitizer
#   make           build the library and the claimpack command
#   make install   PREFIX=/usr/local DESTDIR=
#
# Build products go to $(BUILD) (build/, or build-asan/ for the sanitizer
# run), never beside the sources.

# The one version number: CP_VERSION in the public header.
VERSION   := $(shell sed -n 's/^\#define CP_VERSION "\(.*\)"$$/\1/p' include/claimpack.h)
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
LIBDIR    ?= $(PREFIX)/lib
INCDIR    ?= $(PREFIX)/include
DATADIR   ?= $(PREFIX)/share/claimpack
MANDIR    ?= $(PREFIX)/share/man
DOCDIR    ?= $(PREFIX)/share/doc/claimpack
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig

BUILD     ?= build
SAN       ?=
CC        ?= cc
CFLAGS    ?= -O2 -g
PKGS      := libfyaml libqpdf freetype2 harfbuzz-subset libexif libcrypto \
             libqrencode libcurl jansson zlib libturbojpeg libjpeg libpng \
             libheif libwebp libwebpdemux libtiff-4 libutf8proc fribidi \
             zbar poppler-glib libzip libxml-2.0 jbig2dec
# libharu ships no pkg-config file on Debian 12.
HPDF_LIBS := -lhpdf
# The OFD model's arcs and numbers need libm, which no package brings;
# the assembler lets go of the inputs' pages from a thread (pdf/forget.c).
MATH_LIBS := -lm -pthread

ifeq ($(SAN),1)
SANFLAGS  := -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=undefined
# Leaks in other projects' libraries, each explained in the file.
export LSAN_OPTIONS ?= suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
endif

# Recursive (=) so that pkg-config runs only when a recipe needs the
# flags, after tools/deps.sh has had a chance to install it.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) $(HPDF_LIBS) $(MATH_LIBS)
WARN      := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wvla \
             -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
DEFS      := -D_POSIX_C_SOURCE=200809L
# Only what claimpack.h marks CP_EXPORT leaves the library: its cp__
# internals stay inside libclaimpack.so.
ALL_CFLAGS = $(WARN) $(DEFS) -Iinclude -Isrc/lib -I$(BUILD)/gen \
             $(PKG_CFLAGS) $(SANFLAGS) -fPIC -fvisibility=hidden $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

LIB_SRC   := $(sort $(wildcard src/lib/*/*.c))
CLI_SRC   := $(sort $(wildcard src/cli/*.c))
TEMPLATES := $(sort $(wildcard templates/*.yaml))
DATA      := $(sort $(wildcard data/*.yaml))
TEST_SRC  := $(sort $(wildcard tests/test_*.c))

LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/template_data.o \
             $(BUILD)/obj/gen/builtin_data.o
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TEST_BIN  := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

STATIC_LIB := $(BUILD)/libclaimpack.a
SHARED_LIB := $(BUILD)/libclaimpack.so.0
CLI_BIN    := $(BUILD)/claimpack

.PHONY: all deps demo docs-images test check layers unit e2e memcheck fuzz bench bench-clean \
        install uninstall clean

all: $(CLI_BIN) $(SHARED_LIB)

deps:
	@sh tools/deps.sh

$(BUILD)/gen/template_data.c: $(TEMPLATES) tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh $(TEMPLATES) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/builtin_data.c: $(DATA) tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh -a cp__builtin_data $(DATA) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(STATIC_LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(SHARED_LIB): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libclaimpack.so.0 $(ALL_LDFLAGS) -o $@ $^ \
	    $(PKG_LIBS)

# The command links the static library so that it runs from the build
# folder without LD_LIBRARY_PATH; it still uses only claimpack.h.
$(CLI_BIN): $(CLI_OBJ) $(STATIC_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(STATIC_LIB) $(PKG_LIBS)

$(BUILD)/tests/%: tests/%.c $(STATIC_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(STATIC_LIB) \
	    $(shell pkg-config --cflags --libs cmocka) $(PKG_LIBS) $(ALL_LDFLAGS)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# ---- what the README promises ------------------------------------------

demo: deps
	@$(MAKE) --no-print-directory $(CLI_BIN)
	$(CLI_BIN) check examples/inpatient/claim.yaml
	$(CLI_BIN) build examples/inpatient/claim.yaml -o $(BUILD)/example-claim.pdf
	@# init on a copy of the example's papers, without its manifest:
	@# the manifest init writes, and what check says is left to type.
	rm -rf $(BUILD)/demo-papers && mkdir -p $(BUILD)/demo-papers
	cp -R examples/inpatient/billing examples/inpatient/records \
	    examples/inpatient/reports examples/inpatient/imaging \
	    $(BUILD)/demo-papers/
	$(CLI_BIN) init $(BUILD)/demo-papers
	$(CLI_BIN) check $(BUILD)/demo-papers/claim.yaml || [ $$? -eq 1 ]

# The pictures of the example's cover and index in docs/ (refresh them
# when the layout changes), and of the request slip for the example as
# the patient had it in China: without the expense list and the lab
# report, and with the name misspelt on the CT report.
docs-images: demo
	pdftoppm -png -r 80 -f 1 -l 1 -singlefile $(BUILD)/example-claim.pdf docs/cover
	pdftoppm -png -r 80 -f 2 -l 2 -singlefile $(BUILD)/example-claim.pdf docs/index
	rm -rf $(BUILD)/request-example
	cp -R examples/inpatient $(BUILD)/request-example
	awk '/^  - id: (expenses|blood)$$/ { skip = 1; next } \
	    skip && /^$$/ { skip = 0 } !skip' examples/inpatient/claim.yaml | \
	    sed '/^  - id: ct$$/,/^$$/s/SMITH JOHN/SMITH JON/' \
	    > $(BUILD)/request-example/claim.yaml
	$(CLI_BIN) request $(BUILD)/request-example/claim.yaml \
	    -o $(BUILD)/example-request.pdf
	pdftoppm -png -r 80 -singlefile $(BUILD)/example-request.pdf docs/request

test: deps
	@$(MAKE) --no-print-directory check
	@$(MAKE) --no-print-directory BUILD=build-asan SAN=1 check
	@$(MAKE) --no-print-directory memcheck
	@echo "all tests passed (plain, ASan+UBSan, and valgrind memcheck)"

# The example's check, build, request and init once under valgrind
# memcheck: no errors, no definite leaks (the plain build, as valgrind
# and ASan do not mix).
VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full \
            --errors-for-leak-kinds=definite --show-leak-kinds=definite \
            --suppressions=tests/valgrind.supp
memcheck: $(CLI_BIN)
	$(VALGRIND) $(CLI_BIN) check examples/inpatient/claim.yaml > /dev/null
	$(VALGRIND) $(CLI_BIN) build examples/inpatient/claim.yaml \
	    -o $(BUILD)/memcheck.pdf --quiet
	$(VALGRIND) $(CLI_BIN) request examples/inpatient/claim.yaml \
	    -o $(BUILD)/memcheck-request.pdf --quiet
	$(VALGRIND) $(CLI_BIN) init examples/inpatient \
	    -o $(BUILD)/memcheck-init.yaml --force --quiet
	@echo "memcheck: no errors, no definite leaks"

# One configuration: the layering rule, unit tests, then end-to-end tests
# of the binary.
check: layers unit e2e

# Includes point down the layers and no files or folders call each other
# in a loop (tools/layers.sh); only the public cp_ functions are exported;
# a cp__ internal that one file alone uses is static (tools/internals.sh).
layers: $(LIB_OBJ) $(SHARED_LIB)
	sh tools/layers.sh $(BUILD)
	sh tools/exports.sh $(SHARED_LIB)
	sh tools/internals.sh $(BUILD)

# The fake verification service the verify tests talk to, on 127.0.0.1.
$(BUILD)/tests/verify_server: tests/verify_server.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(DEFS) $(SANFLAGS) $(CFLAGS) -o $@ $<

unit: $(TEST_BIN) $(BUILD)/tests/verify_server
	@set -e; for t in $(TEST_BIN); do echo "== $$t"; \
	    VERIFY_SERVER=$(BUILD)/tests/verify_server ./$$t; done

# Tools the end-to-end tests inspect bundles with: libqpdf alone, and a
# PGM pixel counter.  Neither uses claimpack's code.
E2E_TOOLS := $(BUILD)/tests/inspect $(BUILD)/tests/ink

$(BUILD)/tests/inspect: tests/e2e/inspect.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(SANFLAGS) $(CFLAGS) -o $@ $< $(shell pkg-config --cflags --libs libqpdf)

$(BUILD)/tests/ink: tests/e2e/ink.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(SANFLAGS) $(CFLAGS) -o $@ $<

e2e: $(CLI_BIN) $(E2E_TOOLS) $(BUILD)/tests/verify_server
	sh tests/e2e/run.sh $(CLI_BIN)
	sh tests/e2e/mistakes.sh $(CLI_BIN)
	sh tests/e2e/cli.sh $(CLI_BIN)
	sh tests/e2e/build.sh $(CLI_BIN) $(E2E_TOOLS)
	sh tests/e2e/talk.sh $(CLI_BIN)
	sh tests/e2e/once.sh $(CLI_BIN)
	sh tests/e2e/bad.sh $(CLI_BIN)
	sh tests/e2e/jpeg.sh $(CLI_BIN)
	sh tests/e2e/damaged.sh $(CLI_BIN) $(BUILD)/tests/ink
	sh tests/e2e/raster.sh $(CLI_BIN)
	sh tests/e2e/formats.sh $(CLI_BIN)
	sh tests/e2e/scripts.sh $(CLI_BIN) $(BUILD)/tests/ink
	sh tests/e2e/verify.sh $(CLI_BIN) $(BUILD)/tests/verify_server
	sh tests/e2e/read.sh $(CLI_BIN)
	sh tests/e2e/ofd.sh $(CLI_BIN) $(BUILD)/tests/ink
	sh tests/e2e/originals.sh $(CLI_BIN)
	sh tests/e2e/imaging.sh $(CLI_BIN)
	sh tests/e2e/init.sh $(CLI_BIN)
	sh tests/e2e/request.sh $(CLI_BIN)

# ---- not part of make test ------------------------------------------------

# libFuzzer targets (clang) into build-fuzz/; run one with
# sh tests/fuzz/run.sh TARGET SECONDS.  See docs/robustness.md.
fuzz:
	@CLAIMPACK_DEPS=fuzz sh tools/deps.sh
	@$(MAKE) --no-print-directory $(BUILD)/gen/template_data.c \
	    $(BUILD)/gen/builtin_data.c
	sh tests/fuzz/build.sh

# The benchmark at claim scale: writes bench/RESULTS.md (bench/README.md).
bench: deps
	sh bench/run.sh

bench-clean:
	rm -rf bench/work

# ---- installation --------------------------------------------------------

$(BUILD)/claimpack.pc: claimpack.pc.in
	@mkdir -p $(@D)
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	    -e 's|@INCDIR@|$(INCDIR)|g' -e 's|@VERSION@|$(VERSION)|g' \
	    -e 's|@PKGS@|$(PKGS)|g' $< > $@

install: all $(BUILD)/claimpack.pc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR) \
	    $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(DATADIR)/templates \
	    $(DESTDIR)$(DATADIR)/fonts $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(CLI_BIN) $(DESTDIR)$(BINDIR)/claimpack
	install -m 644 $(STATIC_LIB) $(DESTDIR)$(LIBDIR)/libclaimpack.a
	install -m 755 $(SHARED_LIB) $(DESTDIR)$(LIBDIR)/libclaimpack.so.0
	ln -sf libclaimpack.so.0 $(DESTDIR)$(LIBDIR)/libclaimpack.so
	install -m 644 include/claimpack.h $(DESTDIR)$(INCDIR)/claimpack.h
	install -m 644 $(BUILD)/claimpack.pc $(DESTDIR)$(PKGCONFIGDIR)/claimpack.pc
	install -m 644 $(TEMPLATES) $(DESTDIR)$(DATADIR)/templates/
	install -m 644 fonts/README.md $(DESTDIR)$(DATADIR)/fonts/README.md
	install -m 644 docs/claimpack.1 $(DESTDIR)$(MANDIR)/man1/claimpack.1
	@# The documents the man page points to, and the example claim.
	install -d $(DESTDIR)$(DOCDIR)/docs $(DESTDIR)$(DOCDIR)/examples
	install -m 644 README.md LICENSE $(DESTDIR)$(DOCDIR)/
	install -m 644 docs/*.md docs/*.png $(DESTDIR)$(DOCDIR)/docs/
	cp -R examples/inpatient $(DESTDIR)$(DOCDIR)/examples/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/claimpack $(DESTDIR)$(LIBDIR)/libclaimpack.a \
	    $(DESTDIR)$(LIBDIR)/libclaimpack.so.0 $(DESTDIR)$(LIBDIR)/libclaimpack.so \
	    $(DESTDIR)$(INCDIR)/claimpack.h $(DESTDIR)$(PKGCONFIGDIR)/claimpack.pc \
	    $(DESTDIR)$(MANDIR)/man1/claimpack.1
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

clean:
	rm -rf build build-asan build-fuzz
