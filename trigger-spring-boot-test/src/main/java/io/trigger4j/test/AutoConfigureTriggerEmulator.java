package io.trigger4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;

/**
 * Runs the test's application context against an in-memory Trigger.dev emulator, as
 * {@code @AutoConfigureMockMvc} runs it against a mock servlet environment: the emulator
 * starts with the context (once per cached context) and stops with it; the starter's
 * {@code TriggerOperations} calls it through {@code TriggerConnectionDetails}, with no
 * {@code trigger.*} property and no real key; the client retries fast; the
 * {@code TriggerEmulator} and its {@code ManualClock} are beans; every
 * {@code EmulatedTask} bean is declared to the emulator, and every
 * {@link TriggerEmulatorBuilderCustomizer} bean customizes it; after each test the
 * emulator is reset ({@link TriggerEmulatorInspector#reset()}), so that a test sees only
 * its own runs. Assert on what was triggered with {@link TriggerAssertions}. With
 * {@code trigger.enabled=false} neither the client nor the emulator is configured.
 *
 * @see TriggerEmulatorTestAutoConfiguration
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@PropertyMapping("trigger.test.emulator")
public @interface AutoConfigureTriggerEmulator {

	/**
	 * Whether the client retries fast: failed calls are retried after 10 ms, growing to
	 * 100 ms, without jitter, as many times as {@code trigger.retry.max-attempts} says;
	 * rate-limit waits are bounded by 1 s. {@code false} keeps {@code trigger.retry.*}.
	 * @return whether the client retries fast
	 */
	boolean fastRetries() default true;

}
