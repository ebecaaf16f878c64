package io.trigger4j.client;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.bean.PropertyValueBuffer;
import tools.jackson.databind.introspect.AnnotatedConstructor;

/**
 * Makes trigger4j's wire records through their constructors with core reflection. Jackson
 * 3.1 calls a creator with {@code MethodHandle.invokeWithArguments}, which builds a
 * spreading handle on every call: a quarter of the time of decoding a page of runs. Core
 * reflection keeps its accessor. Anything unusual (a constructor that throws, arguments
 * that do not fit) is handed back to Jackson's own instantiator, which repeats the call
 * and reports the failure its way (a record's constructor only checks and copies its
 * arguments, so calling it twice changes nothing).
 */
final class WireRecordCreators implements ValueInstantiators {

	@Override
	public ValueInstantiator findValueInstantiator(DeserializationConfig config, BeanDescription.Supplier beanDescRef) {
		return null;
	}

	@Override
	public ValueInstantiator modifyValueInstantiator(DeserializationConfig config, BeanDescription.Supplier beanDescRef,
			ValueInstantiator instantiator) {
		if (instantiator.canCreateFromObjectWith()
				&& instantiator.getWithArgsCreator() instanceof AnnotatedConstructor creator
				&& creator.getDeclaringClass().isRecord()
				&& creator.getDeclaringClass().getName().startsWith("io.trigger4j.client.")) {
			Constructor<?> constructor = creator.getAnnotated();
			try {
				constructor.setAccessible(true);
			}
			catch (RuntimeException ex) {
				return instantiator;
			}
			return new Direct(instantiator, constructor);
		}
		return instantiator;
	}

	/** Jackson's instantiator, with the creator called directly. */
	private static final class Direct extends ValueInstantiator.Delegating {

		private final Constructor<?> constructor;

		Direct(ValueInstantiator delegate, Constructor<?> constructor) {
			super(delegate);
			this.constructor = constructor;
		}

		@Override
		public ValueInstantiator createContextual(DeserializationContext ctxt, BeanDescription.Supplier beanDescRef) {
			ValueInstantiator contextual = delegate().createContextual(ctxt, beanDescRef);
			return (contextual == delegate()) ? this : new Direct(contextual, this.constructor);
		}

		@Override
		public Object createFromObjectWith(DeserializationContext ctxt, SettableBeanProperty[] props,
				PropertyValueBuffer buffer) throws JacksonException {
			return createFromObjectWith(ctxt, buffer.getParameters(ctxt, props));
		}

		@Override
		public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) throws JacksonException {
			try {
				return this.constructor.newInstance(args);
			}
			catch (InvocationTargetException ex) {
				if (ex.getCause() instanceof Error error) {
					throw error;
				}
				return delegate().createFromObjectWith(ctxt, args);
			}
			catch (ReflectiveOperationException | IllegalArgumentException ex) {
				return delegate().createFromObjectWith(ctxt, args);
			}
		}

	}

}
