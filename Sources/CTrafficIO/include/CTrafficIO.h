/* CTrafficIO: a tiny C API over simdjson (On-Demand) and zlib for TrafficFeatures.
 * No stable API: only TrafficFeatures uses it. One call parses one traffic line into a flat struct,
 * so Swift crosses the boundary once per request and never builds a DOM. */
#ifndef HYDRAWATCH_CTRAFFICIO_H
#define HYDRAWATCH_CTRAFFICIO_H
#include <stddef.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#ifdef __cplusplus
extern "C" {
#endif

/* Bytes simdjson may read past the end of a line; callers guarantee this much readable memory. */
#define HW_JSON_PADDING 64

/* String fields of a traffic line, in contract order. */
enum hw_str_field {
  HW_TS = 0, HW_ACCOUNT_ID, HW_MODEL, HW_REQUEST_ID, HW_ORG_ID, HW_API_KEY_ID, HW_IP, HW_COUNTRY,
  HW_USER_AGENT, HW_CLIENT_FP, HW_PAYMENT_FP, HW_ENDPOINT, HW_SYSTEM_HASH, HW_PROMPT, HW_STOP_REASON,
  HW_STR_FIELD_COUNT
};
/* Integer fields of a traffic line. */
enum hw_int_field {
  HW_INPUT_TOKENS = 0, HW_OUTPUT_TOKENS, HW_ASN, HW_MAX_TOKENS, HW_THINKING_BUDGET, HW_TOOLS,
  HW_TOOL_CALLS, HW_IMAGES, HW_TURNS, HW_CACHE_READ_TOKENS, HW_STATUS, HW_LATENCY_MS,
  HW_INT_FIELD_COUNT
};

enum hw_parse_status {
  HW_OK = 0,
  HW_INVALID_JSON = 1,
  HW_INVALID_UTF8 = 2,
  HW_NOT_AN_OBJECT = 3,
  HW_WRONG_TYPE = 4,      /* error_field: index into str fields, or 100 + index into int fields */
};

typedef struct {
  const char *ptr; /* valid until the next call on the same parser, and while the line's bytes are (an
                      escape-free string points into the line, an unescaped one into the parser) */
  size_t len;
} hw_str;

typedef struct {
  uint32_t str_present;             /* bit i set: string field i was present and not null */
  uint32_t int_present;             /* bit i set: integer field i was present and not null */
  hw_str str[HW_STR_FIELD_COUNT];
  int64_t ints[HW_INT_FIELD_COUNT];
  int status;                       /* hw_parse_status */
  int error_field;                  /* for HW_WRONG_TYPE */
  const char *error_message;        /* static string describing the JSON error, or NULL */
} hw_event;

typedef struct hw_parser hw_parser;

hw_parser *hw_parser_create(size_t max_line_bytes);
void hw_parser_destroy(hw_parser *p);
/* Parses one line (without its newline). `capacity` >= len + HW_JSON_PADDING bytes must be readable.
   The fast reading first, the general one when it declines the line. */
void hw_parse_traffic_line(hw_parser *p, const char *line, size_t len, size_t capacity, hw_event *out);
/* The fast reading alone: 1 when it accepted the line (a flat object of escape-free strings and small
   non-negative integers; `out` then holds what the general reading gives), 0 when it leaves the line to the
   general reading (`out` cleared). Same padding as above. */
int hw_parse_flat_line(hw_parser *p, const char *line, size_t len, hw_event *out);
/* The general reading alone (simdjson On-Demand): every line, every error. */
void hw_parse_general_line(hw_parser *p, const char *line, size_t len, size_t capacity, hw_event *out);

/* gzip (and plain) file reading through zlib: gzread passes uncompressed files through unchanged. */
typedef struct hw_gzfile hw_gzfile;
hw_gzfile *hw_gz_open(const char *path);
hw_gzfile *hw_gz_dopen(int fd);
/* Returns bytes read, 0 at end, -1 on error (message in hw_gz_error). */
long hw_gz_read(hw_gzfile *f, void *buf, unsigned len);
const char *hw_gz_error(hw_gzfile *f);
void hw_gz_close(hw_gzfile *f);

/* Starts loading the cache line at `p` (a no-op without a prefetch builtin). The duplicate filter is far larger
   than the caches; its slots are known a few requests ahead of use. */
static inline void hw_prefetch(const void *p) {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(p, 1, 3);
#else
    (void)p;
#endif
}

/* Starts loading every cache line of [p, p + n): a per-account accumulator spans several lines, and the
   extraction knows a few requests ahead which account comes next. */
static inline void hw_prefetch_range(const void *p, size_t n) {
#if defined(__GNUC__) || defined(__clang__)
    for (size_t i = 0; i < n; i += 64) __builtin_prefetch((const char *)p + i, 1, 3);
#else
    (void)p; (void)n;
#endif
}
/* Bit j (j < 16) set when byte j at `p` is an ASCII letter or digit: the word bytes of `PromptSignals`. Two
   unsigned range tests (x - lo <= span, as min(x - lo, span) == x - lo) and one byte-mask gather; bytes with the
   top bit set are in neither range. A byte loop where SSE2 is missing. */
static inline uint32_t hw_word_bytes16(const void *p) {
#if defined(__SSE2__)
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    __m128i l = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
    __m128i d = _mm_sub_epi8(v, _mm_set1_epi8('0'));
    __m128i is_l = _mm_cmpeq_epi8(_mm_min_epu8(l, _mm_set1_epi8(25)), l);
    __m128i is_d = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d);
    return (uint32_t)_mm_movemask_epi8(_mm_or_si128(is_l, is_d));
#else
    const unsigned char *b = (const unsigned char *)p;
    uint32_t m = 0;
    for (int j = 0; j < 16; j++) {
        unsigned char c = b[j], f = c | 0x20;
        if ((f >= 'a' && f <= 'z') || (c >= '0' && c <= '9')) m |= 1u << j;
    }
    return m;
#endif
}

/* Atomically adds `v` to `*p` and returns the old value (relaxed: the threads that share work through it
   synchronise on a lock between phases). Threads of the extraction claim blocks of lines with it. */
static inline long hw_fetch_add(long *p, long v) {
    return __atomic_fetch_add(p, v, __ATOMIC_RELAXED);
}
#ifdef __cplusplus
}
#endif
#endif
