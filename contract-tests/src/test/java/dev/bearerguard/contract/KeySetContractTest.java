package dev.bearerguard.contract;

import dev.bearerguard.test.TestKey;

import dev.bearerguard.core.keys.KeyResolver;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import java.util.List;

/** The fixed key set passes the key-resolver contract (a fixed set neither changes nor goes down). */
class KeySetContractTest extends KeyResolverContractTest {

    @Override
    protected KeyResolver start(List<TestKey> keys) {
        return KeySet.of(keys.stream().map(k -> TrustedKey.of(k.pair().getPublic(), k.kid(), null)).toList());
    }
}
