package dev.bearerguard.contract;

import dev.bearerguard.test.TestKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bearerguard.core.keys.KeyResolver;
import dev.bearerguard.core.keys.TrustedKey;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rules every {@link KeyResolver} follows, as one abstract test that each implementation
 * extends and passes against its real source: a fixed {@code KeySet}, a JWKS URL served by a real
 * HTTP server, a watched key folder.
 *
 * <h2>The rules</h2>
 * <ul>
 *   <li><b>Lookup.</b> A known {@code kid} gives its key; an unknown one — any string a token can
 *       carry, empty, huge or full of control characters — gives empty (refused {@code
 *       unknown_key}, 401), never an exception.</li>
 *   <li><b>Thread-safe</b>: many threads resolving at once all get the same answer.</li>
 *   <li><b>Stable keys.</b> A key present before and after a refresh is the <em>same</em> {@link
 *       TrustedKey} object, so its comb table and the verifier's verified-token cache survive the
 *       refresh; an added key is found after the refresh; a removed key is gone after it.</li>
 *   <li><b>Fail closed, 503 not 401.</b> A source that cannot answer and has no key set to fall
 *       back on throws {@link VerifierUnavailableException}; one that loaded a set before keeps
 *       answering from it (for as long as its staleness bound allows).</li>
 * </ul>
 *
 * <h2>What a subclass does</h2>
 * {@link #start} makes the source serve some keys and returns a resolver that has loaded them.
 * A source whose keys change while it runs (a JWKS URL, a watched folder) extends {@link
 * RefreshingKeyResolverContractTest} instead, which adds the refresh and outage rules.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class KeyResolverContractTest {

    /** A fresh P-256 key (cheap to make) under {@code kid}. */
    protected static TestKey newKey(String kid) {
        return TestKey.p256(kid);
    }

    /**
     * Makes the source serve {@code keys} and returns a resolver over it that has loaded them.
     *
     * @param keys the keys to serve
     * @return the resolver under test
     * @throws Exception if the source cannot be set up
     */
    protected abstract KeyResolver start(List<TestKey> keys) throws Exception;

    // ---------------------------------------------------------------- lookup

    @Test
    void resolveWhenKidIsKnownThenTheKeyWithThatKidAndPublicKey() throws Exception {
        TestKey a = newKey("kid-a");
        TestKey b = newKey("kid-b");
        KeyResolver r = start(List.of(a, b));
        TrustedKey found = r.resolve("kid-b").orElseThrow();
        assertThat(found.kid()).isEqualTo("kid-b");
        assertThat(found.publicKey().getEncoded()).isEqualTo(b.pair().getPublic().getEncoded());
    }

    @Test
    void resolveWhenKidIsUnknownOrAnyStringATokenCanCarryThenEmpty() throws Exception {
        KeyResolver r = start(List.of(newKey("kid-a")));
        for (String kid : List.of("kid-b", "", "KID-A", "kid-a ", "kid-a\u0000", "\u2028", "x".repeat(10_000), "../kid-a",
                "%6Bid-a", "kid-a\n")) {
            assertThat(r.resolve(kid)).as("kid of %d chars", kid.length()).isEmpty();
        }
    }

    @Test
    void resolveWhen32ThreadsAskAtOnceThenEveryOneGetsTheSameKey() throws Exception {
        KeyResolver r = start(List.of(newKey("kid-a"), newKey("kid-b")));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TrustedKey>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    TrustedKey last = null;
                    for (int j = 0; j < 200; j++) {
                        TrustedKey k = r.resolve("kid-a").orElseThrow();
                        assertThat(r.resolve("kid-unknown")).isEmpty();
                        if (last != null) {
                            assertThat(k).isSameAs(last);
                        }
                        last = k;
                    }
                    return last;
                }));
            }
            go.countDown();
            Map<TrustedKey, Boolean> distinct = new IdentityHashMap<>();
            for (Future<TrustedKey> f : answers) {
                distinct.put(f.get(60, TimeUnit.SECONDS), true);
            }
            assertThat(distinct).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

}
