package dev.tailgate.processor.redaction;

/**
 * What happens to an attribute because of its key alone, in the Collector's order of precedence.
 */
enum KeyDecision {
  /** {@code ignored_keys}: passed through untouched, value and all. */
  IGNORE,
  /** Not allowed ({@code allow_all_keys} false and not in {@code allowed_keys}): removed. */
  REMOVE,
  /** Matches {@code blocked_key_patterns}: the whole value is masked. */
  MASK,
  /** Kept; its value is searched for blocked parts. */
  SCAN
}
