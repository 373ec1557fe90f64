package dev.bearerguard.core.keys;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A fixed set of trusted public keys, by {@code kid}. The default {@link KeyResolver}.
 *
 * <p>Immutable and thread-safe.
 */
public final class KeySet implements KeyResolver {

    private final Map<String, TrustedKey> byKid;

    private KeySet(Map<String, TrustedKey> byKid) {
        this.byKid = byKid;
    }

    /**
     * @throws KeyLoadException if two keys share a {@code kid}
     */
    public static KeySet of(TrustedKey... keys) {
        return of(List.of(keys));
    }

    /**
     * @throws KeyLoadException if two keys share a {@code kid}
     */
    public static KeySet of(Collection<TrustedKey> keys) {
        Map<String, TrustedKey> m = new LinkedHashMap<>();
        for (TrustedKey k : keys) {
            Objects.requireNonNull(k, "key");
            if (m.putIfAbsent(k.kid(), k) != null) {
                throw new KeyLoadException("two keys share the kid " + k.kid());
            }
        }
        return new KeySet(java.util.Collections.unmodifiableMap(m));
    }

    @Override
    public Optional<TrustedKey> resolve(String kid) {
        return Optional.ofNullable(byKid.get(kid));
    }

    /** The keys, in load order. */
    public List<TrustedKey> keys() {
        return List.copyOf(byKid.values());
    }

    /** How many keys. */
    public int size() {
        return byKid.size();
    }

    /** Whether there are no keys. */
    public boolean isEmpty() {
        return byKid.isEmpty();
    }

    /**
     * A copy in which the key {@code kid} carries {@code restrictions}.
     *
     * @throws IllegalArgumentException if no key has that kid
     */
    public KeySet withRestrictions(String kid, KeyRestrictions restrictions) {
        TrustedKey k = byKid.get(kid);
        if (k == null) {
            throw new IllegalArgumentException("no key with kid " + kid);
        }
        Map<String, TrustedKey> m = new LinkedHashMap<>(byKid);
        m.put(kid, k.withRestrictions(restrictions));
        return new KeySet(java.util.Collections.unmodifiableMap(m));
    }

    /** A set holding this set's keys followed by {@code other}'s. @throws KeyLoadException on a duplicate kid */
    public KeySet plus(KeySet other) {
        List<TrustedKey> all = new java.util.ArrayList<>(byKid.values());
        all.addAll(other.byKid.values());
        return of(all);
    }

    @Override
    public String toString() {
        return "KeySet" + byKid.keySet();
    }
}
