package io.trigger4j.test.junit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.trigger4j.client.TriggerClient;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.TriggerRetrySettings;
import io.trigger4j.emulator.EmulatedTask;
import io.trigger4j.emulator.ManualClock;
import io.trigger4j.emulator.TriggerEmulator;
import io.trigger4j.test.TriggerEmulatorInspector;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs each test class against its own in-memory Trigger.dev emulator, for tests of code
 * that uses the client without Spring. The emulator starts before the class's first test
 * on a {@link ManualClock} and stops after its last (nested classes share it); after each
 * test it is reset ({@link TriggerEmulatorInspector#reset()}). Test constructors,
 * lifecycle and test methods may declare parameters of type {@link TriggerEmulator},
 * {@link ManualClock} and {@link TriggerOperations} (a client pointed at the emulator,
 * with fast retries, closed with the class).
 * <p>
 * Register it with {@code @ExtendWith(TriggerEmulatorExtension.class)} (no task
 * declared), or in a static field to declare tasks:
 * {@code @RegisterExtension static TriggerEmulatorExtension trigger =
 * TriggerEmulatorExtension.withTasks(EmulatedTask.of("send-email", (run) -> Map.of("sent",
 * true)));} then {@code void sendsTheEmail(TriggerOperations client, TriggerEmulator
 * emulator)} uses the client and asserts with
 * {@code TriggerAssertions.assertThat(emulator).triggered("send-email").hasSize(1)}.
 */
public class TriggerEmulatorExtension implements BeforeAllCallback, AfterEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(TriggerEmulatorExtension.class);

	private final List<EmulatedTask> tasks;

	private final List<Consumer<TriggerEmulator.Builder>> customizers;

	private volatile @Nullable Started started;

	/** An extension whose emulator knows no task (triggers wait for a deploy). */
	public TriggerEmulatorExtension() {
		this(List.of(), List.of());
	}

	private TriggerEmulatorExtension(List<EmulatedTask> tasks, List<Consumer<TriggerEmulator.Builder>> customizers) {
		this.tasks = List.copyOf(tasks);
		this.customizers = List.copyOf(customizers);
	}

	/**
	 * An extension whose emulator declares these tasks.
	 * @param tasks the tasks
	 * @return the extension
	 */
	public static TriggerEmulatorExtension withTasks(EmulatedTask... tasks) {
		Objects.requireNonNull(tasks, "tasks must not be null");
		return new TriggerEmulatorExtension(List.of(tasks), List.of());
	}

	/**
	 * A copy that also customizes the emulator's builder (after its clock and tasks were
	 * set), for example to fix its key or limit its rate.
	 * @param customizer the customizer
	 * @return the new extension
	 */
	public TriggerEmulatorExtension customize(Consumer<TriggerEmulator.Builder> customizer) {
		Objects.requireNonNull(customizer, "customizer must not be null");
		List<Consumer<TriggerEmulator.Builder>> customizers = new ArrayList<>(this.customizers);
		customizers.add(customizer);
		return new TriggerEmulatorExtension(this.tasks, customizers);
	}

	/**
	 * The emulator of the running test class, for an extension registered in a static
	 * field.
	 * @return the emulator
	 * @throws IllegalStateException if no test class of this extension is running
	 */
	public TriggerEmulator emulator() {
		return current().emulator();
	}

	/**
	 * The client of the running test class, for an extension registered in a static
	 * field.
	 * @return the client
	 * @throws IllegalStateException if no test class of this extension is running
	 */
	public TriggerOperations client() {
		return current().client();
	}

	private Started current() {
		Started current = this.started;
		if (current == null) {
			throw new IllegalStateException("the emulator is started before the test class's first test");
		}
		return current;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		started(context);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		TriggerEmulatorInspector.of(started(context).emulator()).reset();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return type == TriggerEmulator.class || type == ManualClock.class || type == TriggerOperations.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Started started = started(extensionContext);
		Class<?> type = parameterContext.getParameter().getType();
		if (type == TriggerEmulator.class) {
			return started.emulator();
		}
		if (type == ManualClock.class) {
			return started.clock();
		}
		return started.client();
	}

	private Started started(ExtensionContext context) {
		ExtensionContext classContext = context;
		while (classContext.getParent().isPresent() && (classContext.getTestMethod().isPresent()
				|| classContext.getParent().get().getTestClass().isPresent())) {
			classContext = classContext.getParent().get();
		}
		Started started = classContext.getStore(NAMESPACE)
			.computeIfAbsent(Started.class, (key) -> start(), Started.class);
		this.started = started;
		return started;
	}

	private Started start() {
		ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		TriggerEmulator.Builder builder = TriggerEmulator.builder().clock(clock);
		this.tasks.forEach(builder::task);
		this.customizers.forEach((customizer) -> customizer.accept(builder));
		TriggerEmulator emulator = builder.start();
		try {
			TriggerOperations client = TriggerClient.builder()
				.baseUrl(emulator.baseUrl())
				.secretKey(emulator.secretKey())
				.retry(new TriggerRetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(100), 2.0, 0.0,
						Duration.ofSeconds(1)))
				.build();
			return new Started(emulator, clock, client);
		}
		catch (RuntimeException ex) {
			emulator.stop();
			throw ex;
		}
	}

	/** One test class's emulator and client, closed by JUnit after the class. */
	private record Started(TriggerEmulator emulator, ManualClock clock,
			TriggerOperations client) implements AutoCloseable {

		@Override
		public void close() {
			try {
				this.client.close();
			}
			finally {
				this.emulator.stop();
			}
		}

	}

}
