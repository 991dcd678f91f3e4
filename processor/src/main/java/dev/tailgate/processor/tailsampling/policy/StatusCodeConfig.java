package dev.tailgate.processor.tailsampling.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.util.List;
import java.util.Set;

/** {@code status_code}: keeps traces with a span whose status is one of {@code status_codes}. */
public record StatusCodeConfig(@JsonProperty("status_codes") List<String> statusCodes)
    implements Validatable {
  static final Set<String> KNOWN = Set.of("OK", "ERROR", "UNSET");

  public StatusCodeConfig {
    statusCodes = statusCodes == null ? List.of() : statusCodes;
  }

  @Override
  public void validate(ConfigErrors errors) {
    if (statusCodes.isEmpty()) {
      errors.add("status_codes", "must list at least one of OK, ERROR, UNSET");
      return;
    }
    for (int i = 0; i < statusCodes.size(); i++) {
      String code = statusCodes.get(i);
      errors.check(
          code != null && KNOWN.contains(code),
          "status_codes[" + i + "]",
          "\"" + code + "\" is not a status code (OK, ERROR, UNSET)");
    }
  }
}
