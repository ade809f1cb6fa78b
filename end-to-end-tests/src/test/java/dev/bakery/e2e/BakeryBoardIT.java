package dev.bakery.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.awaitility.core.ConditionFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The live bakery board in a real headless browser, with all four departments running: an
 * order placed on the page travels till → bake house → packaging → counter, its card
 * shows the Kafka records behind each step, and a stopped department shows as a growing
 * lag of its consumer group that drains when it is back.
 */
class BakeryBoardIT {

	/**
	 * Debian's packages {@code chromium} and {@code chromium-driver} by default; nothing
	 * is downloaded. Elsewhere (a CI runner with Chrome) {@code -Dbakery.chromium} and
	 * {@code -Dbakery.chromedriver} name the binaries.
	 */
	private static final Path CHROMIUM = Path.of(System.getProperty("bakery.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path
		.of(System.getProperty("bakery.chromedriver", "/usr/bin/chromedriver"));

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static RunningBakery bakery;

	private static WebDriver browser;

	@BeforeAll
	static void openTheBakeryAndItsBoard() {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			fail("The board's browser test needs Chromium and its WebDriver at " + CHROMIUM + " and " + CHROMEDRIVER
					+ "; install them with: apt-get install -y chromium chromium-driver");
		}
		bakery = new RunningBakery("bakery.time-scale=0.02", "bakery.outbox.poll-interval=50ms",
				"bakery.board.lag-interval=500ms");
		bakery.start(Department.CHECKOUT);
		bakery.start(Department.SALES, "bakery.board.checkout-url=" + bakery.url(Department.CHECKOUT));
		bakery.start(Department.PACKAGING);
		bakery.start(Department.BAKEHOUSE);
		browser = chromium();
	}

	@AfterAll
	static void closeThem() {
		if (browser != null) {
			browser.quit();
		}
		if (bakery != null) {
			bakery.close();
		}
	}

	@BeforeEach
	void openTheBoard() {
		browser.get(bakery.url(Department.SALES) + "/");
		eventually()
			.untilAsserted(() -> assertThat(browser.findElement(By.id("connection")).getDomAttribute("data-state"))
				.isEqualTo("live"));
	}

	/**
	 * What the board looked like at the end of each test, for a person to look at when
	 * one fails.
	 */
	@AfterEach
	void keepAScreenshot(TestInfo test) throws IOException {
		Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
		byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
		Files.write(screenshots.resolve("BakeryBoardIT-" + test.getTestMethod().orElseThrow().getName() + ".png"), png);
	}

	@Test
	void anOrderPlacedOnTheBoardReachesTheCounterAndIsHandedOver() {
		browser.findElement(By.id("customer")).sendKeys("Greta");
		new Select(browser.findElement(By.id("product"))).selectByValue("BREZEL");
		WebElement quantity = browser.findElement(By.id("quantity"));
		quantity.clear();
		quantity.sendKeys("2");
		browser.findElement(By.id("place")).click();

		String orderId = eventually().until(() -> browser.findElement(By.id("placed")).getDomAttribute("data-order-id"),
				(id) -> id != null);
		assertThat(UUID.fromString(orderId)).isNotNull();
		By card = By.cssSelector(".column[data-column='counter'] .card[data-order-id='" + orderId + "']");
		eventually().untilAsserted(() -> {
			WebElement ready = browser.findElement(card);
			assertThat(ready.getDomAttribute("data-status")).isEqualTo("READY_FOR_PICKUP");
			assertThat(ready.findElement(By.className("customer")).getText()).isEqualTo("Greta");
			assertThat(ready.findElement(By.className("status")).getText()).isEqualTo("ready for pickup");
			assertThat(ready.findElement(By.className("latest")).getText())
				.startsWith("bakery.packaging-status · partition ");
			assertThat(stepsOf(ready)).containsExactly("PLACED", "IN_OVEN", "BAKED", "PACKING", "READY_FOR_PICKUP");
			assertThat(textOf(ready, "li[data-step='IN_OVEN']")).contains("bakery.baking-status · partition ",
					"· offset ", "group bakery");
			assertThat(textOf(ready, "li[data-step='PACKING']")).contains("group packaging");
			assertThat(count("counter")).isPositive();
		});

		eventually().untilAsserted(() -> browser.findElement(card).findElement(By.className("hand-over")).click());

		By handedOver = By.cssSelector(".column[data-column='handed-over'] .card[data-order-id='" + orderId + "']");
		eventually().untilAsserted(() -> assertThat(browser.findElement(handedOver).getDomAttribute("data-status"))
			.isEqualTo("HANDED_OVER"));
		assertThat(count("handed-over")).isPositive();
	}

	@Test
	void aStoppedDepartmentsBacklogShowsAsLagAndDrainsWhenItIsBack() {
		eventually().untilAsserted(() -> assertThat(groupLag("packaging")).isZero());
		bakery.stop(Department.PACKAGING);
		List<UUID> waiting = new ArrayList<>();
		try {
			waiting.addAll(bakery.placeOrders(3));

			eventually().untilAsserted(() -> assertThat(groupLag("packaging"))
				.as("records in bakery.baking-status that packaging has not read")
				.isGreaterThanOrEqualTo(2 * waiting.size()));
			eventually().untilAsserted(() -> assertThat(waiting).allSatisfy((
					orderId) -> assertThat(browser.findElement(By.cssSelector(".card[data-order-id='" + orderId + "']"))
						.getDomAttribute("data-status")).isEqualTo("BAKED")));
			eventually().untilAsserted(() -> assertThat(
					textOf(browser.findElement(By.cssSelector(".group[data-group='packaging']")), ".state"))
				.as("a group whose members are all gone")
				.startsWith("empty · 0 members"));
		}
		finally {
			bakery.start(Department.PACKAGING);
		}

		eventually().untilAsserted(() -> assertThat(groupLag("packaging")).isZero());
		eventually().untilAsserted(() -> assertThat(waiting).allSatisfy(
				(orderId) -> assertThat(browser.findElement(By.cssSelector(".card[data-order-id='" + orderId + "']"))
					.getDomAttribute("data-status")).isEqualTo("READY_FOR_PICKUP")));
	}

	/**
	 * Awaits what the page shows, which it may be re-drawing at the moment it is looked
	 * at.
	 */
	private static ConditionFactory eventually() {
		return await().atMost(PATIENCE)
			.ignoreExceptionsMatching((failure) -> failure instanceof NoSuchElementException
					|| failure instanceof StaleElementReferenceException);
	}

	private static WebDriver chromium() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1600,1200");
		ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(driver, options);
	}

	private static List<String> stepsOf(WebElement card) {
		return card.findElements(By.cssSelector("li[data-step]"))
			.stream()
			.map((step) -> step.getDomAttribute("data-step"))
			.toList();
	}

	/**
	 * An element's text, also when it is inside a closed {@code <details>} and so not
	 * displayed.
	 */
	private static String textOf(WebElement parent, String selector) {
		return parent.findElement(By.cssSelector(selector)).getDomProperty("textContent");
	}

	private static long count(String column) {
		return Long.parseLong(browser.findElement(By.cssSelector("[data-count='" + column + "']")).getText());
	}

	private static long groupLag(String group) {
		return Long.parseLong(browser.findElement(By.cssSelector(".group[data-group='" + group + "'] .total"))
			.getDomAttribute("data-lag"));
	}

}
