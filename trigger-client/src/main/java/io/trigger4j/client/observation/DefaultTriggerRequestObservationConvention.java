package io.trigger4j.client.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.trigger4j.client.observation.TriggerClientObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default convention: a timer named {@code trigger.client.requests} tagged with
 * operation, method, status, outcome and exception. Override one {@code protected} method
 * to change one tag.
 */
public class DefaultTriggerRequestObservationConvention implements TriggerRequestObservationConvention {

	/** The default observation (and timer) name. */
	public static final String NAME = "trigger.client.requests";

	/** A shared instance. */
	public static final DefaultTriggerRequestObservationConvention INSTANCE = new DefaultTriggerRequestObservationConvention();

	private static final String NONE = "none";

	/** A convention with the default tags; subclasses override one method per tag. */
	public DefaultTriggerRequestObservationConvention() {
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(TriggerRequestObservationContext context) {
		return "trigger " + context.getOperation();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TriggerRequestObservationContext context) {
		return KeyValues.of(operation(context), method(context), status(context), outcome(context), exception(context));
	}

	/**
	 * {@return the {@code operation} tag}
	 * @param context the request's context
	 */
	protected KeyValue operation(TriggerRequestObservationContext context) {
		return KeyValue.of(LowCardinalityKeyNames.OPERATION, context.getOperation());
	}

	/**
	 * {@return the {@code method} tag}
	 * @param context the request's context
	 */
	protected KeyValue method(TriggerRequestObservationContext context) {
		return KeyValue.of(LowCardinalityKeyNames.METHOD, context.getMethod());
	}

	/**
	 * {@return the {@code status} tag}
	 * @param context the request's context
	 */
	protected KeyValue status(TriggerRequestObservationContext context) {
		int status = context.getStatusCode();
		return KeyValue.of(LowCardinalityKeyNames.STATUS, (status > 0) ? Integer.toString(status) : NONE);
	}

	/**
	 * {@return the {@code outcome} tag}
	 * @param context the request's context
	 */
	protected KeyValue outcome(TriggerRequestObservationContext context) {
		int status = context.getStatusCode();
		String outcome;
		if (status >= 200 && status < 300) {
			outcome = "SUCCESS";
		}
		else if (status >= 400 && status < 500) {
			outcome = "CLIENT_ERROR";
		}
		else if (status >= 500 && status < 600) {
			outcome = "SERVER_ERROR";
		}
		else {
			outcome = "UNKNOWN";
		}
		return KeyValue.of(LowCardinalityKeyNames.OUTCOME, outcome);
	}

	/**
	 * {@return the {@code exception} tag}
	 * @param context the request's context
	 */
	protected KeyValue exception(TriggerRequestObservationContext context) {
		Throwable error = context.getError();
		return KeyValue.of(LowCardinalityKeyNames.EXCEPTION, (error != null) ? error.getClass().getSimpleName() : NONE);
	}

}
