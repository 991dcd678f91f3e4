package dev.tailgate.pipeline.client.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import dev.tailgate.pipeline.ConsumerException;
import dev.tailgate.pipeline.PermanentException;
import dev.tailgate.pipeline.RetryableException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GrpcStatusClassifierTest {

  @ParameterizedTest
  @EnumSource(
      names = {
        "CANCELLED",
        "DEADLINE_EXCEEDED",
        "ABORTED",
        "OUT_OF_RANGE",
        "UNAVAILABLE",
        "DATA_LOSS"
      })
  void retriesTransientCodes(Status.Code code) {
    ConsumerException e = GrpcStatusClassifier.classify(code.toStatus().asRuntimeException());

    assertThat(e).isInstanceOf(RetryableException.class).hasMessageContaining(code.name());
    assertThat(((RetryableException) e).retryAfter()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      names = {
        "OK",
        "UNKNOWN",
        "INVALID_ARGUMENT",
        "NOT_FOUND",
        "ALREADY_EXISTS",
        "PERMISSION_DENIED",
        "FAILED_PRECONDITION",
        "UNIMPLEMENTED",
        "INTERNAL",
        "UNAUTHENTICATED",
        "RESOURCE_EXHAUSTED"
      })
  void givesUpOnOtherCodesWithoutRetryInfo(Status.Code code) {
    ConsumerException e =
        GrpcStatusClassifier.classify(code.toStatus().withDescription("why").asRuntimeException());

    assertThat(e)
        .isInstanceOf(PermanentException.class)
        .hasMessageContaining(code.name() + ": why");
  }

  @Test
  void retriesResourceExhaustedWithRetryInfoAfterItsDelay() {
    ConsumerException e =
        GrpcStatusClassifier.classify(
            withRetryInfo(Status.Code.RESOURCE_EXHAUSTED, 2, 500_000_000));

    assertThat(e).isInstanceOf(RetryableException.class);
    assertThat(((RetryableException) e).retryAfter()).contains(Duration.ofMillis(2500));
  }

  @Test
  void passesOnTheRetryInfoDelayOfOtherRetryableCodes() {
    ConsumerException e =
        GrpcStatusClassifier.classify(withRetryInfo(Status.Code.UNAVAILABLE, 1, 0));

    assertThat(((RetryableException) e).retryAfter()).contains(Duration.ofSeconds(1));
  }

  @Test
  void retryInfoDoesNotMakePermanentCodesRetryable() {
    ConsumerException e =
        GrpcStatusClassifier.classify(withRetryInfo(Status.Code.INVALID_ARGUMENT, 1, 0));

    assertThat(e).isInstanceOf(PermanentException.class);
  }

  @Test
  void retriesResourceExhaustedWithRetryInfoWithoutDelayAfterBackoff() {
    com.google.rpc.Status details =
        com.google.rpc.Status.newBuilder()
            .setCode(Status.Code.RESOURCE_EXHAUSTED.value())
            .addDetails(Any.pack(RetryInfo.getDefaultInstance()))
            .build();

    ConsumerException e =
        GrpcStatusClassifier.classify(StatusProto.toStatusRuntimeException(details));

    assertThat(e).isInstanceOf(RetryableException.class);
    assertThat(((RetryableException) e).retryAfter()).isEmpty();
  }

  @Test
  void ignoresDetailsWhoseCodeContradictsTheStatus() {
    Metadata trailers =
        StatusProto.toStatusRuntimeException(
                com.google.rpc.Status.newBuilder()
                    .setCode(Status.Code.UNAVAILABLE.value())
                    .addDetails(Any.pack(RetryInfo.getDefaultInstance()))
                    .build())
            .getTrailers();

    ConsumerException e = GrpcStatusClassifier.classify(Status.RESOURCE_EXHAUSTED, trailers, null);

    assertThat(e).isInstanceOf(PermanentException.class);
  }

  private static StatusRuntimeException withRetryInfo(Status.Code code, long seconds, int nanos) {
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(code.value())
            .setMessage("throttled")
            .addDetails(
                Any.pack(
                    RetryInfo.newBuilder()
                        .setRetryDelay(
                            com.google.protobuf.Duration.newBuilder()
                                .setSeconds(seconds)
                                .setNanos(nanos))
                        .build()))
            .build());
  }
}
