package io.trigger4j.sample;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live page ({@code /}) of the sample as a fresh clone runs it (dev mode: the
 * embedded emulator on the real clock), driven in headless Chromium: Debian's
 * {@code chromium} and {@code chromedriver} found on the PATH, so that nothing is
 * downloaded. Skipped, saying how to install them, when they are not installed (a
 * condition rather than an assumption in {@code @BeforeAll}, which Surefire reports as no
 * tests at all, without its message; and the application is not even started).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "browserInstalled", disabledReason = LivePageBrowserTests.NOT_INSTALLED)
class LivePageBrowserTests {

	static final String NOT_INSTALLED = "LivePageBrowserTests needs chromium and chromedriver on the PATH: "
			+ "sudo apt-get install chromium chromium-driver (Debian/Ubuntu), or run .ci/run";

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	/** Below the stream's 15 s keep-alive. */
	private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

	private static final Pattern TRIGGERED = Pattern.compile("Triggered \\S+: (run_\\w+)");

	@TempDir
	static Path profile;

	static @Nullable ChromeDriverService service;

	static @Nullable WebDriver browser;

	@LocalServerPort
	int port;

	static boolean browserInstalled() {
		return onPath("chromium") != null && onPath("chromedriver") != null;
	}

	@BeforeAll
	static void startBrowser() {
		Path chromium = onPath("chromium");
		Path chromedriver = onPath("chromedriver");
		assertThat(chromium).as(NOT_INSTALLED).isNotNull();
		assertThat(chromedriver).as(NOT_INSTALLED).isNotNull();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + profile);
		service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
	}

	private static @Nullable Path onPath(String command) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String directory : path.split(File.pathSeparator)) {
			Path candidate = Path.of(directory, command);
			if (!directory.isEmpty() && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	@AfterAll
	static void quitBrowser() {
		if (browser != null) {
			browser.quit();
		}
		if (service != null) {
			service.stop();
		}
	}

	@BeforeEach
	void openThePage() {
		browser().get("http://127.0.0.1:" + this.port + "/");
		// the stream opens at once, even before there is a run to send
		new WebDriverWait(browser(), OPEN_TIMEOUT)
			.until(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "open"));
	}

	@Test
	void aTriggeredRunAppearsAndCompletesWithItsOutput() {
		String id = trigger("hello-world");

		WebElement row = waitForStatus(id, "COMPLETED");

		assertThat(row.findElement(By.className("task")).getText()).isEqualTo("hello-world");
		assertThat(row.findElement(By.className("output")).getText()).contains("Hello, world!");
		assertThat(row.findElement(By.cssSelector("[data-action=cancel]")).isEnabled()).isFalse();
	}

	@Test
	void cancellingAnExecutingRunShowsCanceled() {
		String id = trigger("slow-report");
		// slow-report executes for 20 s
		waitForStatus(id, "EXECUTING");

		row(id).findElement(By.cssSelector("[data-action=cancel]")).click();

		WebElement row = waitForStatus(id, "CANCELED");
		assertThat(row.findElement(By.className("output")).getText()).doesNotContain("pages");
	}

	@Test
	void aReplayAppearsAsANewRunThatCompletes() {
		String id = trigger("hello-world");
		waitForStatus(id, "COMPLETED");

		row(id).findElement(By.cssSelector("[data-action=replay]")).click();

		WebElement replay = waitFor().until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("tr[data-replay-of='" + id + "'][data-status=COMPLETED]")));
		assertThat(replay.getAttribute("data-run-id")).startsWith("run_").isNotEqualTo(id);
		assertThat(replay.findElement(By.className("task")).getText()).isEqualTo("hello-world");
		assertThat(replay.findElement(By.className("output")).getText()).contains("Hello, world!");
	}

	@Test
	void theLatencyChartDrawsABarPerOperationCalled() {
		trigger("hello-world");

		WebElement bar = waitFor().until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#latency-chart g[data-operation='tasks.trigger'] rect.bar")));

		assertThat(Double.parseDouble(bar.getAttribute("width"))).isPositive();
		// the live list's own calls are charted too
		waitFor().until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#latency-chart g[data-operation='runs.list'] rect.bar")));
	}

	/** Clicks the task's trigger button; returns the run id the page reports. */
	private String trigger(String task) {
		browser().findElement(By.cssSelector("button[data-trigger='" + task + "']")).click();
		WebElement message = browser().findElement(By.id("message"));
		waitFor().until((driver) -> TRIGGERED.matcher(message.getText()).find());
		Matcher matcher = TRIGGERED.matcher(message.getText());
		assertThat(matcher.find()).isTrue();
		assertThat(message.getText()).startsWith("Triggered " + task + ": ");
		return matcher.group(1);
	}

	private WebElement waitForStatus(String id, String status) {
		return waitFor().until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("tr[data-run-id='" + id + "'][data-status='" + status + "']")));
	}

	private WebElement row(String id) {
		return browser().findElement(By.cssSelector("tr[data-run-id='" + id + "']"));
	}

	private WebDriverWait waitFor() {
		return new WebDriverWait(browser(), TIMEOUT);
	}

	private static WebDriver browser() {
		assertThat(browser).isNotNull();
		return browser;
	}

}
