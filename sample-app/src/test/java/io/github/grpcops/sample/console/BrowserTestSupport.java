package io.github.grpcops.sample.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.test.web.server.LocalServerPort;

/** One headless browser per test class, against the application on its random port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestSupport {

    @LocalServerPort
    int port;

    Browser browser;

    @BeforeAll
    void startBrowser() {
        this.browser = Browser.start();
    }

    @AfterAll
    void closeBrowser() {
        if (this.browser != null) {
            this.browser.close();
        }
    }

    WebDriver driver() {
        return this.browser.driver();
    }

    /** Opens a console page by its hash route. */
    void open(String route) {
        this.browser.open(this.port, route);
    }
}
