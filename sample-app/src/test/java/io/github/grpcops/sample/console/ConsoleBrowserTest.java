package io.github.grpcops.sample.console;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import io.github.grpcops.auth.apikey.ApiKeyManager;
import io.github.grpcops.auth.apikey.NewApiKey;
import io.github.grpcops.requestlog.RequestLogWriter;
import io.github.grpcops.requestlog.rollup.RequestStatsRecorder;
import io.github.grpcops.sample.api.GetUserRequest;
import io.github.grpcops.sample.api.ImportSummary;
import io.github.grpcops.sample.api.Product;
import io.github.grpcops.sample.api.ListUsersRequest;
import io.github.grpcops.sample.api.SearchProductsRequest;
import io.github.grpcops.sample.api.UpdateUserRequest;
import io.github.grpcops.sample.api.UserServiceGrpc;
import io.github.grpcops.sample.api.ProductServiceGrpc;
import io.github.grpcops.test.BulkCalls;
import io.github.grpcops.test.GrpcTestClient;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The web console in real headless Chromium against the sample app: every page loads without console
 * errors and shows the calls made before; filters, the request detail, API keys (created in the page,
 * used by a real gRPC call, revoked), invoke and the timeline chart work.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "grpc.server.port=0", "grpc.server.address=127.0.0.1", "spring.main.banner-mode=off",
                "grpc.ui.enabled=true", "grpc.actuator.invoke-enabled=true", "management.endpoint.grpc.access=unrestricted",
                "grpc.request-log.payloads.methods=sample.v1.UserService/*" })
@Import({ GrpcTestClient.class, StatementLog.class })
@SuppressWarnings("unchecked")
class ConsoleBrowserTest extends BrowserTestSupport {

    @Autowired
    GrpcTestClient grpc;

    @Autowired
    ApiKeyManager apiKeys;

    @Autowired
    StatementLog statements;

    @Autowired
    RequestLogWriter writer;

    @Autowired
    RequestStatsRecorder rollups;

    @Autowired
    DataSource dataSource;

    /** An API key of alice (staff). */
    String alice;

    @BeforeAll
    void makeSomeCalls() {
        this.alice = this.apiKeys.create(new NewApiKey("console-tests", null, "user", "alice", null, null)).secret();
        UserServiceGrpc.UserServiceBlockingStub users = users(this.alice);
        users.listUsers(ListUsersRequest.getDefaultInstance()).forEachRemaining(user -> { });
        users.getUser(GetUserRequest.newBuilder().setId(1).build());
        assertThatThrownBy(() -> users.getUser(GetUserRequest.newBuilder().setId(987654).build()))
            .isInstanceOf(StatusRuntimeException.class);
        assertThatThrownBy(() -> users.updateUser(UpdateUserRequest.newBuilder().setId(1).setEmail("bad").build()))
            .isInstanceOf(StatusRuntimeException.class);
        ProductServiceGrpc.newBlockingStub(this.grpc.channel())
            .searchProducts(SearchProductsRequest.newBuilder().setQuery("o").setLimit(3).build())
            .forEachRemaining(product -> { });
        // The overview reads the rollups once per view: have these calls in them before any page opens.
        await().until(() -> this.writer.counts().queued() == 0);
        this.rollups.flush();
    }

    @Test
    void browserRunsTheSystemDriverWithoutSeleniumManager() throws IOException {
        assertThat(Path.of(this.browser.driverExecutable()).toRealPath()).isEqualTo(Browser.CHROMEDRIVER.toRealPath());
        assertThat(System.getProperty("webdriver.chrome.driver")).isEqualTo(Browser.CHROMEDRIVER.toString());
    }

    @Test
    void overviewShowsTheCallsServersAndWriterWithoutConsoleErrors() {
        open("overview");
        WebElement cards = driver().findElement(By.id("overview-cards"));
        this.browser.waiting().until(d -> !number(cards, "Calls").equals("0"));
        assertThat(cards.getText()).contains("Success rate", "p95", "In flight", "Servers running");
        assertThat(driver().findElement(By.id("writer")).getText()).contains("Written");
        assertThat(driver().findElement(By.tagName("main")).getText()).contains("sample.v1.UserService");
        screenshotAndAssertNoConsoleErrors("overview");
    }

