package dev.tailgate.exporter.otlphttp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Status;
import dev.tailgate.exporter.otlp.PartialSuccess;
import dev.tailgate.pipeline.OtlpService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an OTLP/HTTP answer for one signal: a 2xx body is an export response, whose partial success
 * is returned; any other status is thrown as the error it is, with the message of the
 * google.rpc.Status the body holds (or the body's first line when it holds none).
 */
final class OtlpHttpResponses<R> {
  private static final Logger log = LoggerFactory.getLogger(OtlpHttpResponses.class);
  private static final int MAX_REASON_CHARS = 512;
  private static final String PROTOBUF = "application/x-protobuf";
  private static final String JSON = "application/json";

  private final OtlpService<?, R> service;
  private final OtlpHttpStatuses statuses;
  private final ObjectMapper json = new ObjectMapper();
  private final JsonFormat.Parser jsonParser = JsonFormat.parser().ignoringUnknownFields();

  OtlpHttpResponses(OtlpService<?, R> service, Clock clock) {
    this.service = service;
    this.statuses = new OtlpHttpStatuses(clock);
  }

  /** The partial success of a 2xx answer; throws the retryable or permanent error of any other. */
  PartialSuccess check(HttpAnswer answer, URI url) {
    if (!OtlpHttpStatuses.succeeded(answer.status())) {
      throw statuses.failure(
          answer.status(),
          answer.headers(),
          url + " answered HTTP " + answer.status() + reason(answer));
    }
    if (answer.body().length == 0) {
      return PartialSuccess.NONE;
    }
    try {
      R response = exportResponse(answer);
      if (response == null) {
        return PartialSuccess.NONE;
      }
      OtlpService.PartialSuccessShape<R> shape = service.partialSuccess();
      return new PartialSuccess(shape.rejected(response), shape.message(response));
    } catch (IOException e) {
      // The batch was taken (2xx); a response we cannot read only hides a partial success.
      log.debug("cannot read the export response from {}: {}", url, e.getMessage());
      return PartialSuccess.NONE;
    }
  }

  /**
   * The export response, or null when its media type is neither of OTLP's. The signal's gRPC method
   * parses protobuf into its typed response; JSON is read into that message's builder and handed to
   * the same parser as bytes (a response is a few bytes; this keeps it typed).
   */
  private R exportResponse(HttpAnswer answer) throws IOException {
    byte[] protobuf;
    switch (answer.mediaType()) {
      case PROTOBUF -> protobuf = answer.body();
      case JSON -> {
        if (!(service.fullSuccess() instanceof Message empty)) {
          return null;
        }
        Message.Builder builder = empty.newBuilderForType();
        jsonParser.merge(text(answer), builder);
        protobuf = builder.build().toByteArray();
      }
      default -> {
        return null;
      }
    }
    try {
      return service.export().parseResponse(new ByteArrayInputStream(protobuf));
    } catch (RuntimeException e) {
      // gRPC's protobuf marshaller reports a malformed message as a StatusRuntimeException.
      throw new IOException(e.getMessage(), e);
    }
  }

  private String reason(HttpAnswer answer) {
    String message = statusMessage(answer);
    if (message.isBlank()) {
      return "";
    }
    String line = message.strip().lines().findFirst().orElse("");
    return ": "
        + (line.length() > MAX_REASON_CHARS ? line.substring(0, MAX_REASON_CHARS) + "…" : line);
  }

  /** The google.rpc.Status message of an error body, else the body as text. */
  private String statusMessage(HttpAnswer answer) {
    try {
      switch (answer.mediaType()) {
        case PROTOBUF:
          return Status.parseFrom(answer.body()).getMessage();
        case JSON:
          // Read by hand: the status's details are Any values whose types we need not know.
          JsonNode message = json.readTree(answer.body()).path("message");
          return message.isTextual() ? message.textValue() : text(answer);
        default:
          return text(answer);
      }
    } catch (InvalidProtocolBufferException e) {
      return "";
    } catch (IOException e) {
      return text(answer);
    }
  }

  private static String text(HttpAnswer answer) {
    return new String(answer.body(), StandardCharsets.UTF_8);
  }
}
