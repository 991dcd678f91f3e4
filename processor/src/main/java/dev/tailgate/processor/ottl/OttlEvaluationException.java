package dev.tailgate.processor.ottl;

/**
 * A condition that parsed but cannot be evaluated on one item, e.g. {@code Len(attributes["n"])}
 * where the attribute is an int. What follows is the caller's {@link ErrorMode}.
 */
public final class OttlEvaluationException extends RuntimeException {
  public OttlEvaluationException(String message) {
    super(message, null, false, false);
  }
}
