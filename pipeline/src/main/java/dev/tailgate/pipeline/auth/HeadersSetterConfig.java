package dev.tailgate.pipeline.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailgate.pipeline.config.ConfigErrors;
import dev.tailgate.pipeline.config.Validatable;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code extensions.headers_setter}, in the Collector's shape: headers an exporter adds to each
 * request, each with a fixed {@code value} or {@code from_context}. The context a request has here
 * is who sent its data, as the receiver authenticated it: {@code from_context: tenant} (or {@code
 * subject}, the name the Collector's oidcauth gives it). Request headers of the incoming call are
 * not carried through the pipeline, so other context names are refused.
 */
public record HeadersSetterConfig(@JsonProperty("headers") List<Header> headers)
    implements Validatable {

  /** The names {@code from_context} accepts; each means the authenticated identity. */
  public static final Set<String> CONTEXT_NAMES = Set.of("tenant", "subject");

  public HeadersSetterConfig {
    headers = headers == null ? List.of() : List.copyOf(headers);
  }

  /** What to do with a header the exporter's own {@code headers:} already has, or lacks. */
  public enum Action {
    /** Set it only when the exporter does not set it. */
    INSERT,
    /** Set it only when the exporter sets it, replacing that value. */
    UPDATE,
    /** Set it either way (the default). */
    UPSERT,
    /** Remove it from the exporter's headers. */
    DELETE
  }

  public record Header(
      @JsonProperty("key") String key,
      @JsonProperty("value") String value,
      @JsonProperty("from_context") String fromContext,
      @JsonProperty("default_value") String defaultValue,
      @JsonProperty("action") String action) {

    public Action parsedAction() {
      return action == null ? Action.UPSERT : Action.valueOf(action.toUpperCase(Locale.ROOT));
    }

    void validate(ConfigErrors errors) {
      errors.check(key != null && !key.isBlank(), "key", "is required");
      if (action != null) {
        try {
          parsedAction();
        } catch (IllegalArgumentException e) {
          errors.add("action", "must be insert, update, upsert or delete, got \"" + action + "\"");
          return;
        }
      }
      if (parsedAction() == Action.DELETE) {
        errors.check(
            value == null && fromContext == null,
            "",
            "a delete takes neither value nor from_context");
        return;
      }
      errors.check(
          (value == null) != (fromContext == null),
          "",
          "set exactly one of value and from_context");
      if (fromContext != null && !CONTEXT_NAMES.contains(fromContext)) {
        errors.add(
            "from_context",
            "\""
                + fromContext
                + "\" is not carried with the data; use tenant (or subject): the identity"
                + " the receiver's authenticator established");
      }
    }
  }

  @Override
  public void validate(ConfigErrors errors) {
    errors.check(!headers.isEmpty(), "headers", "name at least one header");
    for (int i = 0; i < headers.size(); i++) {
      Header header = headers.get(i);
      if (header == null) {
        errors.add("headers[" + i + "]", "must not be empty");
      } else {
        header.validate(errors.at("headers[" + i + "]"));
      }
    }
  }
}
