package dev.tailgate.pipeline.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Binds one component's YAML/JSON subtree to its config class, strictly: unknown keys, wrong types
 * and failed validation become problems that name the full path of the key.
 */
public final class ConfigBinder {
  private final ObjectMapper mapper;

  public ConfigBinder() {
    this.mapper =
        new ObjectMapper()
            .registerModule(
                new SimpleModule("tailgate-config")
                    .addDeserializer(Duration.class, new DurationDeserializer()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
  }

  /**
   * Binds {@code node} (null or empty meaning "all defaults") at {@code path}, validates it, and
   * returns it; or records the problems and returns empty.
   */
  public <C> Optional<C> bind(JsonNode node, Class<C> type, String path, ConfigErrors errors) {
    JsonNode source =
        node == null || node.isNull() || node.isMissingNode()
            ? JsonNodeFactory.instance.objectNode()
            : node;
    C config;
    UnknownKeys unknown = new UnknownKeys(path);
    try {
      config = mapper.readerFor(type).withHandler(unknown).readValue(source);
    } catch (UnrecognizedPropertyException e) {
      // Only where the handler cannot go on (a key unknown to a creator-bound class).
      unknown.problems().forEach(problem -> errors.add("", problem));
      errors.add(
          pathOf(path, e),
          "unknown key \"" + e.getPropertyName() + "\"" + known(e.getKnownPropertyIds()));
      return Optional.empty();
    } catch (JsonMappingException e) {
      unknown.problems().forEach(problem -> errors.add("", problem));
      errors.add(pathOf(path, e), messageOf(e));
      return Optional.empty();
    } catch (IOException e) {
      errors.add(path, e.getMessage());
      return Optional.empty();
    }
    if (!unknown.problems().isEmpty()) {
      unknown.problems().forEach(problem -> errors.add("", problem));
      return Optional.empty();
    }
    if (config instanceof Validatable validatable) {
      int before = errors.size();
      validatable.validate(errors.at(path));
      if (errors.size() > before) {
        return Optional.empty();
      }
    }
    return Optional.of(config);
  }

  /**
   * Records every unknown key and lets the binding go on past it, so that one run names all the
   * misspelt keys of a component instead of the first.
   */
  private static final class UnknownKeys extends DeserializationProblemHandler {
    private final String base;
    private final List<String> problems = new ArrayList<>();

    UnknownKeys(String base) {
      this.base = base;
    }

    @Override
    public boolean handleUnknownProperty(
        DeserializationContext context,
        JsonParser parser,
        JsonDeserializer<?> deserializer,
        Object beanOrClass,
        String propertyName)
        throws IOException {
      problems.add(
          pathOf(base, parser.getParsingContext())
              + ": unknown key \""
              + propertyName
              + "\""
              + known(deserializer.getKnownPropertyNames()));
      parser.skipChildren();
      return true;
    }

    /** Sorted by path: records bound through a constructor meet their keys out of file order. */
    List<String> problems() {
      return problems.stream().sorted().toList();
    }

    /** The path of the key the parser is at, below {@code base}. */
    private static String pathOf(String base, JsonStreamContext context) {
      List<String> parts = new ArrayList<>();
      for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
        if (at.inObject() && at.getCurrentName() != null) {
          parts.add("." + at.getCurrentName());
        } else if (at.inArray() && at.getEntryCount() > 0) {
          parts.add("[" + at.getCurrentIndex() + "]");
        }
      }
      StringBuilder path = new StringBuilder(base);
      for (int i = parts.size() - 1; i >= 0; i--) {
        path.append(parts.get(i));
      }
      return path.toString();
    }
  }

  private static String known(Collection<Object> ids) {
    if (ids == null || ids.isEmpty()) {
      return "";
    }
    return "; known keys: "
        + ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
  }

  private static String pathOf(String base, JsonMappingException e) {
    StringBuilder path = new StringBuilder(base);
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append('.').append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** The root cause's words, without Jackson's class names and source locations. */
  private static String messageOf(JsonMappingException e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
      return cause.getMessage();
    }
    String message = e.getOriginalMessage();
    int detail = message.indexOf(" at [Source");
    return detail > 0 ? message.substring(0, detail) : message;
  }

  private static final class DurationDeserializer extends StdScalarDeserializer<Duration> {
    DurationDeserializer() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken().isNumeric() && p.getNumberValue().doubleValue() == 0) {
        return Duration.ZERO;
      }
      if (!p.currentToken().isScalarValue() || p.currentToken().isNumeric()) {
        throw new IllegalArgumentException(
            "\"" + p.getText() + "\" is not a duration: give a unit (examples: 200ms, 5s, 1m30s)");
      }
      return Durations.parse(p.getText());
    }
  }
}
