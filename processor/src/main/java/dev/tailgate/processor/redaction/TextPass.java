package dev.tailgate.processor.redaction;

/** One masking step over a text. */
interface TextPass {
  /** The text with what this step blocks replaced; the same instance when nothing was. */
  String apply(String text, Replacement replacement);
}
