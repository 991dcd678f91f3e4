package dev.tailgate.processor.tailsampling.peers;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Looks up the addresses of a host name; tests give their own answers. */
@FunctionalInterface
interface HostResolver {
  HostResolver SYSTEM = InetAddress::getAllByName;

  InetAddress[] resolve(String hostname) throws UnknownHostException;
}
