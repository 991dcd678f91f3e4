package dev.tailgate.processor.ottl;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The syntax tree of a condition: immutable records, each evaluating itself on an item of the
 * context it was parsed for. Boolean nodes return {@link Boolean}; value nodes any of {@link
 * Values}.
 */
sealed interface Node<I> {
  Object eval(I item);

  /**
   * Whether the node's value is a boolean whatever the item, so it can stand alone as a condition.
   */
  default boolean isBoolean() {
    return false;
  }

  record Literal<I>(Object value) implements Node<I> {
    @Override
    public Object eval(I item) {
      return value;
    }

    @Override
    public boolean isBoolean() {
      return value instanceof Boolean;
    }
  }

  /** A path: a field of the item, then any {@code [key]}s into it. */
  record PathValue<I>(String text, Getter<I> field, List<Object> keys) implements Node<I> {
    @Override
    public Object eval(I item) {
      Object raw = field.get(item);
      for (int i = 0; i < keys.size() && raw != null; i++) {
        raw = Values.index(raw, keys.get(i));
      }
      return Values.plain(raw);
    }
  }

  record ListValue<I>(List<Node<I>> elements) implements Node<I> {
    @Override
    public Object eval(I item) {
      List<Object> values = new ArrayList<>(elements.size());
      for (Node<I> element : elements) {
        values.add(element.eval(item));
      }
      return Collections.unmodifiableList(values);
    }
  }

  record Compare<I>(CompareOp op, Node<I> left, Node<I> right) implements Node<I> {
    @Override
    public Object eval(I item) {
      return op.test(left.eval(item), right.eval(item));
    }

    @Override
    public boolean isBoolean() {
      return true;
    }
  }

  record Not<I>(Node<I> operand) implements Node<I> {
    @Override
    public Object eval(I item) {
      return !truth(operand, item);
    }

    @Override
    public boolean isBoolean() {
      return true;
    }
  }

  record And<I>(List<Node<I>> operands) implements Node<I> {
    @Override
    public Object eval(I item) {
      for (Node<I> operand : operands) {
        if (!truth(operand, item)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean isBoolean() {
      return true;
    }
  }

  record Or<I>(List<Node<I>> operands) implements Node<I> {
    @Override
    public Object eval(I item) {
      for (Node<I> operand : operands) {
        if (truth(operand, item)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean isBoolean() {
      return true;
    }
  }

  /**
   * {@code IsMatch(target, "regex")}: whether the regex occurs in the target's text. The regex is
   * RE2 syntax (as Go's, which the Collector uses) run by re2j, whose matching is linear in the
   * input and uses no recursion, so no value can make it overflow the stack or run away.
   */
  record IsMatch<I>(Node<I> target, Pattern pattern) implements Node<I> {
    @Override
    public Object eval(I item) {
      Object value = target.eval(item);
      if (value == null) {
        return false;
      }
      String text = Values.text(value);
      if (text == null) {
        throw new OttlEvaluationException(
            "IsMatch: the target is a " + Values.typeOf(value) + ", not a string");
      }
      return pattern.matcher(text).find();
    }

    @Override
    public boolean isBoolean() {
      return true;
    }
  }

  record IsString<I>(Node<I> target) implements Node<I> {
    @Override
    public Object eval(I item) {
      return target.eval(item) instanceof String;
    }

    @Override
    public boolean isBoolean() {
      return true;
    }
  }

  /**
   * {@code Len(v)}: UTF-8 bytes of a string (as Go's len), bytes of bytes, elements of a list or
   * map.
   */
  record Len<I>(Node<I> target) implements Node<I> {
    @Override
    public Object eval(I item) {
      Object value = target.eval(item);
      if (value instanceof String s) {
        return (long) utf8Length(s);
      }
      if (value instanceof com.google.protobuf.ByteString bytes) {
        return (long) bytes.size();
      }
      if (value instanceof List<?> list) {
        return (long) list.size();
      }
      if (value instanceof Map<?, ?> map) {
        return (long) map.size();
      }
      throw new OttlEvaluationException("Len: cannot take the length of a " + Values.typeOf(value));
    }

    private static int utf8Length(String s) {
      // Counting beats encoding a large value just to measure it.
      int bytes = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x80) {
          bytes++;
        } else if (c < 0x800) {
          bytes += 2;
        } else if (Character.isHighSurrogate(c)
            && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 4;
          i++;
        } else {
          bytes += 3;
        }
      }
      return bytes;
    }
  }

  /**
   * {@code Int(v)}: ints as they are, floats truncated, booleans 1/0, decimal strings parsed; nil
   * otherwise.
   */
  record Int<I>(Node<I> target) implements Node<I> {
    @Override
    public Object eval(I item) {
      Object value = target.eval(item);
      if (value instanceof Long) {
        return value;
      }
      if (value instanceof Double d) {
        return d.longValue();
      }
      if (value instanceof Boolean b) {
        return b ? 1L : 0L;
      }
      if (value instanceof String s) {
        try {
          return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
          return null;
        }
      }
      return null;
    }
  }

  /** {@code Concat([values], "sep")}: the values' texts joined; nil counts as the empty string. */
  record Concat<I>(ListValue<I> values, String separator) implements Node<I> {
    @Override
    public Object eval(I item) {
      StringBuilder out = new StringBuilder();
      List<Node<I>> elements = values.elements();
      for (int i = 0; i < elements.size(); i++) {
        if (i > 0) {
          out.append(separator);
        }
        Object value = elements.get(i).eval(item);
        if (value == null) {
          continue;
        }
        String text = Values.text(value);
        if (text == null) {
          throw new OttlEvaluationException(
              "Concat: value " + (i + 1) + " is a " + Values.typeOf(value) + ", not a string");
        }
        out.append(text);
      }
      return out.toString();
    }
  }

  private static <I> boolean truth(Node<I> node, I item) {
    Object value = node.eval(item);
    if (value instanceof Boolean b) {
      return b;
    }
    throw new OttlEvaluationException("expected a boolean, got a " + Values.typeOf(value));
  }
}
