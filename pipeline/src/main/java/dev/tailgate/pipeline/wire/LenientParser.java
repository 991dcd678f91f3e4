package dev.tailgate.pipeline.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;

/**
 * Parses an OTLP message the way the gateway reads what it forwards: nesting allowed to {@code
 * maxDepth} messages, and strings that are not UTF-8 read with U+FFFD ({@link Utf8Repair}) instead
 * of failing the whole message, as protobuf-java's proto3 parser would. Thread-safe.
 */
public final class LenientParser<T> {
  private final Parser<T> parser;
  private final Descriptor type;
  private final int maxDepth;

  public LenientParser(Parser<T> parser, Descriptor type, int maxDepth) {
    this.parser = parser;
    this.type = type;
    this.maxDepth = maxDepth;
  }

  public T parse(ByteString bytes) throws InvalidProtocolBufferException {
    try {
      return parseStrictly(bytes);
    } catch (InvalidProtocolBufferException e) {
      if (e.getMessage() == null || !e.getMessage().contains("UTF-8")) {
        throw e;
      }
      return parseStrictly(Utf8Repair.repaired(bytes, type, maxDepth));
    }
  }

  private T parseStrictly(ByteString bytes) throws InvalidProtocolBufferException {
    CodedInputStream input = bytes.newCodedInput();
    input.setRecursionLimit(maxDepth);
    T parsed = parser.parseFrom(input);
    input.checkLastTagWas(0);
    return parsed;
  }
}
