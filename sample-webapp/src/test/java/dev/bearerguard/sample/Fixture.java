package dev.bearerguard.sample;

import dev.bearerguard.test.ManualClock;

import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.test.PemKeys;
import dev.bearerguard.test.TokenSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * A started sample server on a free port with a fresh trusted P-521 key, a movable clock, a signer
 * for that key and an impostor signer (another key claiming the same kid), and a small HTTP client.
 */
final class Fixture implements AutoCloseable {

    static final String ADA = "b7b0d1c2-5c1e-4f0e-9a53-0f3c2a1d0001";
    static final String ALAN = "b7b0d1c2-5c1e-4f0e-9a53-0f3c2a1d0002";
    static final String SEED_TRANSACTION = "8724fd24-5489-4a5d-90fd-0604df7d3b83";
    static final String CLIENT_ID = "merchant";
    static final String CLIENT_SECRET = "s3cret-for-tests";

    final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    final TokenSigner signer;
    final TokenSigner impostor;
    final SampleServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Fixture() {
        this(b -> b);
    }

    Fixture(UnaryOperator<SampleServer.Builder> config) {
        this((b, kid) -> config.apply(b));
    }

    /** @param config gets the builder and the kid of the fixture's trusted key */
    Fixture(BiFunction<SampleServer.Builder, String, SampleServer.Builder> config) {
        KeyPair pair = PemKeys.generateP521();
        KeyPair other = PemKeys.generateP521();
        signer = TokenSigner.of(pair.getPrivate(), pair.getPublic()).withClock(clock);
        impostor = TokenSigner.of(other.getPrivate(), other.getPublic()).withKid(signer.kid()).withClock(clock);
        server = config.apply(SampleServer.builder().port(0).keys(KeySet.of(TrustedKey.of(pair.getPublic())))
                .clock(clock).oauthClient(CLIENT_ID, CLIENT_SECRET).merchantBackend(), signer.kid()).start();
    }

    /** A fresh single-use API token with these scopes. */
    String token(String... scopes) {
        return signer.token().scopes(scopes).sign();
    }

    Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Response send(String method, String path, String jsonBody, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUrl().resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(20))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (jsonBody != null && !typed) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("WWW-Authenticate").orElse(null),
                    r.headers().firstValue("Content-Type").orElse(null), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    URI url(String path) {
        return server.baseUrl().resolve(path);
    }

    @Override
    public void close() {
        server.close();
    }

    /** What the server answered. */
    record Response(int status, String challenge, String contentType, String body) {
        @Override
        public String toString() {
            return status + " " + (challenge == null ? "" : "[" + challenge + "] ") + body;
        }
    }
}
