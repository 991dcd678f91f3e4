package dev.tailgate.processor.ottl;

import static dev.tailgate.processor.ottl.OttlItems.eval;
import static dev.tailgate.processor.ottl.OttlItems.span;
import static dev.tailgate.processor.ottl.OttlItems.spanItem;
import static dev.tailgate.processor.ottl.OttlItems.str;
import static dev.tailgate.processor.ottl.OttlItems.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Conditions and values built to hurt: errors or bounded work, never a StackOverflowError. */
class OttlHostileInputTest {

  @Test
  void tenThousandNestedParenthesesAreRefusedWithAnError() {
    String condition = "(".repeat(10_000) + "true" + ")".repeat(10_000);

    assertThat(syntaxError(condition, OttlContext.SPAN))
        .isEqualTo("at 65: nested more than 64 levels deep");
  }

  @Test
  void tenThousandNotsAndNestedCallsAreRefusedWithAnError() {
    assertThat(syntaxError("not ".repeat(10_000) + "true", OttlContext.SPAN))
        .endsWith("nested more than 64 levels deep");
    assertThat(
            syntaxError(
                "Len(".repeat(10_000) + "1" + ")".repeat(10_000) + " == 1", OttlContext.SPAN))
        .endsWith("nested more than 64 levels deep");
    assertThat(syntaxError("[".repeat(10_000) + "]".repeat(10_000) + " == 1", OttlContext.SPAN))
        .endsWith("nested more than 64 levels deep");
  }

  @Test
  void nestingUpToTheBoundParses() {
    String condition = "(".repeat(Parser.MAX_NESTING) + "true" + ")".repeat(Parser.MAX_NESTING);

    assertThat(eval(condition, OttlContext.SPAN, spanItem())).isTrue();
  }

  @Test
  void aLongFlatConditionParsesWithoutRecursingPerTerm() {
    String condition = "name == \"x\" or ".repeat(20_000) + "true";

    assertThat(eval(condition, OttlContext.SPAN, spanItem())).isTrue();
  }

  @Test
  void aMegabyteValueAgainstABacktrackingTrapStaysLinear() {
    // (a+)+$ against "aaa...b" takes exponential time in a backtracking engine.
    var item = spanItem(span().addAttributes(str("note", "a".repeat(1 << 20) + "b")).build());
    long start = System.nanoTime();

    boolean matched = eval("IsMatch(attributes[\"note\"], \"^(a+)+$\")", OttlContext.SPAN, item);

    assertThat(matched).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aMegabyteValueOfRepeatedGroupsDoesNotOverflowTheStack() {
    // java.util.regex recurses once per repetition of a group like this and overflows.
    var item = spanItem(span().addAttributes(str("note", "ab".repeat(1 << 19))).build());

    assertThat(eval("IsMatch(attributes[\"note\"], \"^(ab|cd)*$\")", OttlContext.SPAN, item))
        .isTrue();
  }
}
