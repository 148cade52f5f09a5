/*
** keyset.c: the keys seen so far, in bounded memory (keyset.h).
**
** Rows are committed in input order on one thread, and each one must be
** told at once whether its key came before (and on which line), so the set
** answers while the file streams, standard input too: there is no second
** pass. It keeps the keys in segments:
**
** - The current segment is an open-addressing table of 64-bit hashes and
**   record numbers, at most half full, doubling from 1 024 slots: what a
**   file of fewer than about half a million keys uses, and all it uses.
**   A lookup is one cache miss, which keyset_prefetch starts early.
** - When the table has reached max_slots (12 MiB by default) and is full, it
**   spills: its pairs, sorted (by slot, run_key), are appended to an
**   unlinked temporary file in TMPDIR as a run of 4 KiB pages, and the
**   table starts empty. Of a run, memory keeps only the first key of each
**   page (8 bytes per 341 keys), and every spilled key goes into one Bloom
**   filter.
** - A key not in the table is looked up in the filter (one cache line, also
**   prefetched); only when the filter says "maybe" is each run searched:
**   its page index in memory, then one pread of the one page that can hold
**   the key (from the page cache, as a rule).
**
** One filter for all runs, rather than one per run, keeps a lookup at two
** cache misses however many runs there are; it costs a confirmation in
** every run on a false "maybe", and true duplicates are rare. The filter is
** made once, at the first spill, 16 bytes per slot of the table (16 MiB by
** default): 14 bits per spilled key at 10 million keys, a false "maybe" for
** 0.24 % of the keys not there (0.01 % at 5 million, 2 % at 15 million, 25 %
** at 30 million). It is not grown, so memory stays bounded whatever the
** number of keys (12 + 16 MiB, plus 0.02 bytes of index per key); past 15
** million keys only the share of lookups that read pages rises, and with it
** the time. Runs are never merged: at 10 million keys there are 19, and
** merging would copy every key again several times to save reads that are
** already rare.
**
** Keys are compared by hash only, in the table and in the runs alike, so the
** answers do not depend on where a key is kept: the same as one table of
** every key. The hash's low bits pick the slot in the table and the
** filter's block, its high 32 the filter's bits in the block.
*/
/* MADV_HUGEPAGE, pread/pwrite, O_TMPFILE (Linux) */
#define _GNU_SOURCE
#include "keyset.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "arena.h"
#include "i18n.h"
#include "invariant.h"
#include "strmap.h"

enum {
    PAGE = 4096,
    PAGE_KEYS = PAGE / 12,   /* 341 hashes, then their 341 records */
    STAGE_PAGES = 16         /* pages written at a time */
};

struct KeyRun {
    uint64_t off;     /* where its first page is in the file */
    size_t n;         /* keys */
    uint64_t *first;  /* per page, its first (smallest) hash */
};

/* strmap's hash, mixed so that its low bits (the slot) depend on all of it;
** never 0, which marks an empty slot. */
uint64_t keyset_hash(const char *s, size_t len)
{
    uint64_t h = strmap_hash(s, len);
    h ^= h >> 29;
    return h ? h : 1;
}

/* A zeroed array for the key table and the filter. Past 2 MiB it is
** aligned to and backed by huge pages where the system allows (madvise):
** each lookup lands on a random place in it, and with ordinary 4 KiB pages
** each would also miss the TLB; at a million keys that was a tenth of
** check's time. Free with free(). */
static void *table_alloc(size_t n, size_t size)
{
    enum { HUGE = 2 * 1024 * 1024 };
    size_t bytes = n * size;
    if (bytes < HUGE) {
        void *p = calloc(n, size);
        if (!p)
            arena_out_of_memory(bytes);
        return p;
    }
    bytes = (bytes + HUGE - 1) / HUGE * HUGE;
    void *p = aligned_alloc(HUGE, bytes);
    if (!p)
        arena_out_of_memory(bytes);
#ifdef MADV_HUGEPAGE
    (void)madvise(p, bytes, MADV_HUGEPAGE);   /* a hint: without it the table still works */
#endif
    return memset(p, 0, bytes);
}

void keyset_init(KeySet *k, size_t max_slots)
{
    memset(k, 0, sizeof *k);
    /* a power of two, at least 16: the filter's blocks are half as many */
    k->max_slots = 16;
    while (k->max_slots < (max_slots ? max_slots : KEYSET_SLOTS))
        k->max_slots *= 2;
    while (((size_t)1 << k->bits) < k->max_slots)
        k->bits++;
    k->fd = -1;
}

