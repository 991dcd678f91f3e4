package dev.tailgate.processor.ottl;

/** One lexical unit of a condition, with the 1-based column it starts at. */
record Token(Kind kind, String text, Object value, int column) {
  enum Kind {
    STRING,
    INT,
    FLOAT,
    BYTES,
    /** An identifier starting with a lowercase letter or '_': a path field or a keyword. */
    LOWER,
    /** An identifier starting with an uppercase letter: a converter or an enum. */
    UPPER,
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    COMMA,
    DOT,
    OPERATOR,
    EOF
  }

  boolean is(Kind wanted) {
    return kind == wanted;
  }

  boolean isKeyword(String word) {
    return kind == Kind.LOWER && text.equals(word);
  }

  /** How the token reads in a message. */
  String describe() {
    return kind == Kind.EOF ? "the end of the condition" : "'" + text + "'";
  }
}
