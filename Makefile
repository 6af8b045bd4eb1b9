# netfeat: one non-recursive Makefile.  See README.md.

# User variables.
PREFIX	?= /usr/local
DESTDIR	?=
BINDIR	= $(PREFIX)/bin
MANDIR	= $(PREFIX)/share/man
SHAREDIR = $(PREFIX)/share/netfeat
CC	?= cc
CFLAGS	?= -O2 -g
LDFLAGS	?=
WERROR	?=
# Build directory; asan uses its own so both builds can coexist.
B	?= build
# The shared corpus and golden outputs (optional; used by conformance).
SHARED	?= ../shared
PKG_CONFIG ?= pkg-config

PCAP_CFLAGS	!= $(PKG_CONFIG) --cflags libpcap 2>/dev/null || true
PCAP_LIBS	!= $(PKG_CONFIG) --libs libpcap 2>/dev/null || echo -lpcap
JANSSON_CFLAGS	!= $(PKG_CONFIG) --cflags jansson 2>/dev/null || true
JANSSON_LIBS	!= $(PKG_CONFIG) --libs jansson 2>/dev/null || echo -ljansson
CHECK_CFLAGS	!= $(PKG_CONFIG) --cflags check 2>/dev/null || true
CHECK_LIBS	!= $(PKG_CONFIG) --libs check 2>/dev/null || echo -lcheck
# libcsv ships no .pc file.
CSV_LIBS	= -lcsv

NF_CPPFLAGS = -D_DEFAULT_SOURCE -D_GNU_SOURCE -Ilibcommon \
	$(PCAP_CFLAGS) $(JANSSON_CFLAGS)
NF_CFLAGS = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
	-Wno-missing-field-initializers $(WERROR) -MMD -MP
# Every program links libcommon.a and, as needed, the libraries below:
# --as-needed keeps each binary's dependencies to what it uses.
NF_LDLIBS = -Wl,--as-needed $(PCAP_LIBS) $(CSV_LIBS) $(JANSSON_LIBS) -lm -pthread