void keyset_free(KeySet *k)
{
    free(k->hash);
    free(k->record);
    for (size_t i = 0; i < k->n_runs; i++)
        free(k->runs[i].first);
    free(k->runs);
    free(k->filter);
    free(k->page);
    free(k->dir);
    if (k->fd >= 0)
        close(k->fd);
    memset(k, 0, sizeof *k);
    k->fd = -1;
}

size_t keyset_bytes(const KeySet *k)
{
    size_t b = k->cap * (sizeof *k->hash + sizeof *k->record) + k->filter_blocks * 32 +
               k->cap_runs * sizeof *k->runs;
    for (size_t i = 0; i < k->n_runs; i++)
        b += (k->runs[i].n + PAGE_KEYS - 1) / PAGE_KEYS * sizeof *k->runs[i].first;
    if (k->page)
        b += STAGE_PAGES * PAGE;
    return b;
}

/* {====== the filter: a split-block Bloom filter (as Parquet's), eight
** 32-bit words a block, one bit set in each word per key. */

static const uint32_t SALT[8] = {0x47b6137bU, 0x44974d91U, 0x8824ad5bU, 0xa2b7289dU,
                                 0x705495c7U, 0x2df1424bU, 0x9efc4947U, 0x5c6bfb31U};

static uint32_t *filter_block(const KeySet *k, uint64_t h)
{
    return k->filter + 8 * (size_t)(h & (k->filter_blocks - 1));
}

static void filter_add(KeySet *k, uint64_t h)
{
    uint32_t *b = filter_block(k, h), x = (uint32_t)(h >> 32);
    for (int i = 0; i < 8; i++)
        b[i] |= 1u << ((x * SALT[i]) >> 27);
}

static bool filter_may_have(const KeySet *k, uint64_t h)
{
    const uint32_t *b = filter_block(k, h);
    uint32_t x = (uint32_t)(h >> 32);
    for (int i = 0; i < 8; i++)
        if (!(b[i] & (1u << ((x * SALT[i]) >> 27))))
            return false;
    return true;
}

/* }====== */

void keyset_prefetch(const KeySet *k, uint64_t h)
{
    if (k->cap)
        __builtin_prefetch(&k->hash[h & (k->cap - 1)]);
    if (k->filter)
        __builtin_prefetch(filter_block(k, h));
}

/* {====== spilling the table to a run */

/* Opens k's temporary file: unlinked from the start (O_TMPFILE), or made
** and unlinked at once where the file system cannot do that. In TMPDIR, as
** a person sets it, else /tmp (tmpfile() would not heed TMPDIR). */
static bool open_file(KeySet *k, char *msg, size_t n)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    free(k->dir);
    k->dir = xstrdup(dir);
    int fd = -1;
#ifdef O_TMPFILE
    fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#else
    errno = EOPNOTSUPP;
#endif
    if (fd < 0 && errno != ENOENT && errno != ENOTDIR && errno != EACCES) {
        size_t len = strlen(dir);
        char *path = xmalloc(len + 32);
        snprintf(path, len + 32, "%s/medel-nycklar-XXXXXX", dir);
        fd = mkostemp(path, O_CLOEXEC);
        if (fd >= 0)
            unlink(path);
        free(path);
    }
    if (fd < 0) {
        snprintf(msg, n, _("efter %zu nycklar behövs en tillfällig fil för dem, men ingen kan skapas i '%s': %s; ange en mapp med plats i TMPDIR"),
                 k->n, dir, i18n_strerror(errno));
        return false;
    }
    k->fd = fd;
    return true;
}

static bool write_all(KeySet *k, const unsigned char *p, size_t len, uint64_t off, char *msg, size_t n)
{
    while (len) {
        ssize_t w = pwrite(k->fd, p, len, (off_t)off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            snprintf(msg, n, _("kan inte skriva nycklarnas tillfälliga fil i '%s': %s; ange en mapp med plats i TMPDIR"),
                     k->dir, w < 0 ? i18n_strerror(errno) : i18n_strerror(ENOSPC));
            return false;
        }
        p += w;
        len -= (size_t)w;
        off += (uint64_t)w;
    }
    return true;
}

/* A run is sorted by the hash turned right by the table's bits (run_key),
** that is by slot first: then the table, read from slot to slot, is in that
** order but for the few keys of one cluster (linear probing moves a key
** only forward past the keys before it), so a spill sorts only clusters,
** of a few keys each, in one pass over the table, and adds the keys to the
** filter (whose block is also from the low bits) in order of its memory. */
static uint64_t run_key(const KeySet *k, uint64_t h)
{
    return h >> k->bits | h << (64 - k->bits);
}

