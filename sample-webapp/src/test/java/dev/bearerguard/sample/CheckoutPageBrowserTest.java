package dev.bearerguard.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The checkout page in a real headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}; nothing is downloaded). Without them the test is skipped locally, and fails when
 * the {@code CI} environment variable is set, so CI can never pass without running it.
 */
class CheckoutPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Fixture f;
    private WebDriver browser;

    @BeforeEach
    void start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "the checkout page test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver)";
            if (System.getenv("CI") != null) {
                fail(why + "; CI is set, so this is a failure, not a skip");
            }
            Assumptions.abort(why + "; skipped because CI is not set");
        }
        f = new Fixture(b -> b.checkoutTokenLifetime(Duration.ofMinutes(2)));
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (f != null) {
            f.close();
        }
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    @Test
    void pageLoadsAndShowsTheInvoiceAndPaymentOptions() {
        browser.get(f.url("checkout/").toString());
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("invoice")));
        assertThat(text("invoice-id")).isEqualTo("inv_1");
        assertThat(text("customer-name")).isEqualTo("Ada Lovelace");
        assertThat(text("invoice-amount")).isEqualTo("$12.99");
        assertThat(browser.findElements(By.cssSelector("#payment-options li"))).extracting(e -> e.getText())
                .containsExactly("Card", "PayPal");
        assertThat(text("refresh-count")).isEqualTo("0");
    }

    @Test
    void pageSurvivesATokenExpiryByRefreshingAndRetryingVisibly() {
        browser.get(f.url("checkout/").toString());
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("invoice")));

        f.clock.advance(Duration.ofMinutes(4)); // past the 2-minute token plus the 60 s skew
        browser.findElement(By.id("reload")).click();

        waiting().until(ExpectedConditions.textToBe(By.id("refresh-count"), "1"));
        waiting().until(ExpectedConditions.textToBe(By.id("status"), "Invoice loaded."));
        String log = text("log");
        assertThat(log).contains("answered 401: token expired", "onAccessTokenExpired()", "retrying GET /v1/invoices/inv_1");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        assertThat(text("invoice-amount")).isEqualTo("$12.99");
    }

    @Test
    void pageShowsAClearMessageWhenTheBackEndRefuses() {
        browser.get(f.url("checkout/?invoice=inv_404").toString());
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(text("error")).isEqualTo(
                "The merchant back end refused to start this checkout: unknown customer or invoice");
        assertThat(text("status")).isEqualTo("Checkout unavailable.");
        assertThat(browser.findElement(By.id("invoice")).isDisplayed()).isFalse();
    }
}
