package dev.bearerguard.contract;

import dev.bearerguard.test.TestKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.keys.KeyResolver;
import dev.bearerguard.core.keys.TrustedKey;
import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The key-resolver contract for a source whose keys change while the API runs (a JWKS URL, a
 * watched folder): every rule of {@link KeyResolverContractTest}, and
 * <ul>
 *   <li><b>stable keys</b> — a key present before and after a refresh is the same {@link
 *       TrustedKey} object (its comb table and the verified-token cache survive); an added key is
 *       found after the refresh, a removed one is gone, a replaced one answers with the new key;</li>
 *   <li><b>removed keys are let go</b> — the resolver keeps no reference to a key it no longer
 *       serves, so the key's comb table is released;</li>
 *   <li><b>outages</b> — a source that goes down after a load leaves the last good set in force; a
 *       {@code kid} outside it is answered 503 while the source is down (it may be a key the source
 *       added meanwhile; never 401); a resolver whose source never answered throws {@link
 *       VerifierUnavailableException} (503, not 401).</li>
 * </ul>
 * {@link #publish} changes what the source serves; {@link #refresh} makes the resolver take the
 * change in (advance its clock, trigger a scan, or wait for one, boundedly; when the source is down
 * it makes the resolver try, and returns).
 */
public abstract class RefreshingKeyResolverContractTest extends KeyResolverContractTest {

    /**
     * Changes what the source serves (the resolver need not see it before {@link #refresh}).
     *
     * @param keys the keys to serve from now on
     * @throws Exception if the source cannot be changed
     */
    protected abstract void publish(List<TestKey> keys) throws Exception;

    /**
     * Makes {@code resolver} take in what was last published.
     *
     * @throws Exception if it cannot
     */
    protected abstract void refresh(KeyResolver resolver) throws Exception;

    /** Cuts the source off (stops its server, makes its folder unreadable …). */
    protected abstract void makeUnavailable() throws Exception;

    /** Undoes {@link #makeUnavailable}. */
    protected abstract void restore() throws Exception;

    /** A resolver over a source that has never answered (its server is down from the start). */
    protected abstract KeyResolver startUnreachable() throws Exception;

    private boolean cutOff;

    @AfterEach
    final void restoreIfCutOff() throws Exception {
        if (cutOff) {
            cutOff = false;
            restore();
        }
    }

    // ---------------------------------------------------------------- stable keys across refreshes

    @Test
    void resolveAfterARefreshThenAnUnchangedKeyIsTheSameObject() throws Exception {
        TestKey a = newKey("kid-a");
        TestKey b = newKey("kid-b");
        KeyResolver r = start(List.of(a, b));
        TrustedKey before = r.resolve("kid-a").orElseThrow();
        publish(List.of(a, b, newKey("kid-c")));
        refresh(r);
        assertThat(r.resolve("kid-c")).as("the refresh was taken in").isPresent();
        assertThat(r.resolve("kid-a").orElseThrow()).isSameAs(before);
    }

    @Test
    void resolveAfterARefreshThenAnAddedKeyIsFoundAndARemovedOneIsGone() throws Exception {
        TestKey a = newKey("kid-a");
        TestKey b = newKey("kid-b");
        KeyResolver r = start(List.of(a, b));
        TestKey c = newKey("kid-c");
        publish(List.of(a, c));
        refresh(r);
        assertThat(r.resolve("kid-c").orElseThrow().publicKey().getEncoded()).isEqualTo(c.pair().getPublic().getEncoded());
        assertThat(r.resolve("kid-b")).isEmpty();
        assertThat(r.resolve("kid-a")).isPresent();
    }

    @Test
    void resolveAfterAKeyIsReplacedUnderTheSameKidThenTheNewKeyAnswers() throws Exception {
        TestKey a = newKey("kid-a");
        KeyResolver r = start(List.of(a));
        TrustedKey before = r.resolve("kid-a").orElseThrow();
        TestKey replaced = newKey("kid-a");
        publish(List.of(replaced));
        refresh(r);
        TrustedKey after = r.resolve("kid-a").orElseThrow();
        assertThat(after).isNotSameAs(before);
        assertThat(after.publicKey().getEncoded()).isEqualTo(replaced.pair().getPublic().getEncoded());
    }

    @Test
    void resolveAfterAKeyIsRemovedThenTheResolverNoLongerHoldsIt() throws Exception {
        TestKey a = newKey("kid-a");
        KeyResolver r = start(List.of(a, newKey("kid-b")));
        WeakReference<TrustedKey> removed = new WeakReference<>(r.resolve("kid-b").orElseThrow());
        publish(List.of(a));
        refresh(r);
        assertThat(r.resolve("kid-b")).isEmpty();
        // What the resolver still references cannot be collected; its comb table (held weakly by
        // the key's check) goes with the key. A full collection clears a weak reference it can.
        for (int i = 0; i < 20 && removed.get() != null; i++) {
            System.gc();
        }
        assertThat(removed.get()).as("the removed key, after collections").isNull();
        assertThat(r.resolve("kid-a")).isPresent();
    }

    // ---------------------------------------------------------------- fail closed

    @Test
    void resolveWhenTheSourceGoesDownAfterALoadThenTheLastGoodSetStaysInForce() throws Exception {
        KeyResolver r = start(List.of(newKey("kid-a")));
        TrustedKey before = r.resolve("kid-a").orElseThrow();
        cutOff = true;
        makeUnavailable();
        refresh(r);
        assertThat(r.resolve("kid-a").orElseThrow()).isSameAs(before);
    }

    @Test
    void resolveWhenTheSourceIsDownThenAnUnknownKidIsUnavailableNotUnknown() throws Exception {
        KeyResolver r = start(List.of(newKey("kid-a")));
        cutOff = true;
        makeUnavailable();
        refresh(r);
        // It may be a key added while the source could not be asked: the caller may retry, so 503.
        assertThatThrownBy(() -> r.resolve("kid-new")).isInstanceOf(VerifierUnavailableException.class);
        assertThat(r.resolve("kid-a")).isPresent();
    }

    @Test
    void resolveWhenTheSourceWasNeverReachedThenUnavailableNotUnknown() throws Exception {
        KeyResolver unreachable = startUnreachable();
        assertThatThrownBy(() -> unreachable.resolve("kid-a")).isInstanceOf(VerifierUnavailableException.class);
    }
}
