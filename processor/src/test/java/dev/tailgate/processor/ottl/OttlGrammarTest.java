package dev.tailgate.processor.ottl;

import static dev.tailgate.processor.ottl.OttlItems.eval;
import static dev.tailgate.processor.ottl.OttlItems.spanItem;
import static dev.tailgate.processor.ottl.OttlItems.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grammar, table-driven: what conditions mean, and where each error is reported. */
class OttlGrammarTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          true                                             | true
          false                                            | false
          not true                                         | false
          not not true                                     | true
          true or false and false                          | true
          (true or false) and false                        | false
          false and true or true                           | true
          false and (true or true)                         | false
          not false and false                              | false
          not (false and false)                            | true
          not 1 == 2 and 2 == 2                            | true
          not 1 == 1 or 2 == 2                             | true
          1 == 1                                           | true
          1 != 1                                           | false
          1 < 2                                            | true
          2 <= 2                                           | true
          3 > 2                                            | true
          2 >= 3                                           | false
          1 == 1.0                                         | true
          1 < 1.5                                          | true
          -1 < +1                                          | true
          -.5 < 0                                          | true
          "a" < "b"                                        | true
          "abc" == "abc"                                   | true
          "a\\"b" == "a\\"b"                               | true
          false < true                                     | true
          0x00ff == 0x00ff                                 | true
          0x00 < 0x01                                      | true
          nil == nil                                       | true
          nil != nil                                       | false
          nil < nil                                        | false
          nil == 0                                         | false
          nil != 0                                         | true
          "1" == 1                                         | false
          "1" != 1                                         | true
          "1" < 2                                          | false
          true == 1                                        | false
          [1, "a"] == [1, "a"]                             | true
          [1] != [2]                                       | true
          SPAN_KIND_SERVER == 2                            | true
          STATUS_CODE_ERROR == 2                           | true
          IsString("x")                                    | true
          IsString(1)                                      | false
          not IsString(nil)                                | true
          IsMatch("GET /healthz", "^GET /health")          | true
          IsMatch("x", "^y")                               | false
          IsMatch(nil, ".*")                               | false
          IsMatch(503, "^5")                               | true
          Len("héllo") == 6                                | true
          Len([1, 2, 3]) == 3                              | true
          Int("42") == 42                                  | true
          Int(3.9) == 3                                    | true
          Int(true) == 1                                   | true
          Int("x") == nil                                  | true
          Concat(["a", 1, true], "-") == "a-1-true"        | true
          Concat(["a", nil, "b"], "/") == "a//b"           | true
          """)
  void evaluates(String condition, boolean expected) {
    assertThat(eval(condition, OttlContext.SPAN, spanItem())).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          IsMatch(name, "GET" name == "x"              | at 21: expected ')' after arguments of IsMatch, found 'name'
          name ==                                      | at 8: expected a value, found the end of the condition
          name = "x"                                   | at 6: '=' is not an operator; compare with '=='
          name                                         | at 5: expected a comparison operator (==, !=, <, <=, >, >=) after 'name', found the end of the condition
          (name == "x"                                 | at 13: expected ')' to close the '(' at 1, found the end of the condition
          name == "x")                                 | at 12: unexpected ')' after a complete condition
          nme == "x"                                   | at 1: unknown path 'nme' in the span context; known: name, kind, kind.string, status.code, status.message, attributes, trace_id, trace_id.string, span_id, span_id.string, parent_span_id, parent_span_id.string, trace_state, start_time_unix_nano, end_time_unix_nano, duration, dropped_attributes_count, dropped_events_count, dropped_links_count, flags, resource.attributes, resource.dropped_attributes_count, instrumentation_scope.name, instrumentation_scope.version, instrumentation_scope.attributes, instrumentation_scope.dropped_attributes_count
          name["k"] == 1                               | at 5: 'name' takes no [key]
          attributes["k" == 1                          | at 16: expected ']' after the key "k", found '=='
          attributes[name] == 1                        | at 12: expected a string or int key after '[', found 'name'
          "abc                                         | at 1: string is not closed with '"'
          "a\\q" == "b"                                | at 3: unknown escape '\\q' in string
          name == "x" and                              | at 16: expected a value, found the end of the condition
          name == and                                  | at 9: expected a value, found the keyword 'and'
          Foo(name)                                    | at 1: unknown converter Foo; supported: IsMatch, IsString, Len, Int, Concat
          SPAN_KIND_NOPE == kind                       | at 1: unknown enum or converter 'SPAN_KIND_NOPE'
          IsMatch(name)                                | at 1: IsMatch takes 2 arguments IsMatch(target, "regex"), got 1
          IsMatch(name, attributes["re"])              | at 15: IsMatch takes its regex as a string literal
          IsMatch(name, "(")                           | at 15: invalid regex for IsMatch: missing closing )
          Concat(name, "-") == "x"                     | at 8: Concat takes a list of values first, e.g. [name, "x"]
          Len(name)                                    | at 10: expected a comparison operator (==, !=, <, <=, >, >=) after 'Len', found the end of the condition
          99999999999999999999 == 1                    | at 1: integer out of the int64 range: 99999999999999999999
          0x0 == 1                                     | at 1: a byte literal needs an even number of hex digits
          name == "x" # comment                        | at 13: unexpected character '#'
          [1, 2 == 1                                   | at 7: expected ',' or ']' in the list opened at 1, found '=='
          1abc == 1                                    | at 2: unexpected 'a' after a number
          ""                                           | at 3: expected a comparison operator (==, !=, <, <=, >, >=) after '""', found the end of the condition
          """)
  void reportsTheColumnOfEachError(String condition, String message) {
    assertThat(syntaxError(condition, OttlContext.SPAN)).isEqualTo(message);
  }

  @org.junit.jupiter.api.Test
  void anEmptyConditionIsAnError() {
    assertThat(syntaxError("   ", OttlContext.SPAN)).isEqualTo("at 1: the condition is empty");
  }
}
