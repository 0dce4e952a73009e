package io.github.grpcops.sample.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

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

    /** Creates a key with the API-keys page's form and returns the secret the page shows once. */
    String createKeyInPage(String name, String type, String owner) {
        open("apikeys");
        WebElement form = driver().findElement(By.id("create-key"));
        form.findElement(By.name("name")).sendKeys(name);
        new Select(form.findElement(By.name("type"))).selectByValue(type);
        form.findElement(By.name("owner")).sendKeys(owner);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        return this.browser.waiting()
            .until(ExpectedConditions.presenceOfElementLocated(By.id("secret")))
            .getAttribute("value");
    }
}
