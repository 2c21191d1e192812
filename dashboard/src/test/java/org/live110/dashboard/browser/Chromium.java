package org.live110.dashboard.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts the system's headless Chromium (Debian packages {@code chromium} and {@code
 * chromium-driver}) through Selenium, never downloading anything: the driver and the browser are
 * given by path, which makes Selenium skip Selenium Manager.
 *
 * <p>In CI (environment {@code CI=true}) a missing Chromium fails the test; elsewhere the browser
 * tests are skipped.
 */
final class Chromium implements AutoCloseable {
  static final Path BROWSER = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
  static final Path DRIVER =
      Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));

  final ChromeDriver driver;
  private final Path profile;

  private Chromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Skips (outside CI) or fails (in CI) when the browser or its driver is not installed. */
  static void requireInstalled() {
    boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      if (!present) {
        throw new AssertionError(
            "CI=true but "
                + BROWSER
                + " or "
                + DRIVER
                + " is missing: install chromium chromium-driver");
      }
      return;
    }
    Assumptions.assumeTrue(present, "no " + BROWSER + " / " + DRIVER + ": browser tests skipped");
  }

  /** A headless browser whose viewport is {@code width}x{@code height} CSS pixels. */
  static Chromium start(int width, int height) throws IOException {
    Path profile = Files.createTempDirectory("live110-chromium-");
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--lang=zh-CN",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new Chromium(driver, profile);
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
