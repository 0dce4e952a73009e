package io.github.grpcops.sample.console;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code grpc.ui.read-only=true}: the pages show everything but offer no write, though Actuator would allow it. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "spring.main.banner-mode=off",
                "grpc.ui.enabled=true", "grpc.ui.read-only=true", "grpc.actuator.invoke-enabled=true" })
class ConsoleReadOnlyBrowserTest extends BrowserTestSupport {

    @Test
    void apiKeysPageListsKeysWithoutCreateOrRevoke() {
        open("apikeys");
        assertThat(driver().findElements(By.id("apikeys"))).hasSize(1);
        assertThat(driver().findElements(By.id("create-key"))).isEmpty();
        assertThat(driver().findElements(By.cssSelector("button.revoke"))).isEmpty();
        assertThat(this.browser.consoleErrors()).isEmpty();
    }

    @Test
    void invokePageBuildsLinksButHasNoInvokeButton() {
        open("invoke?service=sample.v1.UserService&method=GetUser");
        assertThat(driver().findElements(By.id("invoke"))).isEmpty();
        assertThat(driver().findElement(By.tagName("main")).getText()).contains("Calls are not allowed here");
        assertThat(driver().findElement(By.id("request")).getAttribute("value")).contains("\"id\"");
        assertThat(this.browser.consoleErrors()).isEmpty();
    }
}
