package dev.tailgate.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Values whose type depends on the signal they belong to: a {@code Consumer<T>} for each {@code
 * Signal<T>}, a formatter of each signal's batches. Java cannot write the type "a map from {@code
 * Signal<T>} to {@code X<T>}" (it has no type parameters that take type parameters), so each kind
 * of value writes it once, in a typed method that makes its {@link Key}s; the map trusts that
 * method. It is the one place in the code base where an unchecked cast stands for what the type
 * system cannot say.
 */
public final class SignalMap {
  private static final SignalMap EMPTY = new SignalMap(Map.of());

  private final Map<Key<?>, Object> values;

  private SignalMap(Map<Key<?>, Object> values) {
    this.values = values;
  }

  public static SignalMap empty() {
    return EMPTY;
  }

  public static <V> SignalMap of(Key<V> key, V value) {
    return EMPTY.with(key, value);
  }

  /** This map and {@code value} under {@code key}, replacing any value it had. */
  public <V> SignalMap with(Key<V> key, V value) {
    Map<Key<?>, Object> copy = new LinkedHashMap<>(values);
    copy.put(key, Objects.requireNonNull(value, "value"));
    return new SignalMap(Map.copyOf(copy));
  }

  @SuppressWarnings("unchecked") // a key's type is the type of the value put under an equal key:
  // keys of one kind are equal only when their signals are, and the kind's typed key method gives
  // both the same type (see Kind)
  public <V> Optional<V> get(Key<V> key) {
    return Optional.ofNullable((V) values.get(key));
  }

  /**
   * A kind of per-signal value, e.g. "the consumer of a receiver". Kinds are equal only to
   * themselves, so keep each private to the class whose one typed method makes its keys, such as
   * {@code static <T> Key<Consumer<T>> consumer(Signal<T> signal)}: then every key of the kind and
   * signal {@code Signal<T>} has the same type, {@code Key<X<T>>}.
   */
  public static final class Kind {
    private final String name;

    public Kind(String name) {
      this.name = name;
    }

    /** The key of this kind's value for {@code signal}; see the class comment for its type. */
    public <V> Key<V> key(Signal<?> signal) {
      return new Key<>(this, signal);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Where the value of one kind for one signal is, typed by that value. */
  @SuppressWarnings("UnusedTypeParameter") // V types the value, not anything the key holds
  public static final class Key<V> {
    private final Kind kind;
    private final Signal<?> signal;

    private Key(Kind kind, Signal<?> signal) {
      this.kind = kind;
      this.signal = Objects.requireNonNull(signal, "signal");
    }

    public Signal<?> signal() {
      return signal;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key<?> key && key.kind == kind && key.signal == signal;
    }

    @Override
    public int hashCode() {
      return 31 * System.identityHashCode(kind) + System.identityHashCode(signal);
    }

    @Override
    public String toString() {
      return kind + " of " + signal.name();
    }
  }
}
