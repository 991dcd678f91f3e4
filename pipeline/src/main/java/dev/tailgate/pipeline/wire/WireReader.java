package dev.tailgate.pipeline.wire;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A cursor over a protobuf encoding in an array, with the few reads that walking OTLP without
 * parsing it needs: tags, lengths, skips and scalars. Written here rather than taken from
 * CodedInputStream because these walks read little but tags and lengths, and CodedInputStream's
 * general varint paths cost more than the rest of a walk together. Not thread-safe; cheap to make.
 */
public final class WireReader {
  private final byte[] buffer;
  private int position;
  private int limit;

  public WireReader(byte[] buffer, int position, int limit) {
    if (position < 0 || limit < position || limit > buffer.length) {
      throw new IndexOutOfBoundsException(
          "from " + position + " to " + limit + " of " + buffer.length);
    }
    this.buffer = buffer;
    this.position = position;
    this.limit = limit;
  }

  /**
   * A reader over {@code bytes}: over its own array when it is one flat piece (as a received
   * request is), over a copy when it is a rope of several.
   */
  public static WireReader of(ByteString bytes) {
    FlatView view = new FlatView();
    try {
      UnsafeByteOperations.unsafeWriteTo(bytes, view);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    if (view.pieces == 1) {
      return new WireReader(view.array, view.offset, view.offset + view.length);
    }
    byte[] copy = bytes.toByteArray();
    return new WireReader(copy, 0, copy.length);
  }

  public byte[] buffer() {
    return buffer;
  }

  public int position() {
    return position;
  }

  /** The end of the message being read. */
  public int limit() {
    return limit;
  }

  /** The next tag, or 0 at the end of the current message. */
  public int readTag() throws InvalidProtocolBufferException {
    if (position == limit) {
      return 0;
    }
    int tag = readVarint32();
    if (WireFormat.getTagFieldNumber(tag) == 0) {
      throw new InvalidProtocolBufferException("invalid tag (zero)");
    }
    return tag;
  }

  /**
   * Reads a length prefix and limits reading to it; returns the limit to restore on {@link #exit}.
   * After it, {@link #position()} and {@link #limit()} bound the nested value.
   */
  public int enter() throws InvalidProtocolBufferException {
    int length = readVarint32();
    if (length < 0 || length > limit - position) {
      throw truncated();
    }
    int outer = limit;
    limit = position + length;
    return outer;
  }

  /** Leaves the nested value entered last, wherever reading stopped inside it. */
  public void exit(int outer) {
    position = limit;
    limit = outer;
  }

  /** Skips a length-delimited field's value; returns its length. */
  public int skipBytes() throws InvalidProtocolBufferException {
    int length = readVarint32();
    if (length < 0 || length > limit - position) {
      throw truncated();
    }
    position += length;
    return length;
  }

  /** Skips the value of a field with this tag. */
  public void skip(int tag) throws InvalidProtocolBufferException {
    switch (WireFormat.getTagWireType(tag)) {
      case WireFormat.WIRETYPE_VARINT -> readVarint64();
      case WireFormat.WIRETYPE_FIXED64 -> advance(8);
      case WireFormat.WIRETYPE_LENGTH_DELIMITED -> skipBytes();
      case WireFormat.WIRETYPE_FIXED32 -> advance(4);
      case WireFormat.WIRETYPE_START_GROUP, WireFormat.WIRETYPE_END_GROUP ->
          throw new InvalidProtocolBufferException(
              "field "
                  + WireFormat.getTagFieldNumber(tag)
                  + " uses the group encoding, which OTLP does not");
      default -> throw new InvalidProtocolBufferException("invalid wire type in tag " + tag);
    }
  }

  public long readFixed64() throws InvalidProtocolBufferException {
    if (limit - position < 8) {
      throw truncated();
    }
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = value << 8 | (buffer[position + i] & 0xFFL);
    }
    position += 8;
    return value;
  }

  public int readVarint32() throws InvalidProtocolBufferException {
    int result = 0;
    for (int shift = 0; shift < 32; shift += 7) {
      if (position == limit) {
        throw truncated();
      }
      byte b = buffer[position++];
      result |= (b & 0x7F) << shift;
      if (b >= 0) {
        return result;
      }
    }
    // A 32-bit value written as a sign-extended 64-bit varint: skip its remaining bytes.
    for (int i = 0; i < 5; i++) {
      if (position == limit) {
        throw truncated();
      }
      if (buffer[position++] >= 0) {
        return result;
      }
    }
    throw new InvalidProtocolBufferException("malformed varint");
  }

  public long readVarint64() throws InvalidProtocolBufferException {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position == limit) {
        throw truncated();
      }
      byte b = buffer[position++];
      result |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw new InvalidProtocolBufferException("malformed varint");
  }

  private void advance(int bytes) throws InvalidProtocolBufferException {
    if (limit - position < bytes) {
      throw truncated();
    }
    position += bytes;
  }

  private static InvalidProtocolBufferException truncated() {
    return new InvalidProtocolBufferException(
        "the input ended in the middle of a field, or a length reaches past its message");
  }

  /** Catches the array behind a flat ByteString as protobuf hands it out, without a copy. */
  private static final class FlatView extends ByteOutput {
    byte[] array;
    int offset;
    int length;
    int pieces;

    @Override
    public void write(byte value) {
      pieces += 2; // not an array piece: make the caller copy
    }

    @Override
    public void write(byte[] value, int offset, int length) {
      writeLazy(value, offset, length);
    }

    @Override
    public void writeLazy(byte[] value, int offset, int length) {
      pieces++;
      this.array = value;
      this.offset = offset;
      this.length = length;
    }

    @Override
    public void write(ByteBuffer value) {
      pieces += 2;
    }

    @Override
    public void writeLazy(ByteBuffer value) {
      pieces += 2;
    }
  }
}
