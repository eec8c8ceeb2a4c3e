package com.wxqr.mp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QrRequestTest {

    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void eachFactoryNamesItsAction() {
        assertThat(QrRequest.temporary(123L, DAY).actionName()).isEqualTo("QR_SCENE");
        assertThat(QrRequest.temporary("quote-1", DAY).actionName()).isEqualTo("QR_STR_SCENE");
        assertThat(QrRequest.permanent(123).actionName()).isEqualTo("QR_LIMIT_SCENE");
        assertThat(QrRequest.permanent("shop").actionName()).isEqualTo("QR_LIMIT_STR_SCENE");
    }

    @Test
    void exposesTheSceneAsEventsReportItAndTheExpiry() {
        QrRequest temporary = QrRequest.temporary(4_294_967_295L, Duration.ofSeconds(2_592_000));
        assertThat(temporary.scene()).isEqualTo("4294967295");
        assertThat(temporary.expiry()).contains(Duration.ofDays(30));
        assertThat(temporary.isPermanent()).isFalse();

        QrRequest permanent = QrRequest.permanent("shop");
        assertThat(permanent.scene()).isEqualTo("shop");
        assertThat(permanent.expiry()).isEmpty();
        assertThat(permanent.isPermanent()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, -1L, 4_294_967_296L})
    void temporarySceneIdMustBeANonZero32BitValue(long sceneId) {
        assertThatThrownBy(() -> QrRequest.temporary(sceneId, DAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scene_id");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5, 100_001})
    void permanentSceneIdMustBeBetween1And100000(int sceneId) {
        assertThatThrownBy(() -> QrRequest.permanent(sceneId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scene_id");
    }

    @Test
    void permanentSceneIdLimitsAreInclusive() {
        assertThat(QrRequest.permanent(1).scene()).isEqualTo("1");
        assertThat(QrRequest.permanent(100_000).scene()).isEqualTo("100000");
    }

    @Test
    void sceneStrMustBe1To64Characters() {
        String max = "x".repeat(64);
        assertThat(QrRequest.permanent(max).scene()).isEqualTo(max);
        assertThat(QrRequest.temporary(max, DAY).scene()).isEqualTo(max);

        for (String bad : new String[] {"", "x".repeat(65), null}) {
            assertThatThrownBy(() -> QrRequest.permanent(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("scene_str");
            assertThatThrownBy(() -> QrRequest.temporary(bad, DAY))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("scene_str");
        }
    }

    @Test
    void expireSecondsMustBe1To2592000() {
        for (Duration bad : new Duration[] {
            Duration.ZERO, Duration.ofMillis(999), Duration.ofSeconds(-1), Duration.ofSeconds(2_592_001)
        }) {
            assertThatThrownBy(() -> QrRequest.temporary(1L, bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expire_seconds");
            assertThatThrownBy(() -> QrRequest.temporary("s", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expire_seconds");
        }
        assertThatThrownBy(() -> QrRequest.temporary(1L, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("expire_seconds");
        assertThat(QrRequest.temporary(1L, Duration.ofSeconds(1)).expiry()).contains(Duration.ofSeconds(1));
    }
}
