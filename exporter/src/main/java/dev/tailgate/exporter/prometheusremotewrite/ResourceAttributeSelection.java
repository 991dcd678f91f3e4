package dev.tailgate.exporter.prometheusremotewrite;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which resource attributes become labels of every series of their resource. {@code included} and
 * {@code excluded} are glob patterns ({@code *} any run of characters, {@code ?} one); an excluded
 * match wins, and with nothing included, excluding alone means "all but these". {@code all} is the
 * older form (every attribute), less the three service attributes with {@code excludeService} (they
 * are in {@code job} and {@code instance} already).
 */
record ResourceAttributeSelection(
    boolean all, boolean excludeService, List<String> included, List<String> excluded) {
  static final ResourceAttributeSelection NONE =
      new ResourceAttributeSelection(false, false, List.of(), List.of());
  static final ResourceAttributeSelection ALL =
      new ResourceAttributeSelection(true, false, List.of(), List.of());

  private static final Set<String> SERVICE =
      Set.of(
          ResourceLabels.SERVICE_NAME,
          ResourceLabels.SERVICE_NAMESPACE,
          ResourceLabels.SERVICE_INSTANCE_ID);

  ResourceAttributeSelection {
    included = List.copyOf(included);
    excluded = List.copyOf(excluded);
  }

  /** True when no attribute is copied, whatever the resource holds. */
  boolean none() {
    return !all && included.isEmpty() && excluded.isEmpty();
  }

  boolean copies(String key) {
    if (all) {
      return !excludeService || !SERVICE.contains(key);
    }
    if (none() || matchesAny(excluded, key)) {
      return false;
    }
    return included.isEmpty() || matchesAny(included, key);
  }

  private static boolean matchesAny(List<String> globs, String key) {
    for (String glob : globs) {
      if (glob(glob).matcher(key).matches()) {
        return true;
      }
    }
    return false;
  }

  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
