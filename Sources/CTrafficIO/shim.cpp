// Implementation of the CTrafficIO C API. Kept deliberately small: field dispatch and type checks only.
// SwiftPM's release builds do not define NDEBUG for C++ targets. Without it, simdjson's On-Demand code (inlined
// here from its header) turns every internal SIMDJSON_ASSUME hint into a runtime assert() on the hot path.
#ifndef NDEBUG
#define NDEBUG
#endif
#include "CTrafficIO.h"
#include <simdjson.h>
#include <zlib.h>
#include <cstring>
#include <string_view>

using namespace simdjson;

namespace {
struct key_entry { const char *name; int index; bool is_int; };
const key_entry kKeys[] = {
  {"ts", HW_TS, false}, {"account_id", HW_ACCOUNT_ID, false}, {"model", HW_MODEL, false},
  {"request_id", HW_REQUEST_ID, false}, {"org_id", HW_ORG_ID, false}, {"api_key_id", HW_API_KEY_ID, false},
  {"ip", HW_IP, false}, {"country", HW_COUNTRY, false}, {"user_agent", HW_USER_AGENT, false},
  {"client_fp", HW_CLIENT_FP, false}, {"payment_fp", HW_PAYMENT_FP, false}, {"endpoint", HW_ENDPOINT, false},
  {"system_hash", HW_SYSTEM_HASH, false}, {"prompt", HW_PROMPT, false}, {"stop_reason", HW_STOP_REASON, false},
  {"input_tokens", HW_INPUT_TOKENS, true}, {"output_tokens", HW_OUTPUT_TOKENS, true}, {"asn", HW_ASN, true},
  {"max_tokens", HW_MAX_TOKENS, true}, {"thinking_budget", HW_THINKING_BUDGET, true}, {"tools", HW_TOOLS, true},
  {"tool_calls", HW_TOOL_CALLS, true}, {"images", HW_IMAGES, true}, {"turns", HW_TURNS, true},
  {"cache_read_tokens", HW_CACHE_READ_TOKENS, true}, {"status", HW_STATUS, true}, {"latency_ms", HW_LATENCY_MS, true},
};
constexpr int kKeyCount = sizeof(kKeys) / sizeof(kKeys[0]);
}  // namespace

struct hw_parser {
  ondemand::parser parser;
  /// simdjson's stage 1 (structural indexing, UTF-8 and string checks) on its own, for the fast path of
  /// `parse_flat`; nil if it could not be allocated (then every line takes the On-Demand path).
  std::unique_ptr<internal::dom_parser_implementation> stage1;
  size_t stage1_capacity = 0;
  /// The known key that followed each key on the previous line, as an index into kKeys (-1: none). Slot 0 is the
  /// line start, slot 1 + i follows kKeys[i], the last slot follows an unknown key. Lines of one producer keep one
  /// field order, so the guess names almost every key with a single compare; following the previous key rather
  /// than the position keeps the guesses right after an optional field that a line leaves out.
  signed char next_key[kKeyCount + 2];
  /// The key that followed before `next_key`'s (-1: none): a second guess. Where an optional field comes and goes
  /// (a prompt, a system hash), the key after its predecessor alternates between two, and the first guess alone
  /// missed about once a line on seed-scale traffic; with the second, a few lines in a hundred reach the lookup.
  signed char other_key[kKeyCount + 2];
  explicit hw_parser(size_t max) : parser(max) {
    std::memset(next_key, -1, sizeof next_key);
    std::memset(other_key, -1, sizeof other_key);
  }
};

extern "C" hw_parser *hw_parser_create(size_t max_line_bytes) {
  hw_parser *p = nullptr;
  try { p = new hw_parser(max_line_bytes + HW_JSON_PADDING); } catch (...) { return nullptr; }
  if (get_active_implementation()->create_dom_parser_implementation(max_line_bytes, DEFAULT_MAX_DEPTH, p->stage1)) {
    p->stage1.reset();
  } else {
    p->stage1_capacity = max_line_bytes;
  }
  return p;
}
extern "C" void hw_parser_destroy(hw_parser *p) { delete p; }

