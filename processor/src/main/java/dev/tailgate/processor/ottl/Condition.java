package dev.tailgate.processor.ottl;

/**
 * One parsed OTTL condition for items of one context. Parse once, at config time; {@link #matches}
 * is then cheap and safe to call from many threads (the tree is immutable).
 */
public final class Condition<I> {
  private final String text;
  private final Node<I> root;

  private Condition(String text, Node<I> root) {
    this.text = text;
    this.root = root;
  }

  public static <I> Condition<I> parse(String text, OttlContext<I> context)
      throws OttlSyntaxException {
    return new Condition<>(text, Parser.parse(text, context));
  }

  /**
   * Whether the condition holds for the item.
   *
   * @throws OttlEvaluationException when it cannot be evaluated on this item
   */
  public boolean matches(I item) {
    Object result = root.eval(item);
    if (result instanceof Boolean b) {
      return b;
    }
    throw new OttlEvaluationException(
        "the condition gave a " + Values.typeOf(result) + ", not a boolean");
  }

  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
