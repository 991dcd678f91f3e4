package dev.tailgate.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.pipeline.config.ConfigBinder;
import dev.tailgate.pipeline.config.ConfigErrors;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CorsConfigTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final ConfigErrors errors = new ConfigErrors();

  @Test
  void bindsTheCollectorShapeUnderProtocolsHttp() throws IOException {
    OtlpReceiverConfig config =
        bind("""
        protocols:
          http:
            cors:
              allowed_origins: [ "https://*.example.com", "http://localhost:3000" ]
              allowed_headers: [ X-Tenant ]
              max_age: 7200
        """)
            .orElseThrow();

    assertThat(config.protocols().http().cors())
        .isEqualTo(
            new CorsConfig(
                List.of("https://*.example.com", "http://localhost:3000"),
                List.of("X-Tenant"),
                7200));
    assertThat(errors.problems()).isEmpty();
  }

  @Test
  void rejectsMoreThanOneWildcardNegativeMaxAgeAndEmptyEntriesNamingTheKey() throws IOException {
    Optional<OtlpReceiverConfig> config =
        bind(
            """
            protocols:
              http:
                cors:
                  allowed_origins: [ "https://*.*.example.com", "" ]
                  allowed_headers: [ " " ]
                  max_age: -1
            """);

    assertThat(config).isEmpty();
    assertThat(errors.problems())
        .containsExactlyInAnyOrder(
            "receivers.otlp.protocols.http.cors.allowed_origins[0]: may hold at most one *"
                + " wildcard, got \"https://*.*.example.com\"",
            "receivers.otlp.protocols.http.cors.allowed_origins[1]: must not be empty",
            "receivers.otlp.protocols.http.cors.allowed_headers[0]: must not be empty",
            "receivers.otlp.protocols.http.cors.max_age: must be >= 0 seconds");
  }

  private Optional<OtlpReceiverConfig> bind(String text) throws IOException {
    return new ConfigBinder()
        .bind(YAML.readTree(text), OtlpReceiverConfig.class, "receivers.otlp", errors);
  }
}
