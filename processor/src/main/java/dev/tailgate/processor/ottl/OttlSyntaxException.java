package dev.tailgate.processor.ottl;

/**
 * A condition that does not parse. The message names the column (1-based, in characters of the
 * condition text) where the problem was found, e.g. {@code at 17: expected ')' after arguments of
 * IsMatch}, so a config error can point into the YAML string.
 */
public final class OttlSyntaxException extends Exception {
  private final int column;

  OttlSyntaxException(int column, String problem) {
    super("at " + column + ": " + problem);
    this.column = column;
  }

  public int column() {
    return column;
  }
}
