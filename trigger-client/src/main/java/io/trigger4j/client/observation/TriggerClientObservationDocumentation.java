package io.trigger4j.client.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/** Documents the observation trigger4j records for each API call, and its key names. */
public enum TriggerClientObservationDocumentation implements ObservationDocumentation {

	/** One API call, retries included: a timer named {@code trigger.client.requests}. */
	REQUEST {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultTriggerRequestObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}
	};

	/**
	 * The low-cardinality keys; each is always present, {@code none} when it does not
	 * apply.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** The operation, such as {@code runs.retrieve} or {@code tasks.trigger}. */
		OPERATION {
			@Override
			public String asString() {
				return "operation";
			}
		},

		/** The HTTP method. */
		METHOD {
			@Override
			public String asString() {
				return "method";
			}
		},

		/** The HTTP status of the last response, or {@code none}. */
		STATUS {
			@Override
			public String asString() {
				return "status";
			}
		},

		/**
		 * The outcome from the status series: SUCCESS, CLIENT_ERROR, SERVER_ERROR or
		 * UNKNOWN.
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The simple class name of the exception signalled, or {@code none}. */
		EXCEPTION {
			@Override
			public String asString() {
				return "exception";
			}
		}

	}

}
