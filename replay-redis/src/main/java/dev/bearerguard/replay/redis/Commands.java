package dev.bearerguard.replay.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.api.async.RedisServerAsyncCommands;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The few commands the store sends, over a standalone or a cluster connection alike. */
final class Commands {

    private final RedisScriptingAsyncCommands<byte[], byte[]> scripting;
    private final RedisStringAsyncCommands<byte[], byte[]> strings;
    private final RedisServerAsyncCommands<byte[], byte[]> server;

    private Commands(RedisScriptingAsyncCommands<byte[], byte[]> scripting, RedisStringAsyncCommands<byte[], byte[]> strings,
            RedisServerAsyncCommands<byte[], byte[]> server) {
        this.scripting = scripting;
        this.strings = strings;
        this.server = server;
    }

    static <C extends RedisScriptingAsyncCommands<byte[], byte[]> & RedisStringAsyncCommands<byte[], byte[]>
            & RedisServerAsyncCommands<byte[], byte[]>> Commands of(C c) {
        return new Commands(c, c, c);
    }

    /**
     * Runs {@code script} by its digest, and by its text when the server does not know it (after a
     * restart or a {@code SCRIPT FLUSH}): one round trip but the first.
     */
    CompletionStage<List<Object>> run(Script script, byte[][] keys, byte[]... args) {
        RedisFuture<List<Object>> f = scripting.evalsha(script.sha, ScriptOutputType.MULTI, keys, args);
        return f.exceptionallyCompose(e -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RedisNoScriptException) {
                return scripting.<List<Object>>eval(script.text, ScriptOutputType.MULTI, keys, args);
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /** {@code SET key value NX}: whether it was set. */
    CompletionStage<Boolean> setIfAbsent(byte[] key, byte[] value) {
        return strings.set(key, value, SetArgs.Builder.nx()).thenApply("OK"::equals);
    }

    /** {@code CONFIG GET maxmemory-policy}. */
    CompletionStage<String> maxmemoryPolicy() {
        return server.configGet("maxmemory-policy").thenApply((Map<String, String> m) -> m.get("maxmemory-policy"));
    }

    /** A Lua script and its SHA-1 digest. */
    static final class Script {
        final String text;
        final String sha;

        Script(String text) {
            this.text = text;
            try {
                byte[] h = java.security.MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
                StringBuilder sb = new StringBuilder(40);
                for (byte b : h) {
                    sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
                }
                this.sha = sb.toString();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("JDK lacks SHA-1", e);
            }
        }

        static Script resource(String name) {
            try (var in = Commands.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + name);
                }
                return new Script(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read resource " + name, e);
            }
        }
    }
}
