// The live page: runs from GET /runs/live (Server-Sent Events), trigger, cancel and
// replay through the sample's endpoints, and a latency chart from GET /client-latency.
'use strict';

const rows = document.querySelector('#runs tbody');
const message = document.getElementById('message');
const problem = document.getElementById('problem');
const connection = document.getElementById('connection');
// new run id -> the run it replays, until its row appears
const replays = new Map();

function say(text) {
	message.textContent = text;
}

async function post(path, body) {
	const response = await fetch(path, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body || {})
	});
	const answer = await response.json().catch(() => ({}));
	if (!response.ok) {
		throw new Error(answer.error || ('HTTP ' + response.status));
	}
	return answer;
}

function cell(className, text) {
	const td = document.createElement('td');
	td.className = className;
	td.textContent = text;
	return td;
}

function button(action, label, runId) {
	const b = document.createElement('button');
	b.type = 'button';
	b.dataset.action = action;
	b.textContent = label;
	b.addEventListener('click', () => act(action, runId));
	return b;
}

function newRow(run) {
	const tr = document.createElement('tr');
	tr.dataset.runId = run.id;
	tr.dataset.task = run.task;
	const id = cell('id', run.id);
	if (replays.has(run.id)) {
		tr.dataset.replayOf = replays.get(run.id);
		const note = document.createElement('div');
		note.className = 'replay-of';
		note.textContent = 'replay of ' + replays.get(run.id);
		id.appendChild(note);
		replays.delete(run.id);
	}
	const actions = document.createElement('td');
	actions.className = 'actions';
	actions.append(button('cancel', 'Cancel', run.id), button('replay', 'Replay', run.id));
	tr.append(id, cell('task', run.task), cell('status', ''), cell('output', ''), actions);
	rows.prepend(tr);
	return tr;
}

function show(run) {
	const tr = rows.querySelector('tr[data-run-id="' + CSS.escape(run.id) + '"]') || newRow(run);
	tr.dataset.status = run.status;
	tr.dataset.finished = String(run.finished);
	tr.querySelector('.status').textContent = run.status;
	tr.querySelector('.output').textContent = run.output || (run.error ? 'Error: ' + run.error : '');
	tr.querySelector('[data-action="cancel"]').disabled = run.finished;
}

async function act(action, runId) {
	try {
		const answer = await post('runs/' + encodeURIComponent(runId) + '/' + action);
		if (action === 'replay') {
			replays.set(answer.id, runId);
			say('Replayed ' + runId + ' as ' + answer.id);
		}
		else {
			say('Cancel requested for ' + runId);
		}
	}
	catch (error) {
		say(action + ' ' + runId + ' failed: ' + error.message);
	}
}

document.querySelectorAll('button[data-trigger]').forEach((b) => {
	b.addEventListener('click', async () => {
		const task = b.dataset.trigger;
		try {
			const answer = await post('tasks/' + encodeURIComponent(task) + '/trigger', {});
			say('Triggered ' + task + ': ' + answer.id);
		}
		catch (error) {
			say('Triggering ' + task + ' failed: ' + error.message);
		}
	});
});

const events = new EventSource('runs/live');
events.addEventListener('open', () => {
	connection.dataset.state = 'open';
	connection.textContent = 'live';
});
events.addEventListener('error', () => {
	// the browser reconnects by itself
	connection.dataset.state = 'reconnecting';
	connection.textContent = 'reconnecting';
});
events.addEventListener('run', (event) => {
	problem.hidden = true;
	show(JSON.parse(event.data));
});
events.addEventListener('problem', (event) => {
	problem.hidden = false;
	problem.textContent = new Date().toLocaleTimeString() + ' ' + event.data;
});

// the latency chart: one bar per operation (its mean), a tick at its max
const SVG = 'http://www.w3.org/2000/svg';
const chart = document.getElementById('latency-chart');

function svg(name, attributes, text) {
	const element = document.createElementNS(SVG, name);
	Object.entries(attributes).forEach(([key, value]) => element.setAttribute(key, value));
	if (text !== undefined) {
		element.textContent = text;
	}
	return element;
}

function draw(latencies) {
	const rowHeight = 22;
	const labelWidth = 150;
	const barWidth = 300;
	const scale = Math.max(1, ...latencies.map((l) => l.maxMs));
	chart.replaceChildren();
	chart.setAttribute('height', Math.max(40, latencies.length * rowHeight + 10));
	chart.dataset.operations = String(latencies.length);
	latencies.forEach((l, i) => {
		const y = 5 + i * rowHeight;
		const group = svg('g', { 'data-operation': l.operation, 'data-count': l.count });
		group.append(svg('text', { x: 0, y: y + 14 }, l.operation),
				svg('rect', { class: 'bar', x: labelWidth, y: y + 3, height: rowHeight - 8,
					width: Math.max(1, barWidth * l.meanMs / scale) }),
				svg('line', { class: 'max', x1: labelWidth + barWidth * l.maxMs / scale, y1: y + 1,
					x2: labelWidth + barWidth * l.maxMs / scale, y2: y + rowHeight - 3 }),
				svg('text', { x: labelWidth + barWidth + 10, y: y + 14 },
					l.count + '× mean ' + l.meanMs.toFixed(1) + ' ms, max ' + l.maxMs.toFixed(1) + ' ms'));
		chart.append(group);
	});
	if (latencies.length === 0) {
		chart.append(svg('text', { x: 0, y: 24 }, 'No calls yet'));
	}
}

async function refreshChart() {
	try {
		const response = await fetch('client-latency');
		if (response.ok) {
			draw(await response.json());
		}
	}
	catch (error) {
		// the next refresh tries again
	}
}

refreshChart();
setInterval(refreshChart, 3000);
