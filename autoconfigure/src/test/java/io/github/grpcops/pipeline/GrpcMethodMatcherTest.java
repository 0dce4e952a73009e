package io.github.grpcops.pipeline;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GrpcMethodMatcherTest {

    @Test
    void emptyPatternsMatchEveryMethod() {
        assertThat(GrpcMethodMatcher.of(List.of(), List.of()).matches("a.B/C")).isTrue();
    }

    @Test
    void exactAndServiceWildcardIncludes() {
        GrpcMethodMatcher matcher = GrpcMethodMatcher.of(List.of("pkg.Users/Get", "pkg.Products/*"), List.of());
        assertThat(matcher.matches("pkg.Users/Get")).isTrue();
        assertThat(matcher.matches("pkg.Users/Update")).isFalse();
        assertThat(matcher.matches("pkg.Products/Search")).isTrue();
        assertThat(matcher.matches("pkg.ProductsV2/Search")).isFalse();
    }

    @Test
    void exclusionsWinOverInclusions() {
        GrpcMethodMatcher matcher = GrpcMethodMatcher.of(List.of("pkg.*"), List.of("pkg.Users/Delete", "grpc.health.*"));
        assertThat(matcher.matches("pkg.Users/Get")).isTrue();
        assertThat(matcher.matches("pkg.Users/Delete")).isFalse();
        assertThat(matcher.matches("grpc.health.v1.Health/Check")).isFalse();
    }

    @Test
    void regexCharactersInPatternsAreLiteral() {
        GrpcMethodMatcher matcher = GrpcMethodMatcher.of(List.of("pkg.Users/Get"), List.of());
        // '.' must not match any character
        assertThat(matcher.matches("pkgXUsers/Get")).isFalse();
    }

    @Test
    void blankPatternIsRejectedWithAMessage() {
        assertThatIllegalArgumentException().isThrownBy(() -> GrpcMethodMatcher.of(List.of(" "), List.of()))
            .withMessageContaining("must not be blank");
    }
}
