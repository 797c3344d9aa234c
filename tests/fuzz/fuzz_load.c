/*
 * fuzz_load.c — libFuzzer target for the bank loader (make fuzz).
 *
 * Each input is loaded as a bank from memory; besides the sanitizers, the
 * invariants of check_load.h must hold (no leak, a consistent model).
 */
#include <stdint.h>
#include <stdlib.h>

#include "check_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (check_load((const char *)data, size) != 0)
		abort();
	return 0;
}
