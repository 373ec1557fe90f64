package dev.bearerguard.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.keys.AccessLevel;
import dev.bearerguard.core.keys.KeySet;
import dev.bearerguard.core.keys.TrustedKey;
import dev.bearerguard.test.PemKeys;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterSettingsTest {

    @Test
    void durationWhenUnitGivenThenParsed() {
        assertThat(FilterSettings.duration("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(FilterSettings.duration(" 500ms ")).isEqualTo(Duration.ofMillis(500));
        assertThat(FilterSettings.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(FilterSettings.duration("1H")).isEqualTo(Duration.ofHours(1));
        assertThat(FilterSettings.duration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void durationWhenNoUnitOrNegativeOrGarbageThenRefused() {
        assertThatThrownBy(() -> FilterSettings.duration("60")).hasMessageContaining("has no unit");
        assertThatThrownBy(() -> FilterSettings.duration("PT-5S")).hasMessageContaining("negative");
        assertThatThrownBy(() -> FilterSettings.duration("-5s")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> FilterSettings.duration("5 minutes")).hasMessageContaining("is not a duration");
    }

    @Test
    void restrictWhenLinesGivenThenKeysCarryMerchantsAndAccessLevel() {
        TrustedKey a = TrustedKey.of(PemKeys.generateP521().getPublic(), "a", null);
        TrustedKey b = TrustedKey.of(PemKeys.generateP521().getPublic(), "b", null);
        KeySet keys = FilterSettings.restrict(KeySet.of(a, b), """
                # kid merchants access
                a m1,m2
                b *    processing
                """);
        assertThat(keys.resolve("a").orElseThrow().restrictions().merchantAccounts()).containsExactlyInAnyOrder("m1", "m2");
        assertThat(keys.resolve("a").orElseThrow().restrictions().accessLevel()).isEqualTo(AccessLevel.FULL);
        assertThat(keys.resolve("b").orElseThrow().restrictions().allMerchants()).isTrue();
        assertThat(keys.resolve("b").orElseThrow().restrictions().accessLevel()).isEqualTo(AccessLevel.PROCESSING_ONLY);
        assertThatThrownBy(() -> FilterSettings.restrict(KeySet.of(a), "a")).hasMessageContaining("line 1");
    }

    @Test
    void listWhenCommasAndSpacesMixThenSplitInOrder() {
        assertThat(FilterSettings.list(" a, b  c,,d ")).containsExactly("a", "b", "c", "d");
        assertThat(FilterSettings.list("  ")).isEqualTo(Set.of());
    }
}
