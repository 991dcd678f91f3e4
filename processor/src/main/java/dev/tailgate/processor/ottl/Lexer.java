package dev.tailgate.processor.ottl;

import com.google.protobuf.ByteString;
import dev.tailgate.processor.ottl.Token.Kind;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Splits a condition into {@link Token}s; a loop, not recursion, so any length is safe. */
final class Lexer {
  private final String text;
  private int pos;

  private Lexer(String text) {
    this.text = text;
  }

  static List<Token> tokens(String text) throws OttlSyntaxException {
    return new Lexer(text).all();
  }

  private List<Token> all() throws OttlSyntaxException {
    List<Token> out = new ArrayList<>();
    while (true) {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
      if (pos >= text.length()) {
        out.add(new Token(Kind.EOF, "", null, pos + 1));
        return out;
      }
      out.add(next());
    }
  }

  private Token next() throws OttlSyntaxException {
    int start = pos;
    char c = text.charAt(pos);
    switch (c) {
      case '(':
        return single(Kind.LPAREN);
      case ')':
        return single(Kind.RPAREN);
      case '[':
        return single(Kind.LBRACKET);
      case ']':
        return single(Kind.RBRACKET);
      case ',':
        return single(Kind.COMMA);
      case '"':
        return string();
      case '=', '!':
        if (peek(1) == '=') {
          pos += 2;
          return new Token(Kind.OPERATOR, text.substring(start, pos), null, start + 1);
        }
        throw new OttlSyntaxException(
            start + 1,
            c == '='
                ? "'=' is not an operator; compare with '=='"
                : "'!' is not an operator; use 'not' or '!='");
      case '<', '>':
        pos += peek(1) == '=' ? 2 : 1;
        return new Token(Kind.OPERATOR, text.substring(start, pos), null, start + 1);
      default:
        break;
    }
    if (c == '.' && !isDigit(peek(1))) {
      return single(Kind.DOT);
    }
    if (isDigit(c)
        || c == '.'
        || ((c == '+' || c == '-') && (isDigit(peek(1)) || peek(1) == '.'))) {
      return number();
    }
    if (Character.isLetter(c) || c == '_') {
      while (pos < text.length()
          && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
        pos++;
      }
      String word = text.substring(start, pos);
      return new Token(Character.isUpperCase(c) ? Kind.UPPER : Kind.LOWER, word, null, start + 1);
    }
    throw new OttlSyntaxException(start + 1, "unexpected character '" + c + "'");
  }

  private Token single(Kind kind) {
    pos++;
    return new Token(kind, text.substring(pos - 1, pos), null, pos);
  }

  private char peek(int ahead) {
    int at = pos + ahead;
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Token string() throws OttlSyntaxException {
    int start = pos;
    pos++;
    StringBuilder value = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return new Token(Kind.STRING, text.substring(start, pos), value.toString(), start + 1);
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      if (pos >= text.length()) {
        break;
      }
      char escaped = text.charAt(pos++);
      switch (escaped) {
        case '"' -> value.append('"');
        case '\\' -> value.append('\\');
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        default ->
            throw new OttlSyntaxException(pos - 1, "unknown escape '\\" + escaped + "' in string");
      }
    }
    throw new OttlSyntaxException(start + 1, "string is not closed with '\"'");
  }

  private Token number() throws OttlSyntaxException {
    int start = pos;
    if (text.charAt(pos) == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
      pos += 2;
      while (pos < text.length() && HexFormat.isHexDigit(text.charAt(pos))) {
        pos++;
      }
      String hex = text.substring(start + 2, pos);
      if (hex.length() % 2 != 0) {
        throw new OttlSyntaxException(
            start + 1, "a byte literal needs an even number of hex digits");
      }
      return new Token(
          Kind.BYTES,
          text.substring(start, pos),
          ByteString.copyFrom(HexFormat.of().parseHex(hex)),
          start + 1);
    }
    if (text.charAt(pos) == '+' || text.charAt(pos) == '-') {
      pos++;
    }
    boolean fraction = false;
    while (pos < text.length()
        && (isDigit(text.charAt(pos)) || (text.charAt(pos) == '.' && !fraction))) {
      fraction |= text.charAt(pos) == '.';
      pos++;
    }
    if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
      throw new OttlSyntaxException(
          pos + 1, "unexpected '" + text.charAt(pos) + "' after a number");
    }
    String literal = text.substring(start, pos);
    try {
      return fraction
          ? new Token(Kind.FLOAT, literal, Double.parseDouble(literal), start + 1)
          : new Token(
              Kind.INT,
              literal,
              Long.parseLong(literal.startsWith("+") ? literal.substring(1) : literal),
              start + 1);
    } catch (NumberFormatException e) {
      throw new OttlSyntaxException(
          start + 1,
          fraction ? "not a number: " + literal : "integer out of the int64 range: " + literal);
    }
  }
}
