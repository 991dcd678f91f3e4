package dev.tailgate.processor.ottl;

import dev.tailgate.processor.ottl.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for OTTL boolean expressions (the Collector's conditions), producing a
 * {@link Node} tree for one {@link OttlContext}. The grammar, in EBNF:
 *
 * <pre>
 * condition  = or-expr EOF ;
 * or-expr    = and-expr { "or" and-expr } ;
 * and-expr   = term { "and" term } ;
 * term       = "not" term | "(" or-expr ")" | value [ comp-op value ] ;   (* a lone value must be boolean *)
 * comp-op    = "==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" ;
 * value      = string | int | float | bytes | "true" | "false" | "nil"
 *            | path | converter | ENUM | list ;
 * path       = field { "." field } { "[" ( string | int ) "]" } ;
 * converter  = CONVERTER "(" [ value { "," value } ] ")" ;
 * list       = "[" [ value { "," value } ] "]" ;
 * field      = lowercase identifier (letters, digits, '_') ;
 * CONVERTER  = IsMatch | IsString | Len | Int | Concat ;
 * ENUM       = uppercase identifier, e.g. SPAN_KIND_SERVER, STATUS_CODE_ERROR ;
 * string     = '"' { char | '\"' | '\\' | '\n' | '\r' | '\t' } '"' ;
 * int        = [ "+" | "-" ] digit { digit } ;
 * float      = [ "+" | "-" ] { digit } "." { digit } ;
 * bytes      = "0x" hex-digit-pairs ;
 * </pre>
 *
 * <p>So {@code not} binds tightest, then comparison, then {@code and}, then {@code or}: {@code not
 * a == 1 or b == 2 and c == 3} is {@code (not (a == 1)) or ((b == 2) and (c == 3))}, as in OTTL,
 * where {@code not} negates the comparison that follows it. Nesting (parentheses, {@code not},
 * calls, lists) is bounded by {@link #MAX_NESTING}, so a hostile condition is refused with an error
 * rather than overflowing the stack. Paths, converters, their arities and regexes, and enums are
 * all checked here, at config time; what is left for evaluation is only what depends on the item.
 */
final class Parser<I> {
  static final int MAX_NESTING = 64;

  private final OttlContext<I> context;
  private final List<Token> tokens;
  private int pos;
  private int depth;

  private Parser(OttlContext<I> context, List<Token> tokens) {
    this.context = context;
    this.tokens = tokens;
  }

  static <I> Node<I> parse(String text, OttlContext<I> context) throws OttlSyntaxException {
    Parser<I> parser = new Parser<>(context, Lexer.tokens(text));
    if (parser.peek().is(Kind.EOF)) {
      throw new OttlSyntaxException(1, "the condition is empty");
    }
    Node<I> root = parser.orExpr();
    Token rest = parser.peek();
    if (!rest.is(Kind.EOF)) {
      throw new OttlSyntaxException(
          rest.column(), "unexpected " + rest.describe() + " after a complete condition");
    }
    return root;
  }

  private Node<I> orExpr() throws OttlSyntaxException {
    List<Node<I>> operands = new ArrayList<>();
    operands.add(andExpr());
    while (peek().isKeyword("or")) {
      pos++;
      operands.add(andExpr());
    }
    return operands.size() == 1 ? operands.get(0) : new Node.Or<>(List.copyOf(operands));
  }

  private Node<I> andExpr() throws OttlSyntaxException {
    List<Node<I>> operands = new ArrayList<>();
    operands.add(term());
    while (peek().isKeyword("and")) {
      pos++;
      operands.add(term());
    }
    return operands.size() == 1 ? operands.get(0) : new Node.And<>(List.copyOf(operands));
  }

  private Node<I> term() throws OttlSyntaxException {
    Token first = peek();
    if (first.isKeyword("not")) {
      pos++;
      enter(first);
      Node<I> operand = term();
      depth--;
      return new Node.Not<>(operand);
    }
    if (first.is(Kind.LPAREN)) {
      pos++;
      enter(first);
      Node<I> inner = orExpr();
      depth--;
      Token close = peek();
      if (!close.is(Kind.RPAREN)) {
        throw new OttlSyntaxException(
            close.column(),
            "expected ')' to close the '(' at " + first.column() + ", found " + close.describe());
      }
      pos++;
      return inner;
    }
    Node<I> left = value();
    Token op = peek();
    if (op.is(Kind.OPERATOR)) {
      pos++;
      return new Node.Compare<>(CompareOp.of(op.text()), left, value());
    }
    if (!left.isBoolean()) {
      throw new OttlSyntaxException(
          op.column(),
          "expected a comparison operator (==, !=, <, <=, >, >=) after '"
              + describe(first, left)
              + "', found "
              + op.describe());
    }
    return left;
  }

  private Node<I> value() throws OttlSyntaxException {
    Token token = next();
    return switch (token.kind()) {
      case STRING, INT, FLOAT, BYTES -> new Node.Literal<>(token.value());
      case LOWER ->
          switch (token.text()) {
            case "true" -> new Node.Literal<>(Boolean.TRUE);
            case "false" -> new Node.Literal<>(Boolean.FALSE);
            case "nil" -> new Node.Literal<>(null);
            case "and", "or", "not" ->
                throw new OttlSyntaxException(
                    token.column(), "expected a value, found the keyword '" + token.text() + "'");
            default -> path(token);
          };
      case UPPER -> peek().is(Kind.LPAREN) ? converter(token) : enumValue(token);
      case LBRACKET -> list(token);
      default ->
          throw new OttlSyntaxException(
              token.column(), "expected a value, found " + token.describe());
    };
  }

  private Node<I> path(Token first) throws OttlSyntaxException {
    StringBuilder name = new StringBuilder(first.text());
    while (peek().is(Kind.DOT)) {
      pos++;
      Token field = next();
      if (!field.is(Kind.LOWER)) {
        throw new OttlSyntaxException(
            field.column(),
            "expected a field name after '" + name + ".', found " + field.describe());
      }
      name.append('.').append(field.text());
    }
    String dotted = name.toString();
    Field<I> field = context.resolve(dotted);
    if (field == null) {
      throw new OttlSyntaxException(
          first.column(),
          "unknown path '"
              + dotted
              + "' in the "
              + context.name()
              + " context; known: "
              + String.join(", ", context.pathNames()));
    }
    List<Object> keys = new ArrayList<>();
    while (peek().is(Kind.LBRACKET)) {
      Token open = next();
      if (!field.indexable()) {
        throw new OttlSyntaxException(open.column(), "'" + dotted + "' takes no [key]");
      }
      Token key = next();
      if (!key.is(Kind.STRING) && !key.is(Kind.INT)) {
        throw new OttlSyntaxException(
            key.column(), "expected a string or int key after '[', found " + key.describe());
      }
      keys.add(key.value());
      Token close = next();
      if (!close.is(Kind.RBRACKET)) {
        throw new OttlSyntaxException(
            close.column(),
            "expected ']' after the key " + key.text() + ", found " + close.describe());
      }
    }
    return new Node.PathValue<>(dotted, field.getter(), List.copyOf(keys));
  }

  private Node<I> converter(Token name) throws OttlSyntaxException {
    pos++; // the '('
    enter(name);
    List<Node<I>> args = new ArrayList<>();
    List<Integer> columns = new ArrayList<>();
    if (peek().is(Kind.RPAREN)) {
      pos++;
    } else {
      while (true) {
        columns.add(peek().column());
        args.add(value());
        Token after = next();
        if (after.is(Kind.RPAREN)) {
          break;
        }
        if (!after.is(Kind.COMMA)) {
          throw new OttlSyntaxException(
              after.column(),
              "expected ')' after arguments of " + name.text() + ", found " + after.describe());
        }
      }
    }
    depth--;
    return Converters.call(name.text(), List.copyOf(args), name.column(), List.copyOf(columns));
  }

  private Node<I> enumValue(Token symbol) throws OttlSyntaxException {
    Long value = Enums.valueOf(symbol.text());
    if (value == null) {
      boolean looksLikeCall = Converters.NAMES.contains(symbol.text());
      throw new OttlSyntaxException(
          symbol.column(),
          looksLikeCall
              ? "expected '(' after " + symbol.text()
              : "unknown enum or converter '" + symbol.text() + "'");
    }
    return new Node.Literal<>(value);
  }

  private Node<I> list(Token open) throws OttlSyntaxException {
    enter(open);
    List<Node<I>> elements = new ArrayList<>();
    if (peek().is(Kind.RBRACKET)) {
      pos++;
    } else {
      while (true) {
        elements.add(value());
        Token after = next();
        if (after.is(Kind.RBRACKET)) {
          break;
        }
        if (!after.is(Kind.COMMA)) {
          throw new OttlSyntaxException(
              after.column(),
              "expected ',' or ']' in the list opened at "
                  + open.column()
                  + ", found "
                  + after.describe());
        }
      }
    }
    depth--;
    return new Node.ListValue<>(List.copyOf(elements));
  }

  private void enter(Token at) throws OttlSyntaxException {
    if (++depth > MAX_NESTING) {
      throw new OttlSyntaxException(
          at.column(), "nested more than " + MAX_NESTING + " levels deep");
    }
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token token = tokens.get(pos);
    if (!token.is(Kind.EOF)) {
      pos++;
    }
    return token;
  }

  private static String describe(Token first, Node<?> node) {
    return node instanceof Node.PathValue<?> path ? path.text() : first.text();
  }
}
