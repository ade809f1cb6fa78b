package dev.bakery.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.awaitility.core.ConditionFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bakery.events.Topics;
import dev.bakery.labs.BakeryClient;
import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.Department;
import dev.bakery.runtime.Part;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The live board, an application of its own, in a real headless browser, with all four
 * departments running: an order placed on the page travels till → bake house → packaging
 * → counter, its card shows the Kafka records behind each step and links to the order's
 * trace in Zipkin, a stopped department shows as a growing lag of its consumer group (and
 * a rising curve) that drains when it is back, the board stays live while the counter
 * restarts, the brokers' panel shows the brokers and the partitions they lead, and the
 * shelf's panel what the counter's Kafka Streams topology holds.
 */
@Order(8)
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

	/**
	 * A classroom projector's screen, the smallest the board must fit without scrolling.
	 */
	private static final int PROJECTOR_WIDTH = 1366;

	private static final int PROJECTOR_HEIGHT = 768;

	private static final Logger log = LoggerFactory.getLogger(BakeryBoardIT.class);

	private static Bakery bakery;

	private static BakeryClient client;

	private static ChromeDriver browser;

	@BeforeAll
	static void openTheBakeryAndItsBoard() {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			fail("The board's browser test needs Chromium and its WebDriver at " + CHROMIUM + " and " + CHROMEDRIVER
					+ "; install them with: apt-get install -y chromium chromium-driver");
		}
		bakery = TheBakery.withThreeBrokers();
		client = new BakeryClient(bakery.site());
		browser = chromium();
	}

	@AfterAll
	static void closeThem() {
		if (browser != null) {
			browser.quit();
		}
	}

	@BeforeEach
	void openTheBoard() {
		// A test that emulated a screen of its own leaves it for the screenshot; the
		// next starts on the window's.
		browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		browser.get("http://localhost:" + bakery.port(Part.LIVE_BOARD) + "/");
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
		screenshot("BakeryBoardIT-" + test.getTestMethod().orElseThrow().getName());
	}

	private static void screenshot(String name) throws IOException {
		Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
		byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
		Files.write(screenshots.resolve(name + ".png"), png);
	}

	/** Places an order of two pretzels with the page's form; the till's order id. */
	private static String placeOnThePage(String customer) {
		WebElement name = browser.findElement(By.id("customer"));
		name.clear();
		name.sendKeys(customer);
		new Select(browser.findElement(By.id("product"))).selectByValue("BREZEL");
		WebElement quantity = browser.findElement(By.id("quantity"));
		quantity.clear();
		quantity.sendKeys("2");
		String before = browser.findElement(By.id("placed")).getDomAttribute("data-order-id");
		browser.findElement(By.id("place")).click();
		return eventually().until(() -> browser.findElement(By.id("placed")).getDomAttribute("data-order-id"),
				(id) -> id != null && !id.equals(before));
	}

	private static String departmentState(String department) {
		return browser.findElement(By.cssSelector("#departments [data-department='" + department + "']"))
			.getDomAttribute("data-state");
	}

	private static List<String> placeOrders(int count) {
		List<String> placed = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			placed.add(client.place("Customer " + i, "BREZEL", 1 + i % 5).orElseThrow());
		}
		return placed;
	}

	@Test
	void anOrderPlacedOnTheBoardReachesTheCounterLinkedToItsTraceAndIsHandedOver() {
		String orderId = placeOnThePage("Greta");
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
		String traceId = client.timeline(orderId).get(0).traceId();
		assertThat(traceId).as("the till's request began a recorded trace").isNotNull();
		assertThat(browser.findElement(card).findElement(By.cssSelector("a.trace")).getDomAttribute("href"))
			.as("the card's link to the order's trace in this bakery's Zipkin")
			.isEqualTo("http://localhost:" + bakery.site().zipkinPort() + "/zipkin/traces/" + traceId);

		eventually().untilAsserted(() -> browser.findElement(card).findElement(By.className("hand-over")).click());

		By handedOver = By.cssSelector(".column[data-column='handed-over'] .card[data-order-id='" + orderId + "']");
		eventually().untilAsserted(() -> assertThat(browser.findElement(handedOver).getDomAttribute("data-status"))
			.isEqualTo("HANDED_OVER"));
		// The column's count comes with the next look at the counter, a moment after the
		// card.
		eventually().untilAsserted(() -> assertThat(count("handed-over")).isPositive());
	}

	@Test
	void aStoppedDepartmentsBacklogShowsAsLagAndDrainsWhenItIsBack() {
		// A test before may leave packaging a backlog (the benchmark's orders).
		eventually().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(groupLag("packaging")).isZero());
		bakery.stop(Part.of(Department.PACKAGING));
		List<String> waiting = new ArrayList<>();
		try {
			waiting.addAll(placeOrders(3));

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
			eventually().untilAsserted(() -> assertThat(Double.parseDouble(
					browser.findElement(By.cssSelector("#curves [data-figure='lag'] polyline[data-group='packaging']"))
						.getDomAttribute("data-most")))
				.as("the backlog in the lag curve of the last minutes")
				.isGreaterThanOrEqualTo(2 * waiting.size()));
		}
		finally {
			bakery.start(Part.of(Department.PACKAGING));
		}

		eventually().untilAsserted(() -> assertThat(groupLag("packaging")).isZero());
		eventually().untilAsserted(() -> assertThat(waiting).allSatisfy(
				(orderId) -> assertThat(browser.findElement(By.cssSelector(".card[data-order-id='" + orderId + "']"))
					.getDomAttribute("data-status")).isEqualTo("READY_FOR_PICKUP")));

		// Both changes of the group's members stay on the board, the latest first.
		By history = By.cssSelector(".group[data-group='packaging'] details.rebalances");
		eventually()
			.untilAsserted(() -> assertThat(browser.findElement(history).getText()).startsWith("last rebalance ")
				.endsWith(": 0 → 1 member"));
		eventually().untilAsserted(() -> browser.findElement(history).findElement(By.tagName("summary")).click());
		eventually().untilAsserted(() -> {
			List<WebElement> rebalances = browser.findElement(history).findElements(By.cssSelector("li.rebalance"));
			assertThat(rebalances).hasSizeGreaterThanOrEqualTo(2);
			WebElement back = rebalances.get(0);
			assertThat(back.getDomAttribute("data-before")).isEqualTo("0");
			assertThat(back.getDomAttribute("data-after")).isEqualTo("1");
			assertThat(textOf(back, "li[data-change='joined']")).contains("joined", "packaging-service", "p0–p11");
			WebElement stopped = rebalances.get(1);
			assertThat(stopped.getDomAttribute("data-before")).isEqualTo("1");
			assertThat(stopped.getDomAttribute("data-after")).isEqualTo("0");
			assertThat(textOf(stopped, "li[data-change='left']")).contains("left", "had p0–p11");
		});
	}

	@Test
	void staysLiveWhileTheCounterRestartsAndTakesOrdersMeanwhile() throws IOException {
		eventually().untilAsserted(() -> assertThat(departmentState("counter")).isEqualTo("ready"));
		bakery.stop(Part.of(Department.SALES));
		String placed;
		try {
			eventually().untilAsserted(() -> {
				assertThat(departmentState("counter")).isEqualTo("away");
				assertThat(departmentState("till")).isEqualTo("ready");
				assertThat(browser.findElement(By.id("counter-away")).getText())
					.startsWith("Counter away (restarting?): the orders are as it last told them");
				assertThat(textOf(browser.findElement(By.cssSelector(".group[data-group='sales']")), ".state"))
					.as("the counter's group, its members gone")
					.startsWith("empty · 0 members");
			});
			assertThat(browser.findElement(By.id("connection")).getDomAttribute("data-state"))
				.as("the board itself never went away")
				.isEqualTo("live");
			placed = placeOnThePage("Hanna");
			screenshot("BakeryBoardIT-counterAway");
		}
		finally {
			bakery.start(Part.of(Department.SALES));
		}

		By card = By.cssSelector(".card[data-order-id='" + placed + "']");
		eventually().untilAsserted(() -> {
			assertThat(departmentState("counter")).isEqualTo("ready");
			assertThat(browser.findElement(By.id("counter-away")).isDisplayed()).isFalse();
			assertThat(browser.findElement(card).getDomAttribute("data-status"))
				.as("placed while the counter was away, followed once it is back")
				.isEqualTo("READY_FOR_PICKUP");
			assertThat(browser.findElement(By.id("replay")).getText()).startsWith("Counter caught up with the log");
		});
	}

	@Test
	void showsTheThreeBrokersUpTheirControllerAndEachPartitionsLeaderAndInSyncReplicasAsKafkaHasThem()
			throws Exception {
		// Compared with what Kafka itself says at the time, not with "all in sync": after
		// a broker's restart a follower may stay out of sync for minutes (kafka.log: "has
		// an older epoch ... Will await the new LeaderAndIsr state"), and the board then
		// rightly shows its partition under-replicated. The tests that restart brokers
		// run after this class (junit-platform.properties).
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bakery.bootstrapServers()))) {
			eventually().untilAsserted(() -> {
				// One look at the page, in one round trip: element by element, a loaded
				// machine took longer than the board takes to draw the panel anew.
				BrokersPanel panel = brokersPanel();
				assertThat(panel.brokers()).as("three brokers").hasSize(3).allSatisfy((broker) -> {
					assertThat(broker.get("up")).isEqualTo("true");
					assertThat(broker.get("controller")).as("no broker is the controller").isEqualTo("false");
					assertThat(broker.get("text")).contains("broker " + broker.get("broker"), "up");
				});
				assertThat(panel.controllers()).as("the KRaft controller of their own").isEqualTo(1);
				Map<Integer, TopicPartitionInfo> kafka = admin.describeTopics(List.of(Topics.ORDERS))
					.allTopicNames()
					.get(10, TimeUnit.SECONDS)
					.get(Topics.ORDERS)
					.partitions()
					.stream()
					.collect(Collectors.toMap(TopicPartitionInfo::partition, (partition) -> partition));
				assertThat(panel.partitions()).hasSize(12).allSatisfy((partition) -> {
					TopicPartitionInfo info = kafka.get(Integer.parseInt(partition.get("partition")));
					assertThat(partition.get("leader")).as("leader")
						.isEqualTo((info.leader() != null) ? String.valueOf(info.leader().id()) : "none");
					assertThat(Set.of(partition.get("isr").split(","))).as("in-sync replicas")
						.isEqualTo(info.isr()
							.stream()
							.map((node) -> String.valueOf(node.id()))
							.collect(Collectors.toSet()));
					assertThat(Boolean.parseBoolean(partition.get("under"))).as("marked under-replicated")
						.isEqualTo(info.isr().size() < info.replicas().size());
				});
				assertThat(panel.withoutLeader()).isEqualTo("0");
				assertThat(panel.waitingAtTill()).as("the till's outbox, read from its metric").isEqualTo("0");
			});
		}
	}

	/** What the brokers' panel shows, as the page has it at one moment. */
	private record BrokersPanel(List<Map<String, String>> brokers, long controllers,
			List<Map<String, String>> partitions, String withoutLeader, String waitingAtTill) {
	}

	@SuppressWarnings("unchecked")
	private static BrokersPanel brokersPanel() {
		Map<String, Object> panel = (Map<String, Object>) browser.executeScript("""
				const text = (id) => document.getElementById(id).textContent.trim();
				return {
				  brokers: [...document.querySelectorAll('#brokers .broker:not(.controller-only)')].map((b) => ({
				    up: String(b.dataset.up), controller: String(b.dataset.controller),
				    broker: String(b.dataset.broker), text: b.innerText })),
				  controllers: document.querySelectorAll('#brokers .broker.controller-only').length,
				  partitions: [...document.querySelectorAll(
				      ".topic-replicas[data-topic='bakery.orders'] .replica-partition")].map((p) => ({
				    partition: String(p.dataset.partition), leader: String(p.dataset.leader),
				    isr: String(p.dataset.isr), under: String(p.classList.contains('under')) })),
				  withoutLeader: text('without-leader'),
				  waitingAtTill: text('waiting-at-till')
				};
				""");
		return new BrokersPanel((List<Map<String, String>>) panel.get("brokers"),
				((Number) panel.get("controllers")).longValue(), (List<Map<String, String>>) panel.get("partitions"),
				(String) panel.get("withoutLeader"), (String) panel.get("waitingAtTill"));
	}

	@Test
	void showsAPlacedOrderOnTheShelfAndThePiecesBakedPerMinuteFromKafkaStreams() {
		String orderId = placeOrders(1).get(0);

		eventually().untilAsserted(() -> {
			WebElement shelf = browser.findElement(By.cssSelector(".shelf"));
			assertThat(browser.findElement(By.id("shelf-problem")).isDisplayed()).as("the shelf's stores are ready")
				.isFalse();
			assertThat(shelf.getText()).contains("The shelf (Kafka Streams)", "bakery.order-status", "KTable",
					"tumbling one-minute windows");
			WebElement shelved = shelf.findElement(By.cssSelector("#shelf-orders li[data-order-id='" + orderId + "']"));
			assertThat(shelved.getText()).contains(orderId.substring(0, 8));
			assertThat(shelf.findElements(By.cssSelector("#shelf-counts li")))
				.extracting((count) -> count.getDomAttribute("data-status"))
				.containsExactly("PLACED", "IN_OVEN", "BAKED", "PACKING", "READY_FOR_PICKUP");
			assertThat(shelf
				.findElement(By
					.cssSelector("#shelf-counts li[data-status='" + shelved.getDomAttribute("data-status") + "']"))
				.getDomAttribute("data-orders")).as("the order's status is counted").isNotEqualTo("0");
			assertThat(shelf.findElements(By.cssSelector("#baked td")))
				.as("pieces baked in one of the last ten minutes")
				.anySatisfy((cell) -> assertThat(Long.parseLong(cell.getDomAttribute("data-pieces"))).isPositive());
		});
	}

	@Test
	void fitsAProjectorsScreenWithTheConsumerGroupsInSightHoweverManyOrdersWait() {
		// The window's size includes the browser's own frame; the page gets what the
		// emulated screen has, exactly.
		browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", PROJECTOR_WIDTH, "height", PROJECTOR_HEIGHT, "deviceScaleFactor", 1, "mobile", false));
		assertThat(number("return window.innerWidth")).isEqualTo(PROJECTOR_WIDTH);
		assertThat(number("return window.innerHeight")).isEqualTo(PROJECTOR_HEIGHT);

		List<String> placed = placeOrders(40);
		Deque<String> waiting = new ArrayDeque<>(placed);
		await("every order ready for pickup").atMost(PATIENCE).until(() -> client.takeReadyForPickup(waiting));

		eventually().untilAsserted(() -> {
			assertThat(count("counter")).isGreaterThanOrEqualTo(placed.size());
			assertThat(browser.findElements(By.cssSelector(".column[data-column='counter'] .card")))
				.hasSizeGreaterThanOrEqualTo(20);
			assertThat(browser.findElements(By.cssSelector(".group .total"))).hasSize(3);
		});
		int page = number("return document.documentElement.scrollHeight");
		log.info("At a viewport of {}x{} the page is {} px high", PROJECTOR_WIDTH, PROJECTOR_HEIGHT, page);
		assertThat(page).as("the page's height: it must not scroll").isLessThanOrEqualTo(PROJECTOR_HEIGHT);
		assertThat(number("return document.documentElement.scrollWidth")).as("the page's width")
			.isLessThanOrEqualTo(PROJECTOR_WIDTH);
		assertThat(scrollingColumns()).as("columns whose cards scroll inside them").contains("counter");
		assertOnScreen(".lag", "the consumer groups' panel");
		assertOnScreen(".cluster", "the brokers' panel");
		assertOnScreen(".shelf", "the shelf's panel");
		assertOnScreen("#curves", "the curves of the last minutes");
		assertOnScreen("#departments", "the departments' readiness");
		assertOnScreen("#place", "the till's button");
		for (String group : List.of("bakery", "packaging", "sales")) {
			assertOnScreen("#curves-legend [data-group='" + group + "'] .total", "the lag of group " + group);
		}
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

	private static ChromeDriver chromium() {
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

	private static int number(String script) {
		return ((Number) browser.executeScript(script)).intValue();
	}

	/** The columns whose cards overflow their box, which then scrolls. */
	@SuppressWarnings("unchecked")
	private static List<String> scrollingColumns() {
		return (List<String>) browser.executeScript("""
				return [...document.querySelectorAll('.column')]
					.filter((column) => {
						const cards = column.querySelector('.cards');
						return cards.scrollHeight > cards.clientHeight && getComputedStyle(cards).overflowY === 'auto';
					})
					.map((column) => column.dataset.column);""");
	}

	/** Where an element is in the window: left, top, right and bottom, in CSS pixels. */
	@SuppressWarnings("unchecked")
	private static List<Double> box(String selector) {
		return ((List<Number>) browser.executeScript("""
				const box = document.querySelector(arguments[0]).getBoundingClientRect();
				return [box.left, box.top, box.right, box.bottom];""", selector)).stream()
			.map(Number::doubleValue)
			.toList();
	}

	private static void assertOnScreen(String selector, String what) {
		List<Double> box = box(selector);
		assertThat(isInside(box, List.of(0.0, 0.0, (double) PROJECTOR_WIDTH, (double) PROJECTOR_HEIGHT)))
			.as("%s at %s inside the %dx%d screen", what, box, PROJECTOR_WIDTH, PROJECTOR_HEIGHT)
			.isTrue();
	}

	private static boolean isInside(List<Double> inner, List<Double> outer) {
		return inner.get(0) >= outer.get(0) && inner.get(1) >= outer.get(1) && inner.get(2) <= outer.get(2)
				&& inner.get(3) <= outer.get(3);
	}

	private static long groupLag(String group) {
		return Long.parseLong(browser.findElement(By.cssSelector(".group[data-group='" + group + "'] .total"))
			.getDomAttribute("data-lag"));
	}

}
