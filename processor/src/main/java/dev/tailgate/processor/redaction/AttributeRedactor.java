package dev.tailgate.processor.redaction;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the key rules and value masking to attribute lists and {@link AnyValue}s, recursing into
 * maps and arrays, in the Collector's order: ignored keys pass untouched, keys not allowed are
 * removed, a value matching {@code allowed_values} is kept, a blocked key masks the whole value,
 * and otherwise the blocked parts of a string are masked. Returns the very same instances when
 * nothing changed.
 */
final class AttributeRedactor {
  private static final String BODY_PATH = "body";

  private final KeyRules keys;
  private final ValueMasker masker;
  private final AnyRegex allowedValues;
  private final Replacement replacement;
  private final boolean redactAllTypes;
  private final SummaryLevel summaryLevel;
  private final SummaryAttributes summary;

  /** With a summary, every allowed value is reported, so allowed_values must be tried first. */
  private final boolean allowedFirst;

  AttributeRedactor(RedactionConfig config) {
    this.keys = new KeyRules(config, SummaryKeys.everyName());
    this.replacement = Replacement.from(config);
    this.masker = new ValueMasker(config.blockedValues(), config.valuePatterns(), replacement);
    this.allowedValues = new AnyRegex(config.allowedValues(), false);
    this.redactAllTypes = config.redactAllTypes();
    this.summaryLevel = config.summary();
    this.summary = new SummaryAttributes(config.summary());
    this.allowedFirst = summaryLevel != SummaryLevel.SILENT && !allowedValues.isEmpty();
  }

  KeyRules keys() {
    return keys;
  }

  ValueMasker masker() {
    return masker;
  }

  AnyRegex allowedValues() {
    return allowedValues;
  }

  boolean redactsAllTypes() {
    return redactAllTypes;
  }

  /**
   * Whether findings that change nothing (ignored keys, allowed values) are written as a summary.
   */
  boolean summarizes() {
    return summaryLevel != SummaryLevel.SILENT;
  }

  /** Findings for one attribute set or body. */
  Findings findings(RedactionCounts counts) {
    return summaryLevel == SummaryLevel.SILENT
        ? counts.sharedFindings()
        : new Findings(counts, summaryLevel);
  }

  /**
   * One attribute set (resource, scope, span, event, link, data point, log record) with its
   * summary.
   */
  List<KeyValue> redactSet(List<KeyValue> attributes, RedactionCounts counts) {
    Findings findings = findings(counts);
    return summarize(redact(attributes, findings), findings, SummaryKeys.ATTRIBUTES);
  }

  /**
   * Attributes that get no summary of their own (exemplars' filtered attributes, metric metadata).
   */
  List<KeyValue> redactWithoutSummary(List<KeyValue> attributes, RedactionCounts counts) {
    return redact(attributes, counts.sharedFindings());
  }

  List<KeyValue> redact(List<KeyValue> attributes, Findings findings) {
    return entries(attributes, null, findings);
  }

  List<KeyValue> summarize(List<KeyValue> attributes, Findings findings, SummaryKeys keys) {
    return summary.append(attributes, findings, keys);
  }

  /**
   * A log body: a string (path "body"), a map (paths are its keys) or an array (paths "[i]"),
   * nested values searched all the way down.
   */
  AnyValue redactBody(AnyValue body, Findings findings) {
    return switch (body.getValueCase()) {
      case KVLIST_VALUE -> kvlist(body, null, findings);
      case ARRAY_VALUE -> array(body, null, findings);
      default -> value(body, findings.keepsPaths() ? BODY_PATH : null, findings);
    };
  }

  private List<KeyValue> entries(List<KeyValue> attributes, String parentPath, Findings findings) {
    List<KeyValue> out = null;
    int size = attributes.size();
    for (int i = 0; i < size; i++) {
      KeyValue attribute = attributes.get(i);
      KeyValue result = entry(attribute, parentPath, findings);
      if (out == null && result != attribute) {
        out = new ArrayList<>(size);
        out.addAll(attributes.subList(0, i));
      }
      if (out != null && result != null) {
        out.add(result);
      }
    }
    return out == null ? attributes : out;
  }

