package dev.tailgate.exporter.elasticsearch;

import java.io.IOException;
import java.util.List;

/** Where refused documents are kept: the dead letter file, or the log. */
interface DeadLetterSink {
  void write(List<DeadLetter> letters) throws IOException;

  /** Where the documents went, for the summary line. */
  String describe();
}
