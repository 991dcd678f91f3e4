package dev.tailgate.processor.ottl;

import com.google.protobuf.ByteString;
import java.util.Objects;

/**
 * The comparison operators, with OTTL's comparison rules: ints and floats compare as numbers (as
 * float64 when mixed), strings by their UTF-16 order (as Go's byte order for the BMP), booleans
 * with false < true, bytes byte by byte; nil equals only nil; values of different types are never
 * equal and never ordered ({@code !=} is true, every other operator false), which is not an error.
 * Lists and maps are only equal or not.
 */
enum CompareOp {
  EQ("=="),
  NE("!="),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">=");

  private final String symbol;

  CompareOp(String symbol) {
    this.symbol = symbol;
  }

  String symbol() {
    return symbol;
  }

  static CompareOp of(String symbol) {
    for (CompareOp op : values()) {
      if (op.symbol.equals(symbol)) {
        return op;
      }
    }
    throw new IllegalArgumentException(symbol);
  }

  boolean test(Object left, Object right) {
    Integer order = order(left, right);
    if (order == null) {
      boolean equal = sameKind(left, right) && Objects.equals(left, right);
      return switch (this) {
        case EQ -> equal;
        case NE -> !equal;
        default -> false;
      };
    }
    return switch (this) {
      case EQ -> order == 0;
      case NE -> order != 0;
      case LT -> order < 0;
      case LE -> order <= 0;
      case GT -> order > 0;
      case GE -> order >= 0;
    };
  }

  /** The order of two values of one ordered type; null for unordered or mismatched values. */
  private static Integer order(Object left, Object right) {
    if (left instanceof Long a && right instanceof Long b) {
      return Long.compare(a, b);
    }
    if (left instanceof Number a && right instanceof Number b) {
      double x = a.doubleValue();
      double y = b.doubleValue();
      // NaN is neither smaller, larger nor equal: no operator but != holds.
      return Double.isNaN(x) || Double.isNaN(y)
          ? null
          : Integer.valueOf(x < y ? -1 : x > y ? 1 : 0);
    }
    if (left instanceof String a && right instanceof String b) {
      return a.compareTo(b);
    }
    if (left instanceof Boolean a && right instanceof Boolean b) {
      return Boolean.compare(a, b);
    }
    if (left instanceof ByteString a && right instanceof ByteString b) {
      return ByteString.unsignedLexicographicalComparator().compare(a, b);
    }
    return null;
  }

  private static boolean sameKind(Object left, Object right) {
    return left == null
        ? right == null
        : right != null && Values.typeOf(left).equals(Values.typeOf(right));
  }
}
