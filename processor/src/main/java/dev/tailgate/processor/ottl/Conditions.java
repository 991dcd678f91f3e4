package dev.tailgate.processor.ottl;

import dev.tailgate.pipeline.config.ConfigErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of conditions for one context, ORed as in the filter processor and the ottl_condition
 * policy, with what an evaluation error does ({@link ErrorMode}).
 */
public final class Conditions<I> {
  /**
   * Told of every evaluation error, whatever the mode, so it can be counted (and, for ignore,
   * logged).
   */
  @FunctionalInterface
  public interface ErrorListener {
    void evaluationFailed(Condition<?> condition, OttlEvaluationException error);
  }

  private final List<Condition<I>> conditions;
  private final ErrorMode mode;
  private final ErrorListener listener;

  private Conditions(List<Condition<I>> conditions, ErrorMode mode, ErrorListener listener) {
    this.conditions = conditions;
    this.mode = mode;
    this.listener = listener;
  }

  /**
   * Parses conditions already {@linkplain #validate validated}.
   *
   * @throws IllegalArgumentException when one does not parse after all
   */
  public static <I> Conditions<I> parse(
      List<String> texts, OttlContext<I> context, ErrorMode mode, ErrorListener listener) {
    List<Condition<I>> parsed = new ArrayList<>(texts.size());
    for (String text : texts) {
      try {
        parsed.add(Condition.parse(text, context));
      } catch (OttlSyntaxException e) {
        throw new IllegalArgumentException("condition " + text + ": " + e.getMessage(), e);
      }
    }
    return new Conditions<>(List.copyOf(parsed), mode, listener);
  }

  /**
   * Reports every condition of {@code texts} that is empty or does not parse, as {@code key[i]: at
   * N: ...}.
   */
  public static void validate(
      List<String> texts, OttlContext<?> context, String key, ConfigErrors errors) {
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      String at = key + "[" + i + "]";
      if (text == null || text.isBlank()) {
        errors.add(at, "must not be empty");
        continue;
      }
      try {
        Condition.parse(text, context);
      } catch (OttlSyntaxException e) {
        errors.add(at, e.getMessage());
      }
    }
  }

  public boolean isEmpty() {
    return conditions.isEmpty();
  }

  /**
   * Whether any condition holds for the item. A condition that fails counts as false under ignore
   * and silent.
   *
   * @throws OttlEvaluationException under propagate, from the first condition that fails
   */
  public boolean anyMatches(I item) {
    for (Condition<I> condition : conditions) {
      try {
        if (condition.matches(item)) {
          return true;
        }
      } catch (OttlEvaluationException e) {
        listener.evaluationFailed(condition, e);
        if (mode == ErrorMode.PROPAGATE) {
          throw e;
        }
      }
    }
    return false;
  }

  public ErrorMode mode() {
    return mode;
  }
}
