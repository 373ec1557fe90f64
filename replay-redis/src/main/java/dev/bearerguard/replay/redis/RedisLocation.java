package dev.bearerguard.replay.redis;

import dev.bearerguard.core.DurationSyntax;
import dev.bearerguard.core.Sanitizer;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A store location read apart: the topology, Lettuce's URIs, and Bearerguard's own options from
 * the query ({@code ?prefix=…&timeout=50ms}). Immutable.
 */
final class RedisLocation {

    /** The schemes this module opens. */
    static final Set<String> SCHEMES = Set.of("redis", "rediss", "redis-sentinel", "rediss-sentinel",
            "redis-cluster", "rediss-cluster");

    /** The options Bearerguard reads from the query; every other one is refused. */
    static final Set<String> OPTIONS = Set.of("prefix", "timeout", "connect-timeout", "max-size", "key-share",
            "clock-tolerance", "groups", "user", "verify-peer", "client-name");

    enum Topology { STANDALONE, SENTINEL, CLUSTER }

    final Topology topology;
    final List<RedisURI> uris;
    final Map<String, String> options;
    final String shown;

    private RedisLocation(Topology topology, List<RedisURI> uris, Map<String, String> options, String shown) {
        this.topology = topology;
        this.uris = uris;
        this.options = options;
        this.shown = shown;
    }

    /**
     * @throws IllegalArgumentException naming what is wrong (a location carries no password: the
     *     request refused it before)
     */
    static RedisLocation parse(String location) {
        String shown = Sanitizer.text(location);
        int colon = location.indexOf(':');
        String scheme = location.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("`" + shown + "` is not a Redis location (" + String.join(", ", sorted(SCHEMES)) + ")");
        }
        String rest = location.substring(colon + 1);
        if (!rest.startsWith("//") || rest.length() == 2) {
            throw new IllegalArgumentException("a Redis location is " + scheme + "://HOST[:PORT]…, not `" + shown + "`");
        }
        String base = rest.substring(2);
        Map<String, String> options = new LinkedHashMap<>();
        int q = base.indexOf('?');
        if (q >= 0) {
            for (String pair : base.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                if (!OPTIONS.contains(name)) {
                    throw new IllegalArgumentException("unknown option `" + Sanitizer.text(name) + "` in the replay store location `"
                            + shown + "` (options: " + String.join(", ", sorted(OPTIONS)) + ")");
                }
                if (options.put(name, value) != null) {
                    throw new IllegalArgumentException("option `" + name + "` is given twice in `" + shown + "`");
                }
            }
            base = base.substring(0, q);
        }
        boolean tls = scheme.startsWith("rediss");
        Topology topology = scheme.endsWith("-sentinel") ? Topology.SENTINEL
                : scheme.endsWith("-cluster") ? Topology.CLUSTER : Topology.STANDALONE;
        if (topology == Topology.SENTINEL && (base.indexOf('#') < 0 || base.endsWith("#"))) {
            throw new IllegalArgumentException("a Sentinel location names its master after #: "
                    + scheme + "://HOST:26379,HOST:26379/0#MASTER, not `" + shown + "`");
        }
        List<RedisURI> uris = new ArrayList<>();
        try {
            switch (topology) {
                case STANDALONE -> uris.add(RedisURI.create((tls ? "rediss://" : "redis://") + base));
                case SENTINEL -> uris.add(RedisURI.create((tls ? "rediss-sentinel://" : "redis-sentinel://") + base));
                case CLUSTER -> {
                    String hosts = base;
                    int slash = hosts.indexOf('/');
                    if (slash >= 0) {
                        String db = hosts.substring(slash + 1);
                        if (!db.isEmpty() && !db.equals("0")) {
                            throw new IllegalArgumentException("a Redis Cluster has database 0 only, not `" + shown + "`");
                        }
                        hosts = hosts.substring(0, slash);
                    }
                    for (String host : hosts.split(",")) {
                        if (host.isBlank()) {
                            throw new IllegalArgumentException("an empty host in `" + shown + "`");
                        }
                        uris.add(RedisURI.create((tls ? "rediss://" : "redis://") + host.strip()));
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains(shown)) {
                throw e;
            }
            throw new IllegalArgumentException("`" + shown + "` is not a Redis location: "
                    + Sanitizer.text(String.valueOf(e.getMessage())));
        }
        return new RedisLocation(topology, List.copyOf(uris), Map.copyOf(options), shown);
    }

    String option(String name) {
        return options.get(name);
    }

    Duration duration(String name, Duration otherwise) {
        String v = options.get(name);
        if (v == null) {
            return otherwise;
        }
        try {
            return DurationSyntax.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option " + name + " of the replay store: " + e.getMessage());
        }
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
