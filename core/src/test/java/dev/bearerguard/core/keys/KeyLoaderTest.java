package dev.bearerguard.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.Algorithm;
import dev.bearerguard.core.TestKeys;
import dev.bearerguard.test.PemKeys;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.List;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyLoaderTest {

    @TempDir
    Path dir;

    static Path resource(String name) throws Exception {
        return Path.of(KeyLoaderTest.class.getResource("/keys/" + name).toURI());
    }

    @Test
    void thumbprintWhenP521KeysThenSameAsJose4jRfc7638() throws Exception {
        for (int i = 0; i < 16; i++) {
            KeyPair kp = PemKeys.generateP521();
            String jose4j = PublicJsonWebKey.Factory.newPublicJwk(kp.getPublic()).calculateBase64urlEncodedThumbprint("SHA-256");
            assertThat(JwkThumbprint.of(kp.getPublic())).isEqualTo(jose4j);
        }
    }

    @Test
    void thumbprintWhenP256AndRsaKeysThenSameAsJose4j() throws Exception {
        for (KeyPair kp : List.of(TestKeys.P256, TestKeys.RSA2048)) {
            String jose4j = PublicJsonWebKey.Factory.newPublicJwk(kp.getPublic()).calculateBase64urlEncodedThumbprint("SHA-256");
            assertThat(JwkThumbprint.of(kp.getPublic())).isEqualTo(jose4j);
        }
    }

    @Test
    void loadWhenPemPublicKeyThenKidIsThumbprintAndAlgorithmFollowsCurve() throws Exception {
        KeySet set = KeyLoader.load(resource("public-p521.pem"));
        TrustedKey k = set.keys().get(0);
        assertThat(k.kid()).isEqualTo(JwkThumbprint.of(k.publicKey()));
        assertThat(k.algorithm()).contains(Algorithm.ES512);
        assertThat(KeyLoader.load(resource("public-p256.pem")).keys().get(0).algorithm()).contains(Algorithm.ES256);
    }

    @Test
    void loadWhenSeveralPemBlocksInOneFileThenAllLoaded() throws Exception {
        Path f = dir.resolve("two.pem");
        Files.writeString(f, Files.readString(resource("public-p521.pem")) + "\n" + Files.readString(resource("public-p256.pem")));
        assertThat(KeyLoader.load(f).size()).isEqualTo(2);
    }

    @Test
    void loadWhenJwkWithKidAndAlgThenBothKept() throws Exception {
        String jwk = PublicJsonWebKey.Factory.newPublicJwk(TestKeys.P521.getPublic()).toJson()
                .replace("{", "{\"kid\":\"key-2026\",\"alg\":\"ES512\",\"use\":\"sig\",");
        Path f = dir.resolve("k.jwk");
        Files.writeString(f, jwk);
        TrustedKey k = KeyLoader.load(f).keys().get(0);
        assertThat(k.kid()).isEqualTo("key-2026");
        assertThat(k.algorithm()).contains(Algorithm.ES512);
    }

    @Test
    void loadWhenJwkAlgDisagreesWithCurveThenRefused() throws Exception {
        String jwk = PublicJsonWebKey.Factory.newPublicJwk(TestKeys.P521.getPublic()).toJson().replace("{", "{\"alg\":\"ES256\",");
        assertThatThrownBy(() -> KeyLoader.fromJson(jwk, "k.jwk")).isInstanceOf(KeyLoadException.class)
                .hasMessageContaining("k.jwk").hasMessageContaining("ES256");
    }

    @Test
    void loadWhenJwksThenEveryKeyLoaded() throws Exception {
        String a = PublicJsonWebKey.Factory.newPublicJwk(TestKeys.P521.getPublic()).toJson();
        String b = PublicJsonWebKey.Factory.newPublicJwk(TestKeys.RSA2048.getPublic()).toJson();
        List<TrustedKey> keys = KeyLoader.fromJson("{\"keys\":[" + a + "," + b + "]}", "jwks");
        assertThat(keys).hasSize(2);
        assertThat(keys.get(1).accepts(Algorithm.RS256)).isTrue();
        assertThat(keys.get(1).accepts(Algorithm.ES512)).isFalse();
    }

    @Test
    void loadWhenDirectoryThenEveryFileLoadedAndHiddenFilesSkipped() throws Exception {
        Files.copy(resource("public-p521.pem"), dir.resolve("a.pem"));
        Files.copy(resource("rsa-2048.pem"), dir.resolve("b.pem"));
        Files.writeString(dir.resolve(".hidden"), "not a key");
        assertThat(KeyLoader.load(dir).size()).isEqualTo(2);
    }

    @Test
    void loadWhenDirectoryHasNoKeysThenClearError() {
        assertThatThrownBy(() -> KeyLoader.load(dir)).isInstanceOf(KeyLoadException.class)
                .hasMessageContaining("no keys found");
    }

    @Test
    void loadWhenFileMissingThenErrorNamesIt() {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> KeyLoader.load(missing)).isInstanceOf(KeyLoadException.class)
                .hasMessageContaining("nope.pem");
    }

    @Test
    void loadWhenPrivateKeyThenRefusedServerHoldsPublicKeysOnly() throws Exception {
        assertThatThrownBy(() -> KeyLoader.load(resource("sec1-p521.pem"))).isInstanceOf(KeyLoadException.class)
                .hasMessageContaining("private key");
        assertThatThrownBy(() -> KeyLoader.load(resource("pkcs8-p521.pem"))).isInstanceOf(KeyLoadException.class)
                .hasMessageContaining("private key");
        String privateJwk = PublicJsonWebKey.Factory.newPublicJwk(TestKeys.P521.getPublic()).toJson()
                .replace("{", "{\"d\":\"AAAA\",");
        assertThatThrownBy(() -> KeyLoader.fromJson(privateJwk, "p.jwk")).isInstanceOf(KeyLoadException.class)
                .hasMessageContaining("private");
    }

    @Test
    void loadWhenRsaUnder2048BitsThenRefused() throws Exception {
        assertThatThrownBy(() -> KeyLoader.load(resource("rsa-1024.pem"))).isInstanceOf(KeyLoadException.class)
                .hasMessageContaining("1024 bits");
        assertThat(KeyLoader.load(resource("rsa-2048.pem")).size()).isEqualTo(1);
    }

    @Test
    void loadWhenUnsupportedCurveThenRefused() throws Exception {
        assertThatThrownBy(() -> KeyLoader.load(resource("public-secp256k1.pem"))).isInstanceOf(KeyLoadException.class);
    }

    @Test
    void trustedKeyWhenPointOffCurveThenRefused() throws Exception {
        ECPublicKey good = (ECPublicKey) TestKeys.P521.getPublic();
        ECPoint bad = new ECPoint(good.getW().getAffineX(), good.getW().getAffineY().add(BigInteger.ONE));
        java.security.PublicKey offCurve;
        try {
            offCurve = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(bad, good.getParams()));
        } catch (java.security.spec.InvalidKeySpecException e) {
            return; // the provider already refuses it: nothing more to prove
        }
        assertThatThrownBy(() -> TrustedKey.of(offCurve)).isInstanceOf(KeyLoadException.class)
                .hasMessageContaining("not on curve");
    }

    @Test
    void loadWhenSymmetricOrGarbageThenRefused() {
        assertThatThrownBy(() -> KeyLoader.fromJson("{\"kty\":\"oct\",\"k\":\"AAAA\"}", "s")).isInstanceOf(KeyLoadException.class)
                .hasMessageContaining("symmetric");
        assertThatThrownBy(() -> KeyLoader.parse("hello", "g")).isInstanceOf(KeyLoadException.class);
        assertThatThrownBy(() -> KeyLoader.fromJson("{\"keys\":[]}", "e")).isInstanceOf(KeyLoadException.class);
        assertThatThrownBy(() -> KeyLoader.fromPem("-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----", "b"))
                .isInstanceOf(KeyLoadException.class);
    }

    @Test
    void keySetWhenDuplicateKidThenRefused() {
        TrustedKey k = TrustedKey.of(TestKeys.P521.getPublic());
        assertThatThrownBy(() -> KeySet.of(k, k)).isInstanceOf(KeyLoadException.class).hasMessageContaining(k.kid());
    }

    @Test
    void keySetWithRestrictionsThenOnlyThatKeyChanges() {
        TrustedKey a = TrustedKey.of(TestKeys.P521.getPublic());
        TrustedKey b = TrustedKey.of(TestKeys.P256.getPublic());
        KeySet set = KeySet.of(a, b).withRestrictions(a.kid(), KeyRestrictions.merchants("m1"));
        assertThat(set.resolve(a.kid()).orElseThrow().restrictions().merchantAccounts()).containsExactly("m1");
        assertThat(set.resolve(b.kid()).orElseThrow().restrictions()).isEqualTo(KeyRestrictions.UNRESTRICTED);
    }
}
