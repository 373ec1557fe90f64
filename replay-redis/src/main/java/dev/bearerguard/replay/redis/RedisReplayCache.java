package dev.bearerguard.replay.redis;

import static dev.bearerguard.core.VerifierUnavailableException.Kind.REPLAY_KEY_SHARE;
import static dev.bearerguard.core.VerifierUnavailableException.Kind.REPLAY_STORE;
import static dev.bearerguard.core.VerifierUnavailableException.Kind.REPLAY_STORE_FULL;

import dev.bearerguard.core.Sanitizer;
import dev.bearerguard.core.VerifierUnavailableException;
import dev.bearerguard.core.observe.Health;
import dev.bearerguard.core.replay.ReplayCache;
import dev.bearerguard.core.replay.ReplayRecord;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The {@link ReplayCache} of a {@link RedisReplayStore}: one Lua script per {@link #record}, one
 * round trip, that
 * <ol>
 *   <li>reads the group's generation marker, and writes it with the verifier's time when it is
 *       missing (the store was found empty);</li>
 *   <li>answers a live {@code jti} by the fingerprint stored with it (same token, other token) —
 *       even when the store or the key's share is full;</li>
 *   <li>refuses (503) a single-use token valid from before the marker's time plus the clock
 *       tolerance: the store lost its data then, and cannot vouch that the token was not used
 *       before;</li>
 *   <li>refuses (503) a new {@code jti} of a key holding its share, or when the store is full;</li>
 *   <li>else records it: {@code SET <digest> <fingerprint> NX PXAT <until + tolerance>}, and counts
 *       it for its key.</li>
 * </ol>
 * A record whose {@code until} the verifier's clock already reached answers {@link
 * Outcome#EXPIRED} without a command. Nothing is sent twice: a command in flight when the
 * connection breaks fails (503) instead of being replayed after the reconnect.
 *
 * <p>Thread-safe.
 */
public final class RedisReplayCache implements ReplayCache {

    private static final Commands.Script RECORD = Commands.Script.resource("record.lua");
    /** JavaScript-safe integers: what Lua's doubles hold exactly. */
    private static final long EXACT = (1L << 53) - 1;
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final RedisReplayStore store;
    private final String prefix;
    private final int groups;
    private final long perKey;
    private final long perKeyInGroup;
    private final long maxInGroup;
    private final long toleranceMillis;
    private final byte[] toleranceArg;
    private final byte[] perKeyArg;
    private final byte[] maxArg;
    private final AtomicLongArray knownBorn;
    private final AtomicLong lastLossWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private volatile String lastFailure;

    RedisReplayCache(RedisReplayStore store) {
        this.store = store;
        RedisReplayStore.Settings s = store.settings;
        this.prefix = s.prefix();
        this.groups = s.groups();
        this.perKey = Math.max(1, (long) Math.floor(s.maximumSize() * s.keyShare()));
        this.perKeyInGroup = ceilDiv(perKey, groups);
        this.maxInGroup = ceilDiv(s.maximumSize(), groups);
        this.toleranceMillis = s.clockTolerance().toMillis();
        this.toleranceArg = ascii(toleranceMillis);
        this.perKeyArg = ascii(perKeyInGroup);
        this.maxArg = ascii(maxInGroup);
        this.knownBorn = new AtomicLongArray(groups);
        for (int g = 0; g < groups; g++) {
            knownBorn.set(g, -1);
        }
    }

    private static long ceilDiv(long a, long b) {
        return Math.max(1, (a + b - 1) / b);
    }

    @Override
    public Outcome record(ReplayRecord record) {
        long now = store.settings.clock().millis();
        long until = millis(record.until());
        if (until <= now) {
            // The window closed between the time check and here: refuse rather than accept unrecorded.
            return Outcome.EXPIRED;
        }
        byte[] digest = Keys.digest(record.jti());
        int group = Keys.group(digest, groups);
        String tag = Keys.tag(prefix, group);
        String recordDigest = Keys.b64(digest);
        String keyDigest = Keys.b64(Keys.digest(record.kid()));
        byte[][] keys = {
            Keys.bytes(tag + ":gen"),
            Keys.bytes(tag + ":r:" + recordDigest),
            Keys.bytes(tag + ":k:" + keyDigest),
            Keys.bytes(tag + ":n"),
            Keys.bytes(tag + ":ks"),
        };
        byte[] fingerprint = longBytes(record.fingerprint());
        try {
            RedisReplayStore.Link link = store.link();
            List<Object> answer = store.await(link.commands().run(RECORD, keys,
                    fingerprint,
                    ascii(Math.min(EXACT, until + toleranceMillis)),
                    ascii(now),
                    ascii(millis(record.validFrom())),
                    record.singleUse() ? new byte[] {'1'} : new byte[] {'0'},
                    toleranceArg, perKeyArg, maxArg,
                    Keys.bytes(recordDigest), Keys.bytes(keyDigest), Keys.bytes(tag + ":k:")));
            Outcome o = decide(answer, fingerprint, group, record);
            lastFailure = null;
            return o;
        } catch (VerifierUnavailableException e) {
            if (!e.getMessage().startsWith("replay store:")) {
                lastFailure = e.getMessage();
            }
            throw e;
        }
    }

    private Outcome decide(List<Object> answer, byte[] fingerprint, int group, ReplayRecord record) {
        if (answer == null || answer.size() < 3 || !(answer.get(0) instanceof Long code)) {
            throw new VerifierUnavailableException(REPLAY_STORE, "the replay store answered something else than the record script");
        }
        long born = Long.parseLong(text(answer.get(1)));
        noteGeneration(group, born, Long.valueOf(1).equals(answer.get(2)));
        return switch (code.intValue()) {
            case 0 -> Outcome.FIRST_USE;
            case 1 -> {
                Object earlier = answer.size() > 3 ? answer.get(3) : null;
                yield earlier instanceof byte[] b && java.util.Arrays.equals(b, fingerprint)
                        ? Outcome.SAME_TOKEN : Outcome.OTHER_TOKEN;
            }
            case 2 -> throw new VerifierUnavailableException(REPLAY_STORE, "replay store: it lost its data (found empty at "
                    + Instant.ofEpochMilli(born) + "), so it cannot vouch that a single-use token valid from before"
                    + " then was not used already; such tokens are refused until they expire");
            case 3 -> throw new VerifierUnavailableException(REPLAY_KEY_SHARE, "replay store: key " + Sanitizer.field(record.kid())
                    + " holds its full share (" + perKey + " live records" + (groups > 1 ? ", " + perKeyInGroup + " a group" : "")
                    + "); other keys go on");
            case 4 -> throw new VerifierUnavailableException(REPLAY_STORE_FULL, "replay store: full (" + store.settings.maximumSize()
                    + " live records" + (groups > 1 ? ", " + maxInGroup + " a group" : "") + ")");
            default -> throw new VerifierUnavailableException(REPLAY_STORE, "the replay store answered an unknown code " + code);
        };
    }

    /** Logs a loss once (per minute, for all groups), when this instance finds it or sees a new marker. */
    private void noteGeneration(int group, long born, boolean foundEmptyHere) {
        long before = knownBorn.getAndSet(group, born);
        if (before == born || born == 0 || (!foundEmptyHere && before == -1)) {
            return;
        }
        long now = System.nanoTime();
        long last = lastLossWarning.get();
        boolean warn = now - last >= WARN_EVERY_NANOS && lastLossWarning.compareAndSet(last, now);
        String message = "bearerguard: the replay store " + store.settings.location().shown + " (prefix " + prefix
                + (groups > 1 ? ", group " + group + " of " + groups : "") + ") was found empty at "
                + Instant.ofEpochMilli(born) + (foundEmptyHere ? " by this instance" : " by another instance")
                + ": it was restarted without persistence, flushed or failed over to an empty replica (or is new)."
                + " Single-use tokens valid from before " + Instant.ofEpochMilli(born + toleranceMillis)
                + " are refused (503) until they expire. See the module README on persistence; a store that is new"
                + " is declared so once with RedisReplayStore.declareNew()";
        log(warn ? Level.WARNING : Level.DEBUG, message);
    }

    private static void log(Level level, String message) {
        RedisReplayStore.LOG.log(level, message);
    }

    /**
     * Ready unless the last call failed to reach Redis or to get an answer in time (a refusal for a
     * key's share, a full store or a loss is an answer: still ready); not ready once closed.
     */
    @Override
    public Health health() {
        String f = lastFailure;
        return f == null ? Health.READY : Health.notReady(f);
    }

    /** The most live records one key may hold. */
    public long perKeyLimit() {
        return perKey;
    }

    private static long millis(Instant t) {
        try {
            return Math.max(-EXACT, Math.min(EXACT, t.toEpochMilli()));
        } catch (ArithmeticException e) {
            return t.isBefore(Instant.EPOCH) ? -EXACT : EXACT;
        }
    }

    private static byte[] ascii(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.US_ASCII) : String.valueOf(o);
    }
}
