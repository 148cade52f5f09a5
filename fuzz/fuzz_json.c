/*
** fuzz_json.c: bytes -> an application file of a fixed rule program
** (tests/golden/run/alla_policyer.medel) read by apps_open as JSON (an array,
** or JSON Lines detected by content) and as JSON Lines, evaluating every
** valid application.
*/
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_memfd_path(data, size);
    fuzz_read_apps(path, INPUT_JSON);
    fuzz_read_apps(path, INPUT_JSONL);
    return 0;
}
