package dev.tailgate.receiver.otlp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Binds a key written without a value (YAML null, as in {@code grpc:}) to the type's defaults and
 * leaves a key that is not written at all null. Jackson's {@code Nulls.AS_EMPTY} cannot tell the
 * two apart for record (creator) properties: it turns a missing key into the empty value too.
 */
abstract class DefaultsWhenNull<T> extends StdDeserializer<T> {
  private final Class<T> type;
  private final Supplier<T> defaults;

  protected DefaultsWhenNull(Class<T> type, Supplier<T> defaults) {
    super(type);
    this.type = type;
    this.defaults = defaults;
  }

  @Override
  public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    // The property's annotation names this class; the type itself binds with Jackson's own rules.
    return context.readValue(parser, type);
  }

  @Override
  public T getNullValue(DeserializationContext context) {
    return defaults.get();
  }

  @Override
  public Object getAbsentValue(DeserializationContext context) {
    return null;
  }
}
