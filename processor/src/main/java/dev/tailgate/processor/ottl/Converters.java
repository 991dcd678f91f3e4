package dev.tailgate.processor.ottl;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;

/**
 * Builds the converter nodes from a call's name and arguments, checking what can be checked at
 * parse time.
 */
final class Converters {
  static final List<String> NAMES = List.of("IsMatch", "IsString", "Len", "Int", "Concat");

  private Converters() {}

  /** {@code column}: where the call starts; {@code argColumns}: where each argument starts. */
  static <I> Node<I> call(String name, List<Node<I>> args, int column, List<Integer> argColumns)
      throws OttlSyntaxException {
    return switch (name) {
      case "IsMatch" -> {
        arity(name, args, 2, "(target, \"regex\")", column);
        yield new Node.IsMatch<>(args.get(0), regex(args.get(1), argColumns.get(1)));
      }
      case "IsString" -> {
        arity(name, args, 1, "(value)", column);
        yield new Node.IsString<>(args.get(0));
      }
      case "Len" -> {
        arity(name, args, 1, "(value)", column);
        yield new Node.Len<>(args.get(0));
      }
      case "Int" -> {
        arity(name, args, 1, "(value)", column);
        yield new Node.Int<>(args.get(0));
      }
      case "Concat" -> {
        arity(name, args, 2, "([values], \"separator\")", column);
        if (!(args.get(0) instanceof Node.ListValue<I> values)) {
          throw new OttlSyntaxException(
              argColumns.get(0), "Concat takes a list of values first, e.g. [name, \"x\"]");
        }
        yield new Node.Concat<>(
            values, stringLiteral(name, args.get(1), argColumns.get(1), "separator"));
      }
      default ->
          throw new OttlSyntaxException(
              column, "unknown converter " + name + "; supported: " + String.join(", ", NAMES));
    };
  }

  private static <I> void arity(
      String name, List<Node<I>> args, int wanted, String shape, int column)
      throws OttlSyntaxException {
    if (args.size() != wanted) {
      throw new OttlSyntaxException(
          column,
          name
              + " takes "
              + wanted
              + " argument"
              + (wanted == 1 ? "" : "s")
              + " "
              + name
              + shape
              + ", got "
              + args.size());
    }
  }

  private static <I> Pattern regex(Node<I> arg, int column) throws OttlSyntaxException {
    String regex = stringLiteral("IsMatch", arg, column, "regex");
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new OttlSyntaxException(column, "invalid regex for IsMatch: " + e.getDescription());
    }
  }

  private static <I> String stringLiteral(String name, Node<I> arg, int column, String what)
      throws OttlSyntaxException {
    if (arg instanceof Node.Literal<I> literal && literal.value() instanceof String text) {
      return text;
    }
    throw new OttlSyntaxException(column, name + " takes its " + what + " as a string literal");
  }
}
