package io.trigger4j.test;

import io.trigger4j.emulator.TriggerEmulator;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Resets the context's {@link TriggerEmulator}s after each test method
 * ({@link TriggerEmulatorInspector#reset()}), so that the next test, sharing the cached
 * context, sees none of its runs, schedules, idempotency keys or faults. Registered in
 * {@code META-INF/spring.factories}; does nothing for a context without an emulator.
 */
public class TriggerEmulatorResetTestExecutionListener extends AbstractTestExecutionListener {

	/** Creates the listener; Spring's test framework does. */
	public TriggerEmulatorResetTestExecutionListener() {
	}

	@Override
	public int getOrder() {
		// After the transaction and Mockito listeners' cleanup (which run at lower
		// orders).
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		for (String name : context.getBeanNamesForType(TriggerEmulator.class, false, false)) {
			TriggerEmulatorInspector.of(context.getBean(name, TriggerEmulator.class)).reset();
		}
	}

}
