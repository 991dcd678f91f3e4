package dev.tailgate.pipeline.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Rewrites an encoding so that every string field holds valid UTF-8, each malformed sequence
 * replaced by U+FFFD. protobuf-java refuses to parse proto3 strings that are not UTF-8, while OTLP
 * senders do emit them (the Collector passes them on): the gateway forwards such bytes untouched,
 * and only a processor that must look inside sees this repaired copy. Everything else, unknown
 * fields included, is copied as it was.
 *
 * <p>Stateless; recursion is bounded by {@code maxDepth} messages.
 */
public final class Utf8Repair {
  private Utf8Repair() {}

  public static ByteString repaired(ByteString bytes, Descriptor type, int maxDepth)
      throws InvalidProtocolBufferException {
    try {
      return rewrite(bytes, type, maxDepth);
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidProtocolBufferException(e);
    }
  }

  private static ByteString rewrite(ByteString bytes, Descriptor type, int depthLeft)
      throws IOException {
    if (depthLeft <= 0) {
      throw new InvalidProtocolBufferException("messages nest too deep");
    }
    CodedInputStream in = bytes.newCodedInput();
    ByteString.Output buffer = ByteString.newOutput(bytes.size());
    CodedOutputStream out = CodedOutputStream.newInstance(buffer);
    int tag;
    while ((tag = in.readTag()) != 0) {
      FieldDescriptor field = type.findFieldByNumber(WireFormat.getTagFieldNumber(tag));
      boolean delimited = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
      if (field != null && delimited && field.getType() == FieldDescriptor.Type.STRING) {
        ByteString value = in.readBytes();
        out.writeBytes(field.getNumber(), value.isValidUtf8() ? value : repairedString(value));
      } else if (field != null && delimited && field.getType() == FieldDescriptor.Type.MESSAGE) {
        out.writeBytes(
            field.getNumber(), rewrite(in.readBytes(), field.getMessageType(), depthLeft - 1));
      } else if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_START_GROUP) {
        throw new InvalidProtocolBufferException("the group encoding is not used by OTLP");
      } else {
        in.skipField(tag, out);
      }
    }
    out.flush();
    return buffer.toByteString();
  }

  private static ByteString repairedString(ByteString value) {
    return ByteString.copyFromUtf8(new String(value.toByteArray(), StandardCharsets.UTF_8));
  }
}
