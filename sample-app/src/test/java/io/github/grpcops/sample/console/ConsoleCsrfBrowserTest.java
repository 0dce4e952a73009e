package io.github.grpcops.sample.console;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's writes carry the CSRF token as Spring Security's cookie repository expects it
 * ({@code csrf.spa()} in docs/ui.md): the {@code XSRF-TOKEN} cookie echoed in the {@code X-XSRF-TOKEN}
 * header. Spring Security's web modules are not on this build's class path, so a filter of this test
 * makes the same double-submit check: it sets the cookie on a read, and refuses a POST or DELETE to
 * {@code /actuator/grpc} with 403 unless the header matches it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "spring.main.banner-mode=off",
                "grpc.ui.enabled=true", "management.endpoint.grpc.access=unrestricted" })
@Import(ConsoleCsrfBrowserTest.DoubleSubmitCsrf.class)
class ConsoleCsrfBrowserTest extends BrowserTestSupport {

    @Autowired
    DoubleSubmitCsrf csrf;

    @Autowired
    TestRestTemplate http;

    @Test
    void aKeyCreatedInThePageSendsTheTokenOfTheCookieAndIsAccepted() {
        assertThat(this.http.postForEntity("/actuator/grpc/apikeys", Map.of("name", "no-token", "type", "service",
                "owner", "ci"), Map.class).getStatusCode()).as("a write without the token").isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(createKeyInPage("csrf-checked", "service", "ci")).startsWith("gops_");
        assertThat(this.csrf.accepted.get()).as("writes with the cookie's token").isEqualTo(1);
        assertThat(this.browser.consoleErrors()).isEmpty();
    }

    /** A servlet filter bean: Boot registers it in front of Actuator. */
    static class DoubleSubmitCsrf extends OncePerRequestFilter {

        static final String COOKIE = "XSRF-TOKEN";

        final AtomicInteger accepted = new AtomicInteger();

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String token = (request.getCookies() == null) ? null : Arrays.stream(request.getCookies())
                .filter(cookie -> cookie.getName().equals(COOKIE))
                .map(Cookie::getValue)
                .findFirst()
                .orElse(null);
            boolean write = !request.getMethod().equals("GET") && request.getRequestURI().startsWith("/actuator/grpc");
            if (write) {
                if (token == null || !token.equals(request.getHeader("X-XSRF-TOKEN"))) {
                    response.sendError(HttpServletResponse.SC_FORBIDDEN, "CSRF token missing or wrong");
                    return;
                }
                this.accepted.incrementAndGet();
            }
            else if (token == null) {
                Cookie cookie = new Cookie(COOKIE, UUID.randomUUID().toString());
                cookie.setPath("/");
                response.addCookie(cookie);
            }
            chain.doFilter(request, response);
        }
    }
}