typedef struct Pair {
    uint64_t key;   /* run_key of the hash */
    uint32_t record;
} Pair;

/* Where spill writes: pages built in k->page and written when it is full. */
typedef struct Out {
    KeySet *k;
    KeyRun *run;
    size_t at;      /* keys placed so far */
    uint64_t off;   /* where k->page goes in the file */
    bool failed;
} Out;

static bool flush(Out *o, size_t bytes, char *msg, size_t n)
{
    if (!o->failed && bytes && !write_all(o->k, o->k->page, bytes, o->off, msg, n))
        o->failed = true;
    o->off += bytes;
    memset(o->k->page, 0, bytes);
    return !o->failed;
}

/* Appends the cluster c[0..m) to the run, sorted by key. */
static void emit(Out *o, Pair *c, size_t m, char *msg, size_t n)
{
    for (size_t i = 1; i < m; i++) {
        Pair v = c[i];
        size_t j = i;
        for (; j > 0 && c[j - 1].key > v.key; j--)
            c[j] = c[j - 1];
        c[j] = v;
    }
    KeySet *k = o->k;
    for (size_t i = 0; i < m; i++) {
        size_t page = o->at / PAGE_KEYS, slot = o->at % PAGE_KEYS, in_stage = page % STAGE_PAGES;
        if (slot == 0 && in_stage == 0 && o->at)
            flush(o, STAGE_PAGES * PAGE, msg, n);
        unsigned char *pg = k->page + in_stage * PAGE;
        memcpy(pg + slot * sizeof c[i].key, &c[i].key, sizeof c[i].key);
        memcpy(pg + PAGE_KEYS * sizeof c[i].key + slot * sizeof c[i].record, &c[i].record, sizeof c[i].record);
        if (slot == 0)
            o->run->first[page] = c[i].key;
        o->at++;
    }
}

/* Writes the table as a new run, adds its keys to the filter, and empties
** it. False (why in msg) when the file cannot be made or written; the set
** is then of no more use. */
static bool spill(KeySet *k, char *msg, size_t n)
{
    if (k->fd < 0 && !open_file(k, msg, n))
        return false;
    if (!k->page)
        k->page = memset(xmalloc(STAGE_PAGES * PAGE), 0, STAGE_PAGES * PAGE);
    if (!k->filter) {
        k->filter_blocks = k->max_slots / 2;   /* 16 bytes a slot */
        k->filter = table_alloc(k->filter_blocks, 32);
    }
    if (k->n_runs == k->cap_runs) {
        k->cap_runs = k->cap_runs ? 2 * k->cap_runs : 16;
        k->runs = xrealloc(k->runs, k->cap_runs * sizeof *k->runs);
    }
    size_t keys = k->n, cap = k->cap, mask = cap - 1, pages = (keys + PAGE_KEYS - 1) / PAGE_KEYS;
    KeyRun *run = &k->runs[k->n_runs];
    run->off = k->end;
    run->n = keys;
    run->first = xmalloc((pages ? pages : 1) * sizeof *run->first);
    Out o = {k, run, 0, k->end, false};
    size_t cap_c = 64, m = 0;
    Pair *c = xmalloc(cap_c * sizeof *c);
    const uint64_t *h = k->hash;
    size_t e = 0;   /* the first empty slot: a cluster ends there */
    while (h[e])
        e++;
    /* Slots before e hold keys at home there and keys that wrapped round
    ** from the last cluster: the first go first, the others with that
    ** cluster, last. */
    for (size_t j = 0; j < e; j++)
        if ((h[j] & mask) <= j) {
            if (m == cap_c)
                c = xrealloc(c, (cap_c *= 2) * sizeof *c);
            c[m++] = (Pair){run_key(k, h[j]), k->record[j]};
        }
    emit(&o, c, m, msg, n);
    m = 0;
    for (size_t j = e + 1; j <= cap; j++) {
        if (j < cap && h[j]) {
            if (m == cap_c)
                c = xrealloc(c, (cap_c *= 2) * sizeof *c);
            c[m++] = (Pair){run_key(k, h[j]), k->record[j]};
            continue;
        }
        if (j == cap)   /* the last cluster reaches the end: with the keys that wrapped */
            for (size_t w = 0; w < e; w++)
                if ((h[w] & mask) > w) {
                    if (m == cap_c)
                        c = xrealloc(c, (cap_c *= 2) * sizeof *c);
                    c[m++] = (Pair){run_key(k, h[w]), k->record[w]};
                }
        emit(&o, c, m, msg, n);
        m = 0;
    }
    free(c);
    size_t left = o.at - (o.at ? (o.at - 1) / PAGE_KEYS / STAGE_PAGES * STAGE_PAGES * PAGE_KEYS : 0);
    flush(&o, (left + PAGE_KEYS - 1) / PAGE_KEYS * PAGE, msg, n);
    ASSERT(o.at == keys);   /* every key of the table, in one of its clusters */
    if (o.failed) {
        free(run->first);
        return false;
    }
    for (size_t j = 0; j < cap; j++)
        if (h[j])
            filter_add(k, h[j]);
    k->end += pages * PAGE;
    k->n_runs++;
    k->n_spilled += keys;
    memset(k->hash, 0, k->cap * sizeof *k->hash);
    k->n = 0;
    return true;
}

