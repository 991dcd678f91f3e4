package dev.tailgate.processor.redaction;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides per key: ignored, removed, masked or scanned. Keys repeat endlessly in telemetry, so
 * decisions that need the blocked key regex are remembered, up to a bound (high-cardinality keys
 * would otherwise grow the cache without end; past the bound they are simply decided again).
 */
final class KeyRules {
  static final int CACHE_LIMIT = 4096;

  private final boolean allowAllKeys;
  private final Set<String> allowed;
  private final Set<String> ignored;
  private final AnyRegex blockedKeys;
  private final AnyRegex ignoredKeyPatterns;
  private final boolean everyKeyScanned;
  private final ConcurrentHashMap<String, KeyDecision> remembered = new ConcurrentHashMap<>();

  /** {@code alwaysAllowed}: the summary attributes, which must survive a second redaction. */
  KeyRules(RedactionConfig config, Set<String> alwaysAllowed) {
    this.allowAllKeys = config.allowAllKeys();
    Set<String> allowedKeys = new HashSet<>(config.allowedKeys());
    allowedKeys.addAll(alwaysAllowed);
    this.allowed = Set.copyOf(allowedKeys);
    this.ignored = Set.copyOf(config.ignoredKeys());
    this.blockedKeys =
        config.blockedKeyPatterns().isEmpty()
            ? null
            : new AnyRegex(config.blockedKeyPatterns(), true);
    this.ignoredKeyPatterns =
        config.ignoredKeyPatterns().isEmpty()
            ? null
            : new AnyRegex(config.ignoredKeyPatterns(), false);
    this.everyKeyScanned =
        allowAllKeys && ignored.isEmpty() && blockedKeys == null && ignoredKeyPatterns == null;
  }

  KeyDecision decide(String key) {
    if (everyKeyScanned) {
      return KeyDecision.SCAN;
    }
    if (blockedKeys == null && ignoredKeyPatterns == null) {
      return decideBySets(key);
    }
    KeyDecision decision = remembered.get(key);
    if (decision == null) {
      // ignored_key_patterns, as ignored_keys, come before every other rule.
      decision =
          ignoredKeyPatterns != null && ignoredKeyPatterns.foundIn(key)
              ? KeyDecision.IGNORE
              : decideBySets(key);
      if (decision == KeyDecision.SCAN && blockedKeys != null && blockedKeys.foundIn(key)) {
        decision = KeyDecision.MASK;
      }
      if (remembered.size() < CACHE_LIMIT) {
        remembered.put(key, decision);
      }
    }
    return decision;
  }

  /** Whether every key is scanned, so that no key needs reading to decide. */
  boolean scansEveryKey() {
    return everyKeyScanned;
  }

  int rememberedCount() {
    return remembered.size();
  }

  private KeyDecision decideBySets(String key) {
    if (ignored.contains(key)) {
      return KeyDecision.IGNORE;
    }
    if (!allowAllKeys && !allowed.contains(key)) {
      return KeyDecision.REMOVE;
    }
    return KeyDecision.SCAN;
  }
}
