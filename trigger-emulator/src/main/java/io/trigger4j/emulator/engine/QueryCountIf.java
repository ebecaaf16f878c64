package io.trigger4j.emulator.engine;

import java.sql.Types;

import org.h2.api.AggregateFunction;

/**
 * ClickHouse's {@code countIf(condition)} (and {@code countIf(value, condition)}, which
 * counts the non-null values where the condition holds) as an H2 user-defined aggregate;
 * {@link RunQueries} declares it in each query's database. Public only because H2
 * instantiates it by name.
 */
public final class QueryCountIf implements AggregateFunction {

	private long count;

	/** A fresh count; H2 makes one per group of each query. */
	public QueryCountIf() {
	}

	@Override
	public int getType(int[] inputTypes) {
		return Types.BIGINT;
	}

	@Override
	public void add(Object value) {
		if (value instanceof Object[] values) {
			if (values.length == 2 && values[0] != null && holds(values[1])) {
				this.count++;
			}
		}
		else if (holds(value)) {
			this.count++;
		}
	}

	@Override
	public Object getResult() {
		return this.count;
	}

	/** True, or a non-zero number, as ClickHouse reads a condition. */
	private static boolean holds(Object condition) {
		if (condition instanceof Boolean bool) {
			return bool;
		}
		if (condition instanceof Number number) {
			return number.doubleValue() != 0;
		}
		return false;
	}

}