/* }====== */

/* The record with hash h in the run, or 0; -1 (why in msg) on a read error. */
static int64_t run_find(KeySet *k, const KeyRun *run, uint64_t hash, char *msg, size_t n)
{
    uint64_t h = run_key(k, hash);
    size_t pages = (run->n + PAGE_KEYS - 1) / PAGE_KEYS;
    if (!pages || h < run->first[0])
        return 0;
    size_t lo = 0, hi = pages;   /* the last page whose first hash is <= h */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (run->first[mid] <= h)
            lo = mid;
        else
            hi = mid;
    }
    size_t c = run->n - lo * PAGE_KEYS < PAGE_KEYS ? run->n - lo * PAGE_KEYS : PAGE_KEYS;
    uint64_t off = run->off + lo * PAGE;
    size_t got = 0;
    while (got < PAGE) {
        ssize_t g = pread(k->fd, k->page + got, PAGE - got, (off_t)(off + got));
        if (g < 0 && errno == EINTR)
            continue;
        if (g <= 0) {
            snprintf(msg, n, _("kan inte läsa nycklarnas tillfälliga fil i '%s': %s"), k->dir,
                     g < 0 ? i18n_strerror(errno) : i18n_strerror(EIO));
            return -1;
        }
        got += (size_t)g;
    }
    const uint64_t *hv = (const uint64_t *)(const void *)k->page;   /* malloc'd: aligned */
    size_t a = 0, b = c;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (hv[mid] < h)
            a = mid + 1;
        else
            b = mid;
    }
    if (a == c || hv[a] != h)
        return 0;
    uint32_t rec;
    memcpy(&rec, k->page + PAGE_KEYS * sizeof(uint64_t) + a * sizeof rec, sizeof rec);
    return rec;
}

bool keyset_seen(KeySet *k, uint64_t h, uint32_t record, uint32_t *earlier, char *msg, size_t n)
{
    *earlier = 0;
    if (2 * (k->n + 1) > k->cap) {
        if (k->cap < k->max_slots) {
            size_t cap = k->cap ? 2 * k->cap : (k->max_slots < 1024 ? k->max_slots : 1024);
            uint64_t *nh = table_alloc(cap, sizeof *nh);
            uint32_t *nr = table_alloc(cap, sizeof *nr);
            for (size_t i = 0; i < k->cap; i++) {
                if (!k->hash[i])
                    continue;
                size_t j = k->hash[i] & (cap - 1);
                while (nh[j])
                    j = (j + 1) & (cap - 1);
                nh[j] = k->hash[i];
                nr[j] = k->record[i];
            }
            free(k->hash);
            free(k->record);
            k->hash = nh;
            k->record = nr;
            k->cap = cap;
        } else if (!spill(k, msg, n)) {
            return false;
        }
    }
    size_t j = h & (k->cap - 1);
    for (; k->hash[j]; j = (j + 1) & (k->cap - 1))
        if (k->hash[j] == h) {
            *earlier = k->record[j];
            return true;
        }
    if (k->n_spilled && filter_may_have(k, h))
        for (size_t i = 0; i < k->n_runs; i++) {
            int64_t got = run_find(k, &k->runs[i], h, msg, n);
            if (got < 0)
                return false;
            if (got) {
                *earlier = (uint32_t)got;
                return true;
            }
        }
    k->hash[j] = h;
    k->record[j] = record;
    k->n++;
    return true;
}