    @Test
    void requestsListTheCallsAndFilterByStatusAndService() {
        open("requests");
        assertThat(rows("requests")).anySatisfy(row -> assertThat(row).contains("sample.v1.UserService/ListUsers"))
            .anySatisfy(row -> assertThat(row).contains("sample.v1.ProductService/SearchProducts"));
        screenshotAndAssertNoConsoleErrors("requests");

        WebElement form = driver().findElement(By.id("request-filters"));
        new Select(form.findElement(By.name("status"))).selectByValue("error");
        form.findElement(By.name("service")).sendKeys("sample.v1.UserService");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        this.browser.waiting().until(ExpectedConditions.urlContains("status=error"));
        waitForPage();
        List<String> errors = rows("requests");
        assertThat(errors).hasSizeGreaterThanOrEqualTo(2)
            .allSatisfy(row -> assertThat(row).contains("sample.v1.UserService/").contains("error"))
            .anySatisfy(row -> assertThat(row).contains("NOT_FOUND"))
            .anySatisfy(row -> assertThat(row).contains("INVALID_ARGUMENT"));
        assertThat(text("request-total")).startsWith(errors.size() + " calls");
        assertNoConsoleErrors();
    }

    @Test
    void requestsPagerCountsToMoreThanTenThousandAndPagesOlderAndBackByCursor() {
        // A service of their own, two hours old, so the other tests' newest calls stay on top.
        BulkCalls.insert(this.dataSource, "bulk.v1.BulkService", 10_001,
                Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS), Duration.ofMillis(1));
        open("requests?service=bulk.v1.BulkService");
        assertThat(text("pager-position")).isEqualTo("1–25 of more than 10,000");
        assertThat(text("request-total")).startsWith("More than 10,000 calls in the");
        assertThat(driver().findElement(By.id("newer")).isEnabled()).isFalse();
        List<String> newest = rows("requests");
        assertThat(newest).hasSize(25).first().asString().contains("bulk-0");

        driver().findElement(By.id("older")).click();
        this.browser.waiting().until(d -> text("pager-position").startsWith("26–50"));
        assertThat(driver().getCurrentUrl()).contains("before=", "at=26", "service=bulk.v1.BulkService");
        List<String> older = rows("requests");
        assertThat(older).hasSize(25).doesNotContainAnyElementsOf(newest).first().asString().contains("bulk-25");
        assertNoConsoleErrors();

