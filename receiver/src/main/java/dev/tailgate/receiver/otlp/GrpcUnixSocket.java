package dev.tailgate.receiver.otlp;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * OTLP/gRPC on a unix socket ({@code transport: unix}), through Netty's epoll transport, which
 * grpc-netty-shaded carries for Linux. The event loops are the server's own and end with it.
 */
final class GrpcUnixSocket {
  private final Path path;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;

  GrpcUnixSocket(String path) {
    if (!Epoll.isAvailable()) {
      throw new IllegalStateException(
          "unix sockets need Netty's epoll transport (Linux): " + Epoll.unavailabilityCause());
    }
    this.path = Path.of(path);
    this.boss = new EpollEventLoopGroup(1);
    this.workers = new EpollEventLoopGroup();
  }

  NettyServerBuilder builder() {
    return NettyServerBuilder.forAddress(new DomainSocketAddress(path.toString()))
        .channelType(EpollServerDomainSocketChannel.class)
        .bossEventLoopGroup(boss)
        .workerEventLoopGroup(workers);
  }

  /**
   * Removes a socket file a previous run left behind (a crash does not unlink it, and bind would
   * fail on it); refuses to remove anything that is not a socket.
   */
  void removeStaleSocket() {
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
          || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
          || Files.isSymbolicLink(path)) {
        throw new IllegalStateException(path + " exists and is not a socket");
      }
      try {
        Files.delete(path);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove the old socket " + path, e);
      }
    }
  }

  void release() {
    boss.shutdownGracefully();
    workers.shutdownGracefully();
  }
}
