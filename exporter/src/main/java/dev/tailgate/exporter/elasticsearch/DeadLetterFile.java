package dev.tailgate.exporter.elasticsearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;

/**
 * Appends refused documents to an ndjson file, one line each: when, the exporter, the target index,
 * the status, the reason and the document itself (as JSON, not as a string), so they can be fixed
 * and re-sent with any bulk tool. The lines of one call are written in one append, so several
 * exporters (traces, logs, metrics of one component) can share a file.
 */
final class DeadLetterFile implements DeadLetterSink {
  private final Path path;
  private final String exporter;
  private final Clock clock;
  private final JsonFactory json = new JsonFactory();

  DeadLetterFile(Path path, String exporter, Clock clock) {
    this.path = path;
    this.exporter = exporter;
    this.clock = clock;
  }

  @Override
  public void write(List<DeadLetter> letters) throws IOException {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    String now = clock.instant().toString();
    for (DeadLetter letter : letters) {
      try (JsonGenerator out = json.createGenerator(lines)) {
        out.writeStartObject();
        out.writeStringField("timestamp", now);
        out.writeStringField("exporter", exporter);
        out.writeStringField("index", letter.document().index());
        out.writeNumberField("status", letter.status());
        out.writeStringField("reason", letter.reason());
        out.writeFieldName("document");
        out.writeRawValue(letter.document().sourceText());
        out.writeEndObject();
      }
      lines.write('\n');
    }
    synchronized (this) {
      try (OutputStream file =
          Files.newOutputStream(
              path,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        lines.writeTo(file);
      }
    }
  }

  @Override
  public String describe() {
    return "written to " + path;
  }
}