        driver().findElement(By.id("newer")).click();
        this.browser.waiting().until(d -> text("pager-position").startsWith("1–25"));
        assertThat(driver().getCurrentUrl()).doesNotContain("before=", "after=");
        assertThat(rows("requests")).isEqualTo(newest);
        assertNoConsoleErrors();
    }

    private String text(String id) {
        return driver().findElement(By.id(id)).getText();
    }

    @Test
    void requestDetailShowsStatusMessagePrincipalAndCapturedPayloads() {
        open("requests?service=sample.v1.UserService&method=GetUser&status=error");
        driver().findElement(By.cssSelector("#requests tbody tr.clickable")).click();
        this.browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("call-detail")));
        String detail = driver().findElement(By.id("call-detail")).getText();
        assertThat(detail).contains("NOT_FOUND", "No user with id 987654", "alice", "127.0.0.1", "Request id");
        assertThat(driver().findElement(By.tagName("main")).getText()).contains("\"id\": \"987654\"");
        assertThat(driver().findElement(By.id("replay")).getAttribute("href")).contains("#/invoke?service=sample.v1.UserService&method=GetUser");
        screenshotAndAssertNoConsoleErrors("request-detail");
    }

    @Test
    void serversShowThisInstanceRunningWithItsServices() {
        open("servers");
        assertThat(rows("servers")).anySatisfy(row -> assertThat(row).contains("running", "services"));
        screenshotAndAssertNoConsoleErrors("servers");
    }

    @Test
    void apiKeyCreatedInTheConsoleAuthenticatesARealCallUntilRevokedThere() {
        String key = createKeyInPage("made-in-console", "user", "alice");
        assertThat(key).startsWith("gops_");
        screenshotAndAssertNoConsoleErrors("apikeys");

        assertThat(users(key).listUsers(ListUsersRequest.getDefaultInstance()).hasNext()).isTrue();

        open("apikeys");
        WebElement row = keyRow("made-in-console");
        assertThat(row.getText()).contains("active");
        row.findElement(By.cssSelector("button.revoke")).click();
        Alert confirm = this.browser.waiting().until(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).contains("Revoke key");
        confirm.accept();
        this.browser.waiting().until(d -> keyRow("made-in-console").getText().contains("revoked"));
        assertThatThrownBy(() -> users(key).listUsers(ListUsersRequest.getDefaultInstance()).hasNext())
            .isInstanceOfSatisfying(StatusRuntimeException.class,
                    ex -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertNoConsoleErrors();
    }

    @Test
    void inFlightShowsAnOpenClientStreamLiveAndDropsItOnceItEnds() {
        StreamObserver<Product> upload = ProductServiceGrpc.newStub(this.grpc.channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(apiKey(this.alice)))
            .importProducts(new StreamObserver<>() {
                @Override
                public void onNext(ImportSummary summary) {
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                }
            });
        upload.onNext(Product.newBuilder().setSku("LIVE-1").setName("Live").setPriceCents(100).build());
        open("inflight");
        this.browser.waiting().until(d -> rows("inflight").stream().anyMatch(row -> row.contains("ImportProducts")));
        assertThat(rows("inflight")).anySatisfy(row -> assertThat(row).contains("CLIENT_STREAMING", "127.0.0.1"));
        screenshotAndAssertNoConsoleErrors("inflight");
        upload.onCompleted();
        this.browser.waiting().until(d -> rows("inflight").stream().noneMatch(row -> row.contains("ImportProducts")));
        assertNoConsoleErrors();
    }

    @Test
    void servicesSortByTheColumnClicked() {
        open("services");
        // Busiest first by default; a click on the sorted column turns the order round.
        assertThat(serviceOrder()).containsExactly("sample.v1.UserService", "sample.v1.ProductService");
        clickHeader("Calls");
        assertThat(serviceOrder()).containsExactly("sample.v1.ProductService", "sample.v1.UserService");
        assertThat(driver().findElement(By.cssSelector("#services th[data-column='Calls']")).getAttribute("class"))
            .contains("sorted-asc");
        clickHeader("Error rate");
        assertThat(driver().findElement(By.cssSelector("#services th[data-column='Error rate']")).getAttribute("class"))
            .contains("sorted-desc");
        // UserService had failed calls, ProductService none
        assertThat(serviceOrder()).containsExactly("sample.v1.UserService", "sample.v1.ProductService");
        assertThat(driver().findElement(By.id("services")).getText()).contains("Error rate", "p50", "p95", "p99",
                "GetUser", "SearchProducts");
        screenshotAndAssertNoConsoleErrors("services");
    }

    @Test
    void timelineDrawsCallsErrorsAndLatencyOnACanvasAndTheRangeSticksAcrossPages() {
        open("timeline");
        new Select(driver().findElement(By.id("range"))).selectByValue("1");
        this.browser.waiting().until(d -> d.findElement(By.id("timeline-summary")).getText().contains("per minute"));
        WebElement chart = this.browser.waiting()
            .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline-chart canvas")));
        assertThat(driver().findElement(By.id("timeline-chart")).getAttribute("data-series")).isEqualTo("3");
        Number painted = (Number) ((JavascriptExecutor) driver()).executeScript(
                "const c = arguments[0]; const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + " let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n;",
                chart);
        assertThat(painted.longValue()).as("painted pixels").isGreaterThan(1000);
        assertThat(driver().findElement(By.className("u-legend")).getText()).contains("Calls", "Errors", "p95 ms");
        screenshotAndAssertNoConsoleErrors("timeline");

        // The range sticks: another page, loaded afresh, uses it too.
        open("services");
        assertThat(new Select(driver().findElement(By.id("range"))).getFirstSelectedOption().getText()).isEqualTo("Last hour");
        assertThat(driver().findElement(By.tagName("main")).getText()).contains("in the last hour");
        new Select(driver().findElement(By.id("range"))).selectByValue("24");
    }

    @Test
    void invokeCallsAUnaryMethodAndAServerStreamFromTheForm() {
        open("invoke?service=sample.v1.UserService&method=GetUser");
        WebElement request = driver().findElement(By.id("request"));
        assertThat(request.getAttribute("value")).contains("\"id\": \"0\"");
        request.clear();
        request.sendKeys("{\"id\": \"1\"}");
        driver().findElement(By.id("invoke")).click();
        WebElement result = driver().findElement(By.id("invoke-result"));
        this.browser.waiting().until(d -> result.getText().contains("1 response"));
        assertThat(result.getText()).contains("OK", "\"username\": \"alice\"");
        assertThat(driver().findElement(By.id("permalink")).getAttribute("href"))
            .contains("service=sample.v1.UserService&method=GetUser&request=%7B%22id%22%3A%221%22%7D");
        screenshotAndAssertNoConsoleErrors("invoke");

        new Select(driver().findElement(By.name("method"))).selectByValue("ListUsers");
        assertThat(driver().findElement(By.id("method-type")).getText()).startsWith("SERVER_STREAMING");
        // ListUsers is for staff: call as alice
        WebElement metadata = driver().findElement(By.id("metadata"));
        metadata.clear();
        metadata.sendKeys("{\"x-api-key\": \"" + this.alice + "\"}");
        driver().findElement(By.id("invoke")).click();
        this.browser.waiting().until(d -> result.getText().contains("responses"));
        assertThat(result.getText()).containsPattern("OK \\d+ responses").contains("alice", "bob", "carol");
        assertNoConsoleErrors();
    }

    @Test
    void invokeShowsTheStatusOfAFailedCall() {
        open("invoke?service=sample.v1.UserService&method=GetUser&request=%7B%22id%22%3A%22987654%22%7D");
        driver().findElement(By.id("invoke")).click();
        WebElement result = driver().findElement(By.id("invoke-result"));
        this.browser.waiting().until(d -> result.getText().contains("NOT_FOUND"));
        assertThat(result.getText()).contains("No user with id 987654");
        assertNoConsoleErrors();
    }

    @Test
    void schemaShowsEachServicesMethodsAndItsProtoSource() {
        open("schema");
        WebElement users = driver().findElement(By.cssSelector("section[data-service='sample.v1.UserService']"));
        assertThat(users.getText()).contains("GetUser", "UNARY", "ListUsers", "SERVER_STREAMING", "sample.v1.User");
        users.findElement(By.className("view-proto")).click();
        this.browser.waiting().until(d -> !users.findElements(By.cssSelector("pre.proto")).isEmpty());
        assertThat(users.findElement(By.cssSelector("pre.proto")).getText()).contains("package sample.v1;",
                "service UserService {", "rpc ListUsers(.sample.v1.ListUsersRequest) returns (stream .sample.v1.User);");
        screenshotAndAssertNoConsoleErrors("schema");
    }

    /**
     * The console's own cost, written to target/console/cost.txt for docs/ui.md: what a first view
     * transfers, the SQL each page view sends, and that the one polling page (in flight) reads memory only.
     */
    @Test
    void pagesAreSmallEachViewSendsAFewQueriesAndPollingNone() throws Exception {
        List<String> report = new ArrayList<>();
        open("overview");
        Map<String, Object> weight = (Map<String, Object>) ((JavascriptExecutor) driver()).executeScript(
                "const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];"
                        + " const files = all.filter(e => !e.name.includes('/actuator/grpc?') && !e.name.endsWith('/actuator/grpc')"
                        + "   && !e.name.includes('/actuator/grpc/'));"
                        + " const sum = (list, key) => list.reduce((n, e) => n + e[key], 0);"
                        + " return { files: files.length, transferred: sum(files, 'transferSize'),"
                        + "   body: sum(files, 'decodedBodySize'), json: sum(all, 'decodedBodySize') - sum(files, 'decodedBodySize') };");
        report.add("first view of the overview: " + weight.get("files") + " files, " + weight.get("transferred")
                + " bytes transferred (" + weight.get("body") + " bytes of content, not compressed), "
                + weight.get("json") + " bytes of JSON");
        assertThat(((Number) weight.get("body")).longValue()).as("console files").isLessThan(150_000);

        for (String page : List.of("overview", "requests", "inflight", "services", "timeline", "servers", "apikeys",
                "invoke", "schema")) {
            this.statements.drain();
            open(page);
            List<String> selects = selects(this.statements.drain());
            report.add(page + ": " + selects.size() + " SELECT statements per view");
            selects.forEach(sql -> report.add("    " + sql.replaceAll("\\s+", " ")));
            // The overview reads four things (figures, services, servers, keys); every other page fewer.
            assertThat(selects).as(page).hasSizeLessThanOrEqualTo(page.equals("overview") ? 4 : 2);
        }

        open("inflight");
        this.statements.drain();
        Thread.sleep(6000); // three refreshes
        List<String> polling = selects(this.statements.drain());
        report.add("in flight, 6 s of polling (3 refreshes): " + polling.size() + " SELECT statements");
        assertThat(polling).isEmpty();
        Files.createDirectories(Path.of("target", "console"));
        Files.write(Path.of("target", "console", "cost.txt"), report);
    }

    private static List<String> selects(List<String> statements) {
        return statements.stream().filter(sql -> sql.stripLeading().toLowerCase(Locale.ROOT).startsWith("select")
                || sql.stripLeading().toLowerCase(Locale.ROOT).startsWith("with")).toList();
    }

    private void clickHeader(String column) {
        driver().findElement(By.cssSelector("#services th[data-column='" + column + "']")).click();
    }

    private List<String> serviceOrder() {
        return driver().findElements(By.cssSelector("#services tr.service"))
            .stream()
            .map(row -> row.getAttribute("data-name"))
            .toList();
    }

    private WebElement keyRow(String name) {
        return driver().findElements(By.cssSelector("#apikeys tbody tr"))
            .stream()
            .filter(row -> row.getText().contains(name))
            .findFirst()
            .orElseThrow();
    }

    private UserServiceGrpc.UserServiceBlockingStub users(String key) {
        return UserServiceGrpc.newBlockingStub(this.grpc.channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(apiKey(key)));
    }

    private static Metadata apiKey(String key) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER), key);
        return headers;
    }

    @Override
    void open(String route) {
        super.open(route);
        assertNoErrorShown();
    }

    void waitForPage() {
        this.browser.waitForPage();
        assertNoErrorShown();
    }

    void assertNoErrorShown() {
        assertThat(driver().findElements(By.cssSelector("main .failure"))).extracting(WebElement::getText)
            .as("errors shown on the page")
            .isEmpty();
    }

    List<String> rows(String tableId) {
        return driver().findElements(By.cssSelector("#" + tableId + " tbody tr")).stream().map(WebElement::getText).toList();
    }

    private static String number(WebElement cards, String label) {
        return cards.findElements(By.className("card"))
            .stream()
            .filter(card -> card.findElement(By.className("label")).getText().equals(label))
            .findFirst()
            .map(card -> card.findElement(By.className("value")).getText())
            .orElse("0");
    }

    void screenshotAndAssertNoConsoleErrors(String name) {
        ((JavascriptExecutor) driver()).executeScript("window.scrollTo(0, 0)");
        this.browser.screenshot(name);
        assertNoConsoleErrors();
    }

    void assertNoConsoleErrors() {
        assertThat(this.browser.consoleErrors()).as("browser console").isEmpty();
    }
}