# Sources.  Every cmd/NAME.c is a program with its man page cmd/NAME.1;
# every libcommon/*.c goes into libcommon.a; every tests/check_UNIT.c is a
# Check unit test; every tests/tNNNN-*.sh a shell test.
PROGS	= $(patsubst cmd/%.c,%,$(wildcard cmd/*.c))
LIBSRC	= $(wildcard libcommon/*.c)
LIBOBJ	= $(LIBSRC:libcommon/%.c=$(B)/obj/lib/%.o)
UNITSRC	= $(wildcard tests/check_*.c)
UNITS	= $(UNITSRC:tests/%.c=$(B)/tests/%)
TOOLSRC	= $(wildcard tests/tools/*.c)
TOOLS	= $(TOOLSRC:tests/tools/%.c=$(B)/tools/%)
FUZZSRC	= $(wildcard tests/fuzz/fuzz_*.c)
SCRIPTS	= scripts/pcap2cic scripts/pcap2kdd
MAN1	= $(wildcard cmd/*.1) $(wildcard scripts/*.1)
MAN5	= $(wildcard libcommon/*.5)
MAN7	= $(wildcard scripts/*.7)
BINS	= $(PROGS:%=$(B)/bin/%)

.PHONY: all check unit shell conformance demo bench install uninstall \
	clean asan fuzz fuzz-smoke deps check-live lint

all: $(BINS) $(TOOLS)

$(B)/obj/lib/%.o: libcommon/%.c
	@mkdir -p $(@D)
	$(CC) $(NF_CPPFLAGS) $(CPPFLAGS) $(NF_CFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/obj/cmd/%.o: cmd/%.c
	@mkdir -p $(@D)
	$(CC) $(NF_CPPFLAGS) $(CPPFLAGS) $(NF_CFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/libcommon.a: $(LIBOBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(B)/bin/%: $(B)/obj/cmd/%.o $(B)/libcommon.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libcommon.a $(NF_LDLIBS)

$(B)/tests/check_%: tests/check_%.c $(B)/libcommon.a
	@mkdir -p $(@D)
	$(CC) $(NF_CPPFLAGS) $(CPPFLAGS) $(CHECK_CFLAGS) $(NF_CFLAGS) \
		$(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libcommon.a $(NF_LDLIBS) \
		$(CHECK_LIBS)

# Small test and benchmark helpers (the libpcap floor, generators).
$(B)/tools/%: tests/tools/%.c $(B)/libcommon.a
	@mkdir -p $(@D)
	$(CC) $(NF_CPPFLAGS) $(CPPFLAGS) $(NF_CFLAGS) $(CFLAGS) $(LDFLAGS) \
		-o $@ $< $(B)/libcommon.a $(NF_LDLIBS)

.SECONDARY:

-include $(wildcard $(B)/obj/*/*.d $(B)/tests/*.d $(B)/tools/*.d)

# Install missing build and test dependencies (Debian).
deps:
	@sh scripts/install-deps.sh --if-missing

check: deps
	@$(MAKE) --no-print-directory all $(UNITS)
	@sh tests/run-tests.sh $(B)

unit: all $(UNITS)
	@sh tests/run-tests.sh --unit-only $(B)

shell: all
	@sh tests/run-tests.sh --shell-only $(B)

conformance: deps
	@$(MAKE) --no-print-directory all
	@sh tests/conformance/run.sh $(B) $(SHARED)

check-live: deps
	@$(MAKE) --no-print-directory all
	@bash tests/live/run.sh $(B)

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
# A sanitizer report exits 86, never 1, so a test expecting exit 1 for bad
# input cannot pass on a memory error.
# Check's per-test timeouts are stretched: sanitized code runs slower.
SAN_ENV = ASAN_OPTIONS=exitcode=86:detect_leaks=1 \
	UBSAN_OPTIONS=exitcode=86:print_stacktrace=1 LSAN_OPTIONS=exitcode=86 \
	CK_TIMEOUT_MULTIPLIER=5
asan: deps
	@$(SAN_ENV) $(MAKE) --no-print-directory B=build-asan CC=clang \
		CFLAGS="$(ASAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
		WERROR="$(WERROR)" check conformance

FUZZ_SECONDS ?= 60
fuzz: deps
	@$(MAKE) --no-print-directory B=build-fuzz CC=clang \
		CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" \
		$$(for f in $(FUZZSRC); do \
		b=$$(basename $$f .c); echo build-fuzz/fuzz/$$b; done)

build-fuzz/fuzz/%: tests/fuzz/%.c build-fuzz/libcommon.a
	@mkdir -p $(@D)
	$(CC) $(NF_CPPFLAGS) $(NF_CFLAGS) $(CFLAGS) -fsanitize=fuzzer \
		-o $@ $< build-fuzz/libcommon.a $(NF_LDLIBS)

fuzz-smoke: fuzz
	@sh tests/fuzz/smoke.sh build-fuzz/fuzz $(FUZZ_SECONDS) $(SHARED)

demo: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh $(B)

bench: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/bench.sh $(B)

# One mandoc run, so that a warning in any page fails the target.
lint:
	@mandoc -Tlint -W warning $(MAN1) $(MAN5) $(MAN7)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(SHAREDIR)
	for p in $(PROGS); do cp -f $(B)/bin/$$p $(DESTDIR)$(BINDIR)/$$p; \
		chmod 755 $(DESTDIR)$(BINDIR)/$$p; done
	for s in $(wildcard $(SCRIPTS)); do cp -f $$s $(DESTDIR)$(BINDIR)/; \
		chmod 755 $(DESTDIR)$(BINDIR)/$$(basename $$s); done
	test ! -f scripts/netfeat.mk || cp -f scripts/netfeat.mk \
		$(DESTDIR)$(SHAREDIR)/netfeat.mk
	for m in $(MAN1); do cp -f $$m $(DESTDIR)$(MANDIR)/man1/; done
	for m in $(MAN5); do cp -f $$m $(DESTDIR)$(MANDIR)/man5/; done
	for m in $(MAN7); do cp -f $$m $(DESTDIR)$(MANDIR)/man7/; done

uninstall:
	for p in $(PROGS); do rm -f $(DESTDIR)$(BINDIR)/$$p; done
	for s in $(SCRIPTS); do rm -f $(DESTDIR)$(BINDIR)/$$(basename $$s); \
		done
	rm -f $(DESTDIR)$(SHAREDIR)/netfeat.mk
	-rmdir $(DESTDIR)$(SHAREDIR) 2>/dev/null
	for m in $(MAN1); do rm -f $(DESTDIR)$(MANDIR)/man1/$$(basename $$m); \
		done
	for m in $(MAN5); do rm -f $(DESTDIR)$(MANDIR)/man5/$$(basename $$m); \
		done
	for m in $(MAN7); do rm -f $(DESTDIR)$(MANDIR)/man7/$$(basename $$m); \
		done

clean:
	rm -rf build build-asan build-fuzz
