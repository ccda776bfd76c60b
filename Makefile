# SPDX-License-Identifier: GPL-2.0-only
# Top-level entry points: build, run under QEMU, test, benchmark, format check.
#
#   make                 build xen/xenolith (multiboot1 32-bit ELF) and xen/xenolith.gz (GRUB)
#   make run             install missing Debian packages, build, boot under QEMU on this terminal
#                        (BOOT=kernel|iso SMP=2 MEM=1G CPU=qemu64 CMDLINE="..." override the defaults)
#   make test            unit + boot + guest tests; last line "N passed, N failed[, N skipped]"
#                        (SKIP="guests guests-xen" leaves layers out; make test-<layer> runs one)
#   make bench           boot-time and footprint figures against Xen 4.17 (not a test)
#   make format-check    clang-format report (warnings only; STRICT=1 makes it fail)
#   make clean

BOOT    ?= kernel
SMP     ?= 2
MEM     ?= 1G
CPU     ?= qemu64
CMDLINE ?= console=com1 com1=115200,8n1 loglvl=all

all: xen

xen:
	$(MAKE) -C xen

deps:
	scripts/install-deps.sh

run: deps
	$(MAKE) -C xen
	@echo "Booting Xenolith ($(BOOT), -smp $(SMP) -m $(MEM) -cpu $(CPU)); without a dom0 it powers off"
	@echo "and QEMU exits by itself."
	scripts/run-qemu.sh --boot $(BOOT) --smp $(SMP) --mem $(MEM) --cpu $(CPU) --cmdline "$(CMDLINE)"

test: xen
	tests/run-all.sh

test-unit test-boot test-guests test-guests-xen test-linux test-domains test-domains-xen: xen
	tests/run-all.sh $(@:test-%=%)

bench: xen
	tests/bench/run.sh

format-check:
	scripts/format-check.sh

clean:
	$(MAKE) -C xen clean
	rm -rf build tests/unit/build tests/guests/build

.PHONY: all xen deps run test test-unit test-boot test-guests test-guests-xen test-linux test-domains test-domains-xen bench format-check clean
