package dev.bearerguard.sample;

import dev.bearerguard.core.DurationSyntax;
import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.replay.ReplayPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The launcher's options, parsed strictly: an unknown or malformed option stops the launch. */
record CommandLine(boolean help, SampleServer.Builder builder) {

    static final Path DEFAULT_DEMO_DIR = Path.of("bearerguard-demo-keys");

    static final String USAGE = """
            Usage: java -jar bearerguard-sample.jar [options]

              --port N                   port to listen on (default 8080; 0 picks a free one)
              --host HOST                interface to listen on (default localhost)
              --keys PATH                trust the public keys in a PEM, JWK or JWKS file or a directory
                                         (repeatable). Without --keys the sample runs in DEMO MODE.
              --demo-keys DIR            where demo mode keeps its key pair (default ./bearerguard-demo-keys)
              --algorithms LIST          accepted algorithms, e.g. ES512,RS256 (default ES512)
              --clock-skew DURATION      allowed clock skew, e.g. 60s, 2m (default 60s)
              --max-lifetime DURATION    longest exp - nbf accepted (default none)
              --issuers LIST             accepted iss values (default any)
              --replay POLICY            default, single-use, reusable or off (default default)
              --max-token-size N         longest token in characters (default 8192)
              --realm REALM              realm of every WWW-Authenticate challenge (default sample)
              --merchant-header NAME     header naming the merchant account (default x-gr4vy-merchant-account-id)
              --key-restriction "KID MERCHANTS [full|processing]"
                                         restrict a key to merchant accounts (comma list or *) (repeatable)
              --require-https true|false refuse requests that did not arrive over TLS (default false)
              --merchant-backend true|false
                                         serve the mock merchant back end POST /merchant/checkout-token
                                         outside demo mode (it mints checkout tokens for anyone)
              --trust-forwarded-proto true|false
                                         with --require-https, accept a last X-Forwarded-Proto: https
                                         (only behind a proxy that sets it; default false)
              --oauth-client ID:SECRET   an OAuth client for POST /oauth/token (repeatable)
              --checkout-token-lifetime DURATION
                                         lifetime of checkout tokens (default 15m)
              --help                     this text
            """;


    /** @throws IllegalArgumentException naming the option that is unknown, missing its value or wrong */
    static CommandLine parse(String... args) {
        SampleServer.Builder b = SampleServer.builder();
        boolean keys = false;
        boolean help = false;
        Path demoDir = DEFAULT_DEMO_DIR;
        boolean requireHttps = false;
        boolean trustForwardedProto = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String value = null;
            int eq = option.indexOf('=');
            if (option.startsWith("--") && eq > 0) {
                value = option.substring(eq + 1);
                option = option.substring(0, eq);
            }
            if (option.equals("--help") || option.equals("-h")) {
                help = true;
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(known(option) + " needs a value");
                }
                value = args[++i];
            }
            String v = value;
            try {
                switch (option) {
                    case "--port" -> b.port(integer(v));
                    case "--host" -> b.host(v);
                    case "--keys" -> {
                        b.keys(Path.of(v));
                        keys = true;
                    }
                    case "--demo-keys" -> demoDir = Path.of(v);
                    case "--algorithms" -> b.algorithms(algorithms(v));
                    case "--clock-skew" -> b.clockSkew(duration(v));
                    case "--max-lifetime" -> b.maxLifetime(duration(v));
                    case "--issuers" -> b.issuers(list(v));
                    case "--replay" -> b.replayPolicy(replay(v));
                    case "--max-token-size" -> b.maxTokenSize(integer(v));
                    case "--realm" -> b.realm(v);
                    case "--merchant-header" -> b.merchantHeader(v);
                    case "--key-restriction" -> b.keyRestriction(v);
                    case "--oauth-client" -> {
                        int colon = v.indexOf(':');
                        if (colon <= 0) {
                            throw new IllegalArgumentException("write ID:SECRET");
                        }
                        b.oauthClient(v.substring(0, colon), v.substring(colon + 1));
                    }
                    case "--checkout-token-lifetime" -> b.checkoutTokenLifetime(duration(v));
                    case "--require-https" -> requireHttps = bool(v);
                    case "--merchant-backend" -> {
                        if (bool(v)) {
                            b.merchantBackend();
                        }
                    }
                    case "--trust-forwarded-proto" -> trustForwardedProto = bool(v);
                    default -> throw new IllegalArgumentException("unknown option");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + ": " + e.getMessage());
            }
        }
        if (trustForwardedProto && !requireHttps) {
            throw new IllegalArgumentException("--trust-forwarded-proto only makes sense with --require-https true");
        }
        if (requireHttps) {
            b.requireHttps(trustForwardedProto);
        }
        if (!keys) {
            b.demo(demoDir);
        }
        return new CommandLine(help, b);
    }

    private static String known(String option) {
        return option.startsWith("--") ? option : "`" + option + "` (options start with --)";
    }

    static Duration duration(String v) {
        return DurationSyntax.parse(v);
    }

    private static boolean bool(String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("`" + v + "` is not true or false");
        };
    }

    private static int integer(String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("`" + v + "` is not a whole number");
        }
    }

    private static Set<String> list(String v) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("names nothing");
        }
        return out;
    }

    private static Set<Algorithm> algorithms(String v) {
        List<Algorithm> out = new ArrayList<>();
        for (String name : list(v)) {
            String upper = name.toUpperCase(Locale.ROOT);
            if (upper.equals("NONE") || upper.startsWith("HS")) {
                throw new IllegalArgumentException("`" + name + "` is never accepted (no `none`, no HMAC)");
            }
            try {
                out.add(Algorithm.valueOf(upper));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown algorithm `" + name + "`");
            }
        }
        return Set.copyOf(out);
    }

    private static ReplayPolicy replay(String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "default" -> ReplayPolicy.DEFAULT;
            case "single-use" -> ReplayPolicy.SINGLE_USE;
            case "reusable" -> ReplayPolicy.REUSABLE;
            case "off" -> ReplayPolicy.OFF;
            default -> throw new IllegalArgumentException("`" + v + "` is not one of default, single-use, reusable, off");
        };
    }
}