namespace {
// A known key as it appears in a line: its name and closing quote, zero-padded to 32 bytes, with a mask of the
// bytes that count. Checking a key against it costs two masked 16-byte vector compares instead of a byte loop.
typedef uint64_t bytes16 __attribute__((vector_size(16)));
struct key_pattern { bytes16 word[2], mask[2]; };
const struct key_patterns {
  key_pattern of[kKeyCount];
  key_patterns() : of{} {
    for (int i = 0; i < kKeyCount; i++) {
      unsigned char bytes[32] = {}, mask[32] = {};
      size_t n = std::strlen(kKeys[i].name);
      std::memcpy(bytes, kKeys[i].name, n);
      bytes[n] = '"';
      std::memset(mask, 0xFF, n + 1);
      std::memcpy(of[i].word, bytes, sizeof bytes);
      std::memcpy(of[i].mask, mask, sizeof mask);
    }
  }
} kPatterns;

// Is the raw key (the bytes after its opening quote) exactly kKeys[i]? Names hold no quote or backslash, so
// equal bytes followed by a quote mean the key is that name, written without escapes. Reading 32 bytes stays
// inside the line's padding: the key starts inside the line.
inline bool raw_key_is(const char *raw, int i) {
  const key_pattern &k = kPatterns.of[i];
  bytes16 lo, hi;
  std::memcpy(&lo, raw, 16);
  std::memcpy(&hi, raw + 16, 16);
  bytes16 diff = ((lo ^ k.word[0]) & k.mask[0]) | ((hi ^ k.word[1]) & k.mask[1]);
  return (diff[0] | diff[1]) == 0;
}

// Dispatch on length first: most lengths have one or two candidate keys, so a line costs ~one memcmp per field.
inline const key_entry *lookup(std::string_view k) {
  static const struct table {
    const key_entry *by_len[24][8];
    int count[24];
    table() : by_len{}, count{} {
      for (const auto &e : kKeys) {
        size_t n = std::strlen(e.name);
        by_len[n][count[n]++] = &e;
      }
    }
  } t;
  size_t n = k.size();
  if (n >= 24) return nullptr;
  const char *d = k.data();
  for (int i = 0; i < t.count[n]; i++) {
    const key_entry *e = t.by_len[n][i];
    // An inline byte loop: keys are ≤ 17 bytes, where a libc memcmp call costs more than the compare.
    size_t j = 0;
    while (j < n && d[j] == e->name[j]) j++;
    if (j == n) return e;
  }
  return nullptr;
}

// The index in kKeys of the known key a field names, or -1 for an unknown key (or on error, then set in `err`).
// Keys are read in place: only a key holding a backslash goes through simdjson's unescaping, which copies it and
// checks escapes. Stage 1 has already rejected invalid UTF-8 and unescaped control characters anywhere in the line.
// A right guess returns the index it already is: no pointer arithmetic on the common path.
inline int resolve_key(ondemand::field &field, int guess, int other, error_code &err) {
  const char *raw = field.key().raw();
  if (guess >= 0 && raw_key_is(raw, guess)) return guess;
  if (other >= 0 && raw_key_is(raw, other)) return other;
  size_t n = 0;
  while (raw[n] != '"' && raw[n] != '\\') n++;  // the closing quote is there: stage 1 found the string's end
  const key_entry *e;
  if (raw[n] == '"') {
    e = lookup(std::string_view(raw, n));
  } else {
    std::string_view key;
    err = field.unescaped_key().get(key);
    e = err ? nullptr : lookup(key);
  }
  return e ? int(e - kKeys) : -1;
}

// A string value's bytes in place when it has no escape. Reading it as a raw string checks that it is one and
// moves the iterator past it, as get_string() would; its token (from the value's start, which stays known) then
// runs from the opening quote to the next structural character: the quoted string plus any whitespace after it.
// Returns false for anything else: not a string (left unread), or a string with a backslash, which the caller
// reads with get_string() (a scalar already read can be read again). `clean` is the line's first backslash (or
// its end): a string ending before it needs no search of its own.
inline bool raw_string(ondemand::value &v, const char *clean, std::string_view &out) {
  ondemand::raw_json_string raw;
  if (v.get_raw_json_string().get(raw)) return false;
  std::string_view tok = v.raw_json_token();
  size_t end = tok.size();
  if (tok[end - 1] != '"') {  // whitespace before the next structural character (rare)
    while (end > 1 && (tok[end - 1] == ' ' || tok[end - 1] == '\t' || tok[end - 1] == '\n' || tok[end - 1] == '\r')) end--;
    if (tok[end - 1] != '"') return false;
  }
  if (end < 2) return false;
  const char *body = tok.data() + 1;
  size_t n = end - 2;
  if (body + n > clean && std::memchr(body, '\\', n)) return false;
  out = std::string_view(body, n);
  return true;
}

// The fast path names keys by a perfect hash of their length and first 8 bytes (the known keys differ there):
// a key's length comes from where the `:` after it is, so naming one key does not wait for the key before it, as
// the guesses of the general path do, and the processor works on a line's fields side by side. The multiplier is
// the first of a fixed sequence that gives every known key a slot of its own; a candidate is still checked
// against the whole key, so an unknown key or whitespace before the `:` only costs the general lookup.
const struct key_hash {
  static constexpr int bits = 7;
  uint64_t multiplier = 0;
  signed char slot[1 << bits];
  static uint64_t word(const char *raw, size_t n) {
    uint64_t w;
    std::memcpy(&w, raw, 8);
    return n >= 8 ? w : w & ((uint64_t(1) << (8 * n)) - 1);
  }
  int of(uint64_t w, size_t n) const { return int(((w ^ (n << 56)) * multiplier) >> (64 - bits)); }
  key_hash() {
    uint64_t state = 0x9E3779B97F4A7C15ull;
    for (int attempt = 0; attempt < 100000; attempt++) {
      state += 0x9E3779B97F4A7C15ull;  // SplitMix64
      uint64_t z = state;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      multiplier = (z ^ (z >> 31)) | 1;
      std::memset(slot, -1, sizeof slot);
      bool clash = false;
      for (int i = 0; i < kKeyCount && !clash; i++) {
        char padded[32] = {};
        size_t n = std::strlen(kKeys[i].name);
        std::memcpy(padded, kKeys[i].name, n);
        int h = of(word(padded, n), n);
        if (slot[h] >= 0) clash = true; else slot[h] = static_cast<signed char>(i);
      }
      if (!clash) return;
    }
    std::memset(slot, -1, sizeof slot);  // unreachable in practice; every key then takes the lookup
  }
} kKeyHash;

inline bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The fast path: a line that is one flat object whose values are all strings without escapes or non-negative
// integers of up to 18 digits (every line of the traffic contract as producers write it), read straight from
// stage 1's structural indexes. Stage 1 has checked UTF-8, closed every string and rejected control characters in
// strings; what is left of JSON's grammar for such a line is checked here: `{`, then per field a string key, `:`,
// a value and `,` or `}`, the `}` being the line's last structural character. Between a string's opening quote
// and the next structural character lie only the string and whitespace (anything else would start a value, which
// stage 1 marks), and without a backslash in the line a string ends at its first closing quote. A field whose
// key wants the other type is left to the general path, which reports it.
//
// Returns false, with `out` partly written, for anything else: a backslash anywhere, null, true, false, a
// negative, fractional, exponent or longer number, a leading zero, a nested value, an empty object, trailing
// content, or an error of stage 1. The On-Demand path then parses the line from the start and gives the answer
// (and the error message) it always gave; both paths give the same event for a line the fast one accepts.
inline bool parse_flat(hw_parser *p, const char *line, size_t len, hw_event *out) {
  internal::dom_parser_implementation *impl = p->stage1.get();
  if (!impl || len == 0 || len > p->stage1_capacity || std::memchr(line, '\\', len)) return false;
  if (impl->stage1(reinterpret_cast<const uint8_t *>(line), len, stage1_mode::regular) != SUCCESS) return false;
  const uint32_t *at = impl->structural_indexes.get();
  const uint32_t n = impl->n_structural_indexes;
  if (n < 5 || line[at[0]] != '{') return false;
  for (uint32_t i = 1;; i += 4) {
    if (i + 3 >= n) return false;
    const uint32_t key = at[i], value = at[i + 2], next = at[i + 3];
    if (line[key] != '"' || line[at[i + 1]] != ':') return false;
    const char sep = line[next];
    if (sep != ',' && sep != '}') return false;
    const char *raw = line + key + 1;
    const size_t length = at[i + 1] - key - 2;  // when no whitespace precedes the `:`
    int found = length < 24 ? kKeyHash.slot[kKeyHash.of(key_hash::word(raw, length), length)] : -1;
    if (found < 0 || !raw_key_is(raw, found)) {
      size_t m = 0;
      while (raw[m] != '"') m++;
      const key_entry *e = lookup(std::string_view(raw, m));
      found = e ? int(e - kKeys) : -1;
    }
    const key_entry *e = found < 0 ? nullptr : &kKeys[found];
    const char c = line[value];
    if (c == '"') {
      if (e && e->is_int) return false;
      size_t end = next;
      while (end > value + 1 && is_json_space(line[end - 1])) end--;
      if (end < value + 2 || line[end - 1] != '"') return false;
      if (e) {
        out->str[e->index].ptr = line + value + 1;
        out->str[e->index].len = end - 1 - (value + 1);
        out->str_present |= (1u << e->index);
      }
    } else if (c >= '0' && c <= '9') {
      if (e && !e->is_int) return false;
      size_t end = next;
      while (end > value && is_json_space(line[end - 1])) end--;
      const size_t digits = end - value;
      if (digits > 18 || (digits > 1 && c == '0')) return false;
      int64_t x;
      if (digits <= 8) {
        // Up to 8 digits at once (the line's padding makes the 8-byte load safe): the digits moved to the top
        // bytes, zeros (leading zero digits) below; every byte must then be 0...9 (a byte with its top bit set
        // is caught before adding, so no carry can hide one); then pairs, quads, octets.
        uint64_t w;
        std::memcpy(&w, line + value, 8);
        w = (w ^ 0x3030303030303030ull) << (8 * (8 - digits));
        if (((w + 0x7676767676767676ull) | w) & 0x8080808080808080ull) return false;
        w = (w * 10 + (w >> 8)) & 0x00FF00FF00FF00FFull;
        w = (w * 100 + (w >> 16)) & 0x0000FFFF0000FFFFull;
        x = static_cast<int64_t>((w * 10000 + (w >> 32)) & 0xFFFFFFFFull);
      } else {
        x = 0;
        for (size_t k = value; k < end; k++) {
          if (static_cast<unsigned char>(line[k] - '0') >= 10) return false;
          x = 10 * x + (line[k] - '0');
        }
      }
      if (e) {
        out->ints[e->index] = x;
        out->int_present |= (1u << e->index);
      }
    } else {
      return false;
    }
    if (sep == '}') return i + 3 == n - 1;
  }
}

inline void fail(hw_event *out, error_code code) {
  out->status = (code == UTF8_ERROR) ? HW_INVALID_UTF8 : HW_INVALID_JSON;
  out->error_message = error_message(code);
}
// After a value failed to read as the field's type: is it null (treated as absent)? A value that starts with
// `n` but is not `null` is no JSON value at all; simdjson reports it as a type error, which would read as
// "wrong type", so it is reported as invalid JSON here. Returns false with `out` set in that case.
inline bool check_null(ondemand::value &v, hw_event *out, bool &is_null) {
  if (v.is_null().get(is_null) == SUCCESS) return true;
  out->status = HW_INVALID_JSON;
  out->error_message = "invalid literal (expected null)";
  return false;
}
// Only called on lines that are not objects: is it valid JSON of another type (array, string, number, literal)?
bool is_json_scalar_or_array(const char *line, size_t len) {
  size_t i = 0, j = len;
  while (i < j && (line[i] == ' ' || line[i] == '\t')) i++;
  while (j > i && (line[j - 1] == ' ' || line[j - 1] == '\t')) j--;
  if (i == j) return false;
  char c = line[i];
  if (c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9')) return true;
  std::string_view v(line + i, j - i);
  return v == "true" || v == "false" || v == "null";
}
}  // namespace

namespace {
inline void clear(hw_event *out) {
  out->str_present = 0;
  out->int_present = 0;
  out->status = HW_OK;
  out->error_field = -1;
  out->error_message = nullptr;
}
}  // namespace

extern "C" int hw_parse_flat_line(hw_parser *p, const char *line, size_t len, hw_event *out) {
  clear(out);
  if (parse_flat(p, line, len, out)) return 1;
  clear(out);
  return 0;
}

extern "C" void hw_parse_traffic_line(hw_parser *p, const char *line, size_t len, size_t capacity, hw_event *out) {
  if (!hw_parse_flat_line(p, line, len, out)) hw_parse_general_line(p, line, len, capacity, out);
}

extern "C" void hw_parse_general_line(hw_parser *p, const char *line, size_t len, size_t capacity, hw_event *out) {
  clear(out);
  ondemand::document doc;
  auto err = p->parser.iterate(line, len, capacity).get(doc);
  if (err) { fail(out, err); return; }
  ondemand::object obj;
  err = doc.get_object().get(obj);
  if (err) {
    if (err == INCORRECT_TYPE && is_json_scalar_or_array(line, len)) {
      out->status = HW_NOT_AN_OBJECT; out->error_message = "a line must be one JSON object";
    } else if (err == INCORRECT_TYPE) {
      out->status = HW_INVALID_JSON; out->error_message = "not JSON";
    } else fail(out, err);
    return;
  }
  // Most lines hold no backslash at all: one search of the line spares a search per string value.
  const char *clean = static_cast<const char *>(std::memchr(line, '\\', len));
  if (!clean) clean = line + len;
  int prev = 0;  // slot in next_key of the key before this one
  for (auto result : obj) {
    ondemand::field field;
    err = std::move(result).get(field);
    if (err) { fail(out, err); return; }
    int guess = p->next_key[prev];
    int found = resolve_key(field, guess, p->other_key[prev], err);
    if (err) { fail(out, err); return; }
    if (found != guess) {  // the most recent successor first, the one before it second
      p->other_key[prev] = static_cast<signed char>(guess);
      p->next_key[prev] = static_cast<signed char>(found);
    }
    if (found < 0) {  // unknown fields are ignored (the value is skipped by the iterator)
      prev = kKeyCount + 1;
      continue;
    }
    prev = found + 1;
    const key_entry *e = &kKeys[found];
    ondemand::value &v = field.value();
    bool is_null = false;
    if (e->is_int) {
      int64_t x = 0;
      err = v.get_int64().get(x);
      if (err == INCORRECT_TYPE) {
        if (!check_null(v, out, is_null)) return;
        if (is_null) continue;  // null is treated as absent
      }
      if (err) {
        if (err == INCORRECT_TYPE || err == NUMBER_ERROR || err == NUMBER_OUT_OF_RANGE) {
          out->status = HW_WRONG_TYPE; out->error_field = 100 + e->index; return;
        }
        fail(out, err); return;
      }
      out->ints[e->index] = x;
      out->int_present |= (1u << e->index);
    } else {
      std::string_view s;
      if (!raw_string(v, clean, s)) {
        err = v.get_string().get(s);
        if (err == INCORRECT_TYPE) {
          if (!check_null(v, out, is_null)) return;
          if (is_null) continue;  // null is treated as absent
        }
        if (err) {
          if (err == INCORRECT_TYPE) { out->status = HW_WRONG_TYPE; out->error_field = e->index; return; }
          fail(out, err); return;
        }
      }
      out->str[e->index].ptr = s.data();
      out->str[e->index].len = s.size();
      out->str_present |= (1u << e->index);
    }
  }
  const char *loc = nullptr;
  if (doc.current_location().get(loc) != OUT_OF_BOUNDS) {
    out->status = HW_INVALID_JSON;
    out->error_message = "trailing content after the JSON object";
  }
}

struct hw_gzfile { gzFile f; };

extern "C" hw_gzfile *hw_gz_open(const char *path) {
  gzFile f = gzopen(path, "rb");
  if (!f) return nullptr;
  gzbuffer(f, 1 << 20);
  return new hw_gzfile{f};
}
extern "C" hw_gzfile *hw_gz_dopen(int fd) {
  gzFile f = gzdopen(fd, "rb");
  if (!f) return nullptr;
  gzbuffer(f, 1 << 20);
  return new hw_gzfile{f};
}
extern "C" long hw_gz_read(hw_gzfile *f, void *buf, unsigned len) {
  int n = gzread(f->f, buf, len);
  return n < 0 ? -1 : n;
}
extern "C" const char *hw_gz_error(hw_gzfile *f) { int e = 0; return gzerror(f->f, &e); }
extern "C" void hw_gz_close(hw_gzfile *f) { if (f) { gzclose(f->f); delete f; } }
