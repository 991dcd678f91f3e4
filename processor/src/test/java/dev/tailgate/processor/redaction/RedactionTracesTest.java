package dev.tailgate.processor.redaction;

import static dev.tailgate.processor.redaction.RedactionFixtures.array;
import static dev.tailgate.processor.redaction.RedactionFixtures.asMap;
import static dev.tailgate.processor.redaction.RedactionFixtures.config;
import static dev.tailgate.processor.redaction.RedactionFixtures.entry;
import static dev.tailgate.processor.redaction.RedactionFixtures.integer;
import static dev.tailgate.processor.redaction.RedactionFixtures.map;
import static dev.tailgate.processor.redaction.RedactionFixtures.redact;
import static dev.tailgate.processor.redaction.RedactionFixtures.str;
import static dev.tailgate.processor.redaction.RedactionFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.tailgate.pipeline.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTracesTest {
  private static final String CARD = "4111111111111111";
  private static final RedactionConfig MASK_CARDS =
      config("{ allow_all_keys: true, value_patterns: [credit_card] }");

  private static ExportTraceServiceRequest traces(
      List<KeyValue> resource,
      List<KeyValue> scope,
      List<KeyValue> span,
      List<KeyValue> event,
      List<KeyValue> link) {
    Span.Builder built =
        Span.newBuilder()
            .setName("checkout")
            .addAllAttributes(span)
            .addEvents(Span.Event.newBuilder().setName("exception").addAllAttributes(event))
            .addLinks(Span.Link.newBuilder().addAllAttributes(link));
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAllAttributes(resource))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(
                            InstrumentationScope.newBuilder()
                                .setName("lib")
                                .addAllAttributes(scope))
                        .addSpans(built)))
        .build();
  }

  private static ExportTraceServiceRequest spanWith(KeyValue... attributes) {
    return traces(List.of(), List.of(), List.of(attributes), List.of(), List.of());
  }

  private static Span onlySpan(ExportTraceServiceRequest request) {
    return request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
  }

  @Test
  void masksResourceAttributes() {
    var out =
        redact(
            MASK_CARDS,
            Signal.TRACES,
            traces(List.of(str("card", CARD)), List.of(), List.of(), List.of(), List.of()));

    assertThat(asMap(out.getResourceSpans(0).getResource().getAttributesList()))
        .containsExactly(entry("card", "****"));
  }

  @Test
  void masksScopeAttributes() {
    var out =
        redact(
            MASK_CARDS,
            Signal.TRACES,
            traces(List.of(), List.of(str("card", CARD)), List.of(), List.of(), List.of()));

    InstrumentationScope scope = out.getResourceSpans(0).getScopeSpans(0).getScope();
    assertThat(asMap(scope.getAttributesList())).containsExactly(entry("card", "****"));
    assertThat(scope.getName()).isEqualTo("lib");
  }

  @Test
  void masksSpanAttributes() {
    var out = redact(MASK_CARDS, Signal.TRACES, spanWith(str("card", CARD), str("plain", "hello")));

    assertThat(asMap(onlySpan(out).getAttributesList()))
        .containsExactly(entry("card", "****"), entry("plain", "hello"));
    assertThat(onlySpan(out).getName()).isEqualTo("checkout");
  }

  @Test
  void masksSpanEventAttributes() {
    var out =
        redact(
            MASK_CARDS,
            Signal.TRACES,
            traces(List.of(), List.of(), List.of(), List.of(str("card", CARD)), List.of()));

    Span.Event event = onlySpan(out).getEvents(0);
    assertThat(asMap(event.getAttributesList())).containsExactly(entry("card", "****"));
    assertThat(event.getName()).isEqualTo("exception");
  }

  @Test
  void masksSpanLinkAttributes() {
    var out =
        redact(
            MASK_CARDS,
            Signal.TRACES,
            traces(List.of(), List.of(), List.of(), List.of(), List.of(str("card", CARD))));

    assertThat(asMap(onlySpan(out).getLinks(0).getAttributesList()))
        .containsExactly(entry("card", "****"));
  }

  @Test
  void failsClosedRemovingEveryKeyNotAllowed() {
    var config = config("{ allowed_keys: [http.route] }");

    var out =
        redact(
            config,
            Signal.TRACES,
            spanWith(str("http.route", "/cart"), str("user.name", "ada"), integer("n", 3)));

    assertThat(asMap(onlySpan(out).getAttributesList()))
        .containsExactly(entry("http.route", "/cart"));
  }

  @Test
  void theDefaultConfigRemovesEveryAttributeEverywhere() {
    var in =
        traces(
            List.of(str("service.name", "x")),
            List.of(str("s", "y")),
            List.of(str("a", "b")),
            List.of(str("e", "f")),
            List.of(str("l", "m")));

    var out = redact(RedactionConfig.defaults(), Signal.TRACES, in);

    assertThat(out.getResourceSpans(0).getResource().getAttributesList()).isEmpty();
    assertThat(out.getResourceSpans(0).getScopeSpans(0).getScope().getAttributesList()).isEmpty();
    assertThat(onlySpan(out).getAttributesList()).isEmpty();
    assertThat(onlySpan(out).getEvents(0).getAttributesList()).isEmpty();
    assertThat(onlySpan(out).getLinks(0).getAttributesList()).isEmpty();
  }

  @Test
  void ignoredKeysStayUntouchedEvenWhenTheirValueIsBlockedAndTheyAreNotAllowed() {
    var config =
        config(
            "{ ignored_keys: [safe], blocked_key_patterns: [safe], value_patterns: [credit_card]"
                + " }");

    var out = redact(config, Signal.TRACES, spanWith(str("safe", CARD), str("other", "x")));

    assertThat(asMap(onlySpan(out).getAttributesList())).containsExactly(entry("safe", CARD));
  }

  @Test
  void keysMatchingIgnoredKeyPatternsStayUntouchedAsIgnoredKeysDo() {
    var config =
        config(
            "{ ignored_key_patterns: ['^safe\\.'], blocked_key_patterns: [safe],"
                + " value_patterns: [credit_card] }");

    var out =
        redact(
            config,
            Signal.TRACES,
            spanWith(str("safe.card", CARD), str("unsafe", CARD), str("other", "x")));

    assertThat(asMap(onlySpan(out).getAttributesList())).containsExactly(entry("safe.card", CARD));
  }

  @Test
  void blockedKeyPatternsMaskTheWholeValueOfAnyType() {
    var config =
        config("{ allow_all_keys: true, blocked_key_patterns: ['(?i)password', 'token'] }");

    var out =
        redact(
            config,
            Signal.TRACES,
            spanWith(
                str("db.Password", "hunter2"),
                integer("refresh_token_id", 12345),
                entry("auth.token", map(str("value", "abc"))),
                str("user", "ada")));

    assertThat(asMap(onlySpan(out).getAttributesList()))
        .containsExactly(
            entry("db.Password", "****"),
            entry("refresh_token_id", "****"),
            entry("auth.token", "****"),
            entry("user", "ada"));
  }

  @Test
  void blockedValuesMaskOnlyTheMatchedPart() {
    var config =
        config(
            "{ allow_all_keys: true, blocked_values: ['secret-[0-9]+', 'pin=[0-9]{4}'], mask: '<x>'"
                + " }");

    var out =
        redact(config, Signal.TRACES, spanWith(str("notes", "id secret-42 and pin=1234, done")));

    assertThat(asMap(onlySpan(out).getAttributesList()))
        .containsExactly(entry("notes", "id <x> and <x>, done"));
  }

  @Test
  void allowedValuesWinOverBlockedValuesAndBlockedKeys() {
    var config =
        config(
            "{ allow_all_keys: true, blocked_values: ['mycompany\\.com'], blocked_key_patterns:"
                + " ['email'], allowed_values: ['support\\.mycompany\\.com'] }");

    var out =
        redact(
            config,
            Signal.TRACES,
            spanWith(
                str("contact", "help@support.mycompany.com"),
                str("other", "x@mycompany.com"),
                str("user.email", "a@support.mycompany.com")));

    assertThat(asMap(onlySpan(out).getAttributesList()))
        .containsExactly(
            entry("contact", "help@support.mycompany.com"),
            entry("other", "x@****"),
            entry("user.email", "a@support.mycompany.com"));
  }

  @Test
  void masksInsideNestedMapsAndArraysOfAttributeValues() {
    var config =
        config("{ allowed_keys: [request, card, cards, name], value_patterns: [credit_card] }");
    var request =
        map(
            str("name", "order"),
            str("card", CARD),
            str("unknown", "removed"),
            entry("cards", array(text("x " + CARD), text("fine"), map(str("card", CARD)))));

    var out = redact(config, Signal.TRACES, spanWith(entry("request", request)));

    var expected =
        map(
            str("name", "order"),
            str("card", "****"),
            entry("cards", array(text("x ****"), text("fine"), map(str("card", "****")))));
    assertThat(onlySpan(out).getAttributes(0).getValue()).isEqualTo(expected);
  }

  @Test
  void scansNonStringScalarsOnlyWithRedactAllTypes() {
    var scanAll =
        config("{ allow_all_keys: true, value_patterns: [credit_card], redact_all_types: true }");
    var in = spanWith(integer("card.number", Long.parseLong(CARD)));

    assertThat(redact(MASK_CARDS, Signal.TRACES, in)).isSameAs(in);
    assertThat(asMap(onlySpan(redact(scanAll, Signal.TRACES, in)).getAttributesList()))
        .containsExactly(entry("card.number", "****"));
  }

  @Test
  void returnsAnUnchangedBatchAsTheSameInstance() {
    var config =
        config(
            "{ allow_all_keys: true, blocked_key_patterns: [password], blocked_values: ['secret'],"
                + " value_patterns: [credit_card, email, bearer_token, aws_access_key, ipv4] }");
    var in =
        traces(
            List.of(str("service.name", "checkout"), str("service.version", "1.4.12")),
            List.of(str("lib.feature", "on")),
            List.of(
                str("http.route", "/api/orders/{id}"),
                integer("http.response.status_code", 200),
                str("url.path", "/api/orders/4111111111111112")),
            List.of(str("exception.type", "java.io.IOException")),
            List.of(str("peer", "orders.internal")));

    assertThat(redact(config, Signal.TRACES, in)).isSameAs(in);
  }
}