  /** The attribute itself when unchanged, a new one when masked, null when removed. */
  private KeyValue entry(KeyValue attribute, String parentPath, Findings findings) {
    String key = attribute.getKey();
    KeyDecision decision = keys.decide(key);
    String path = findings.keepsPaths() ? join(parentPath, key) : null;
    switch (decision) {
      case IGNORE:
        findings.ignored();
        return attribute;
      case REMOVE:
        findings.redacted(path);
        return null;
      case MASK:
        return maskWhole(attribute, path, findings);
      default:
        AnyValue value = attribute.getValue();
        AnyValue result = value(value, path, findings);
        return result == value
            ? attribute
            : KeyValue.newBuilder().setKey(key).setValue(result).build();
    }
  }

  private KeyValue maskWhole(KeyValue attribute, String path, Findings findings) {
    AnyValue value = attribute.getValue();
    String text = scannedText(value);
    if (text != null && !allowedValues.isEmpty() && allowedValues.foundIn(text)) {
      findings.allowed(path);
      return attribute;
    }
    String masked = text != null ? replacement.of(text) : replacement.ofBytes(wholeBytes(value));
    findings.masked(path);
    return KeyValue.newBuilder().setKey(attribute.getKey()).setValue(string(masked)).build();
  }

  private AnyValue value(AnyValue value, String path, Findings findings) {
    switch (value.getValueCase()) {
      case KVLIST_VALUE:
        return kvlist(value, path, findings);
      case ARRAY_VALUE:
        return array(value, path, findings);
      default:
        String text = scannedText(value);
        return text == null ? value : text(value, text, path, findings);
    }
  }

  private AnyValue text(AnyValue value, String text, String path, Findings findings) {
    if (allowedFirst && allowedValues.foundIn(text)) {
      findings.allowed(path);
      return value;
    }
    String masked = masker.mask(text);
    if (masked == text) {
      return value;
    }
    if (!allowedFirst && !allowedValues.isEmpty() && allowedValues.foundIn(text)) {
      findings.allowed(path);
      return value;
    }
    findings.masked(path);
    return string(masked);
  }

  private AnyValue kvlist(AnyValue value, String path, Findings findings) {
    List<KeyValue> entries = value.getKvlistValue().getValuesList();
    List<KeyValue> result = entries(entries, path, findings);
    if (result == entries) {
      return value;
    }
    return AnyValue.newBuilder()
        .setKvlistValue(KeyValueList.newBuilder().addAllValues(result))
        .build();
  }

  private AnyValue array(AnyValue value, String path, Findings findings) {
    List<AnyValue> elements = value.getArrayValue().getValuesList();
    List<AnyValue> result = elements;
    for (int i = 0; i < elements.size(); i++) {
      AnyValue element = elements.get(i);
      String elementPath = findings.keepsPaths() ? join(path, "[" + i + "]") : null;
      AnyValue redacted = value(element, elementPath, findings);
      if (redacted != element) {
        if (result == elements) {
          result = new ArrayList<>(elements);
        }
        result.set(i, redacted);
      }
    }
    if (result == elements) {
      return value;
    }
    return AnyValue.newBuilder()
        .setArrayValue(ArrayValue.newBuilder().addAllValues(result))
        .build();
  }

  /** The text searched for blocked parts: strings, and other scalars with redact_all_types. */
  private String scannedText(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> redactAllTypes ? Long.toString(value.getIntValue()) : null;
      case DOUBLE_VALUE -> redactAllTypes ? Double.toString(value.getDoubleValue()) : null;
      case BOOL_VALUE -> redactAllTypes ? Boolean.toString(value.getBoolValue()) : null;
      default -> null;
    };
  }

  /**
   * What a hash of a whole non-text value is taken over: its scalar text, raw bytes, or encoding.
   */
  private static byte[] wholeBytes(AnyValue value) {
    return switch (value.getValueCase()) {
      case INT_VALUE -> Long.toString(value.getIntValue()).getBytes(UTF_8);
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue()).getBytes(UTF_8);
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue()).getBytes(UTF_8);
      case BYTES_VALUE -> value.getBytesValue().toByteArray();
      default -> value.toByteArray();
    };
  }

  private static String join(String parent, String key) {
    return parent == null ? key : parent + "." + key;
  }

  private static AnyValue string(String text) {
    return AnyValue.newBuilder().setStringValue(text).build();
  }
}
