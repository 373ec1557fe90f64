package dev.bearerguard.contract;

import dev.bearerguard.core.replay.CaffeineReplayCache;
import dev.bearerguard.core.replay.ReplayCache;
import java.time.Clock;

/** The in-memory replay cache passes the replay-cache contract. */
class CaffeineReplayCacheContractTest extends ReplayCacheContractTest {

    @Override
    protected ReplayCache newCache(Clock clock, long maximumSize, double keyShare) {
        return CaffeineReplayCache.create(clock, maximumSize, keyShare);
    }
}
