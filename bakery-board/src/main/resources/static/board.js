// The live bakery board. Plain JavaScript, no build step: it loads a snapshot from /board/snapshot and the last
// minutes of the consumer groups from /board/figures, then follows /board/events (server-sent events): "order"
// whenever the counter records a step, "lag", "figures", "cluster", "shelf", "menu" and "departments" every few
// seconds. The board is an application of its own: while a department (the counter included) restarts, the page
// stays live and says which one is away.
'use strict';

/** Each status, in the order of the flow, with the column the order stands in and what the board calls it. */
const STATUSES = {
	PLACED: { column: 'till', label: 'placed, waiting for the bake house' },
	IN_OVEN: { column: 'bakehouse', label: 'in the oven' },
	BAKED: { column: 'bakehouse', label: 'baked, waiting for packaging' },
	PACKING: { column: 'packaging', label: 'being packed' },
	READY_FOR_PICKUP: { column: 'counter', label: 'ready for pickup' },
	HANDED_OVER: { column: 'handed-over', label: 'handed over' },
};
const STAGE = Object.keys(STATUSES);

/** What the shelf's KTable can hold: a handed-over order is removed by its tombstone. */
const ON_THE_SHELF = STAGE.filter((status) => status !== 'HANDED_OVER');

/** The consumer group whose member did a department's step; the till only produces. */
const GROUP_OF_DEPARTMENT = { till: null, bakehouse: 'bakery', packaging: 'packaging', counter: 'sales' };

const CARDS_PER_COLUMN = 20;
/** How soon the page opens a new stream when the browser has given up on one (it retries by itself otherwise). */
const REOPEN_AFTER_MS = 3000;
const ORDERS_KEPT = 400;
/** Where the reader's browser opens a trace (Zipkin, on the site's port), from the board's snapshot. */
let tracesUrl = null;
const MEMBER_COLOURS = ['#f6d8a8', '#c9e4c5', '#c7d7f2', '#f2c7d6', '#e2d4f5', '#d4eef2'];
/** Each group's colour in the curves, in the order of the flow. */
const GROUP_COLOURS = { bakery: '#c0651b', packaging: '#2e7d32', sales: '#3b5bab' };
/** How much time the curves show, and over how long a stretch a rate is averaged. */
const CURVES_MS = 10 * 60 * 1000;
const RATE_OVER_MS = 10 * 1000;

const orders = new Map();
const openDetails = new Set();
/** The groups whose list of rebalances is open: the panel is drawn anew with every report. */
const openHistories = new Set();
/** The status each card had when last drawn: only a card that moved since lights up. */
const drawn = new Map();
let counts = {};
/** What the till sells, from the snapshot: the rows of the pieces baked per minute. */
let menu = [];
/** The board's looks at the consumer groups, oldest first: what the curves are drawn from. */
let looks = [];

// --- small helpers ----------------------------------------------------------------------------------------------

function el(tag, attributes = {}, ...children) {
	const element = document.createElement(tag);
	for (const [name, value] of Object.entries(attributes)) {
		if (value === undefined || value === null || value === false) {
			continue;
		}
		if (name === 'className') {
			element.className = value;
		}
		else if (name.startsWith('on')) {
			element.addEventListener(name.substring(2), value);
		}
		else {
			element.setAttribute(name, value === true ? '' : value);
		}
	}
	for (const child of children.flat()) {
		if (child !== undefined && child !== null && child !== false) {
			element.append(child instanceof Node ? child : document.createTextNode(String(child)));
		}
	}
	return element;
}

function shortId(orderId) {
	return orderId.substring(0, 8);
}

/** A moment as hours, minutes and seconds. */
function clock(instant) {
	return new Date(instant).toLocaleTimeString([], { hour12: false });
}

function number(value) {
	return value.toLocaleString('en-US');
}

function time(instant) {
	const at = new Date(instant);
	return at.toLocaleTimeString([], { hour12: false }) + '.' + String(at.getMilliseconds()).padStart(3, '0');
}

function newKey() {
	if (window.crypto && crypto.randomUUID) {
		return crypto.randomUUID();
	}
	return 'board-' + Date.now() + '-' + Math.random().toString(16).substring(2);
}

async function problemOf(response) {
	try {
		const problem = await response.json();
		return problem.detail || problem.title || response.statusText;
	}
	catch (ignored) {
		return response.status + ' ' + response.statusText;
	}
}

// --- orders -----------------------------------------------------------------------------------------------------

/** Keeps the newer of two views of an order: further along, or as far but with more steps known. */
function remember(order) {
	const known = orders.get(order.orderId);
	if (known) {
		const stage = STAGE.indexOf(order.status) - STAGE.indexOf(known.status);
		if (stage < 0 || (stage === 0 && order.timeline.length < known.timeline.length)) {
			return false;
		}
	}
	orders.set(order.orderId, order);
	if (orders.size > ORDERS_KEPT) {
		const oldest = [...orders.values()].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))[0];
		orders.delete(oldest.orderId);
		drawn.delete(oldest.orderId);
	}
	return true;
}

/** One step of the timeline with the Kafka facts behind it. */
function stepFacts(step) {
	const group = GROUP_OF_DEPARTMENT[step.department];
	const who = step.department === 'till'
		? 'the till, a producer'
		: (step.station || step.department) + (group ? ' · group ' + group : '');
	const record = step.topic
		? step.topic + ' · partition ' + step.partition + ' · offset ' + step.offset
		: 'no Kafka record';
	return { who, record };
}

/** The order's trace in Zipkin, from the till to the counter, if it was recorded (the hand-over has a trace of its own). */
function traceLink(order) {
	const traced = order.timeline.find((step) => step.traceId && step.status !== 'HANDED_OVER');
	return traced && tracesUrl
		? el('a', { className: 'trace', href: tracesUrl + traced.traceId, target: '_blank', rel: 'noopener' },
			'its trace: where the time went (Zipkin)')
		: null;
}

function card(order) {
	const latest = order.timeline[order.timeline.length - 1];
	const facts = latest ? stepFacts(latest) : null;
	const partition = order.timeline.find((step) => step.partition !== null && step.partition !== undefined);
	const details = el('details', {
		open: openDetails.has(order.orderId),
		ontoggle: (event) => event.target.open ? openDetails.add(order.orderId) : openDetails.delete(order.orderId),
	},
	el('summary', {}, 'Kafka facts, step by step'),
	el('ol', { className: 'steps' }, order.timeline.map((step) => {
		const stepped = stepFacts(step);
		return el('li', { 'data-step': step.status },
			step.status + ' at ' + time(step.at),
			el('span', {}, stepped.record),
			el('span', {}, 'by ' + stepped.who));
	})),
	traceLink(order));
	const moved = drawn.get(order.orderId) !== order.status;
	drawn.set(order.orderId, order.status);
	return el('article', {
		className: moved ? 'card moved' : 'card',
		'data-order-id': order.orderId,
		'data-status': order.status,
	},
		el('header', {},
			el('strong', { className: 'customer' }, order.customer || '(customer not known yet)'),
			el('code', { title: order.orderId }, shortId(order.orderId))),
		el('p', { className: 'status' }, STATUSES[order.status].label),
		partition
			? el('p', { className: 'fact' }, 'key ' + shortId(order.orderId) + '… → partition ' + partition.partition)
			: null,
		facts ? el('p', { className: 'fact latest' }, facts.record) : null,
		facts ? el('p', { className: 'fact' }, 'by ' + facts.who) : null,
		order.status === 'READY_FOR_PICKUP'
			? el('button', { className: 'hand-over', type: 'button', onclick: () => handOver(order.orderId) }, 'Hand over')
			: null,
		details);
}

function renderOrders() {
	const byColumn = {};
	for (const order of orders.values()) {
		const column = STATUSES[order.status].column;
		(byColumn[column] = byColumn[column] || []).push(order);
	}
	for (const column of document.querySelectorAll('.column')) {
		const name = column.dataset.column;
		const shown = (byColumn[name] || []).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
		const cards = column.querySelector('.cards');
		cards.replaceChildren(...shown.slice(0, CARDS_PER_COLUMN).map(card));
		if (shown.length > CARDS_PER_COLUMN) {
			cards.append(el('p', { className: 'more' }, '… and ' + (shown.length - CARDS_PER_COLUMN) + ' more'));
		}
	}
	renderCounts();
}

function renderCounts() {
	const perColumn = {};
	for (const [status, count] of Object.entries(counts)) {
		const column = STATUSES[status].column;
		perColumn[column] = (perColumn[column] || 0) + count;
	}
	for (const badge of document.querySelectorAll('[data-count]')) {
		badge.textContent = perColumn[badge.dataset.count] || 0;
	}
}

// --- consumer groups --------------------------------------------------------------------------------------------

/** The start of a member's unique id: two instances of a department may connect with one client id. */
function memberTag(member) {
	const prefix = member.clientId + '-';
	const unique = member.id.startsWith(prefix) ? member.id.substring(prefix.length) : member.id;
	return '#' + unique.substring(0, 4);
}

/** A member's client id, the tag that tells it from its twins, and the host it connected from. */
function memberName(member) {
	return member.clientId + ' ' + memberTag(member) + ' ' + member.host;
}

/** A member's partitions, "p0, p3", per topic if its group reads several: "bakery.orders p0, p3 · …". */
function ownedPartitions(member, group) {
	const byTopic = new Map();
	for (const topicPartition of member.partitions) {
		const dash = topicPartition.lastIndexOf('-');
		const topic = topicPartition.substring(0, dash);
		byTopic.set(topic, [...(byTopic.get(topic) || []), 'p' + topicPartition.substring(dash + 1)]);
	}
	return [...byTopic]
		.map(([topic, partitions]) => (group.topics.length > 1 ? topic + ' ' : '') + partitions.join(', '))
		.join(' · ');
}

function partitionCell(partition, colours, members) {
	const owner = partition.owner ? members.get(partition.owner) : null;
	return el('div', {
		className: 'partition' + (owner ? '' : ' unowned'),
		'data-partition': partition.partition,
		'data-lag': partition.lag,
		'data-owner': partition.owner,
		style: owner ? 'background:' + colours.get(partition.owner) : null,
		title: 'partition ' + partition.partition + ': committed ' + (partition.committed ?? 'nothing yet')
			+ ', log end ' + partition.end + (owner ? ', read by ' + memberName(owner) : ', no member'),
	}, 'p' + partition.partition,
	el('b', {}, partition.lag),
	el('span', { className: 'owner' }, owner ? memberTag(owner) : 'none'));
}

/** A member that got no partition reads nothing: the group has more members than its topics have partitions. */
function memberItem(member, colour, group) {
	return el('li', {
		className: 'member' + (member.idle ? ' idle' : '') + (group.topics.length > 1 ? ' several-topics' : ''),
		'data-member': member.id,
		'data-idle': String(member.idle),
	},
	el('span', { className: 'swatch', style: member.idle ? null : 'background:' + colour }),
	el('span', { className: 'name', title: memberName(member) },
		el('span', {}, member.clientId + ' ' + memberTag(member)), el('span', { className: 'host' }, member.host)),
	member.idle
		? el('span', { className: 'idle-badge', title: 'more members than partitions: it waits as a stand-in' },
			'idle: no partition')
		: el('span', { className: 'owns' }, ownedPartitions(member, group)));
}

function groupState(group) {
	const idle = group.members.filter((member) => member.idle).length;
	return el('p', { className: 'state' },
		group.state.toLowerCase().replace(/_/g, ' ') + ' · ' + group.members.length
			+ (group.members.length === 1 ? ' member' : ' members'),
		idle ? el('span', { className: 'idle-count' }, ', ' + idle + ' idle') : null);
}

/** Partitions as runs per topic, "p0–p5, p8", each topic named if the group reads several. */
function partitionRanges(partitions, group) {
	const byTopic = new Map();
	for (const topicPartition of partitions) {
		const dash = topicPartition.lastIndexOf('-');
		const topic = topicPartition.substring(0, dash);
		byTopic.set(topic, [...(byTopic.get(topic) || []), Number(topicPartition.substring(dash + 1))]);
	}
	return [...byTopic].map(([topic, numbers]) => {
		const runs = [];
		for (const n of numbers.sort((a, b) => a - b)) {
			const run = runs[runs.length - 1];
			if (run && run[1] === n - 1) {
				run[1] = n;
			}
			else {
				runs.push([n, n]);
			}
		}
		return (group.topics.length > 1 ? topic + ' ' : '')
			+ runs.map(([from, to]) => from === to ? 'p' + from : 'p' + from + '–p' + to).join(', ');
	}).join(' · ') || 'no partition';
}

/** One member in a rebalance: joined, left, or stayed, with its partitions before and after. */
function rebalancedMember(member, before, after, group) {
	const change = !before ? 'joined' : !after ? 'left' : 'stayed';
	const owned = !before ? partitionRanges(after.partitions, group)
		: !after ? 'had ' + partitionRanges(before.partitions, group)
			: partitionRanges(before.partitions, group) + ' → ' + partitionRanges(after.partitions, group);
	return el('li', { 'data-change': change, 'data-member': member.id, title: memberName(member) },
		el('span', { className: 'change' }, change),
		el('span', { className: 'who' }, member.clientId + ' ' + memberTag(member)),
		el('span', { className: 'owned' }, owned));
}

function rebalanceItem(rebalance, group) {
	const before = new Map(rebalance.before.map((member) => [member.id, member]));
	const after = new Map(rebalance.after.map((member) => [member.id, member]));
	const everyone = [...rebalance.before, ...rebalance.after.filter((member) => !before.has(member.id))];
	return el('li', {
		className: 'rebalance',
		'data-before': rebalance.before.length,
		'data-after': rebalance.after.length,
		title: 'noticed at ' + clock(rebalance.at) + '; at ' + clock(rebalance.since)
			+ ' the members were still those before',
	},
	el('span', { className: 'when' }, clock(rebalance.at)),
	' ' + rebalance.before.length + ' → ' + rebalance.after.length
		+ (rebalance.after.length === 1 ? ' member' : ' members') + ' · ' + statusName(rebalance.state)
		+ (rebalance.epoch !== null && rebalance.epoch !== undefined ? ' · epoch ' + rebalance.epoch : ''),
	el('ul', {}, everyone.map((member) =>
		rebalancedMember(member, before.get(member.id), after.get(member.id), group))));
}

/** The last changes of the group's members: the latest in one line, the others a click away. */
function rebalances(group) {
	const changes = group.rebalances || [];
	if (!changes.length) {
		return el('p', { className: 'rebalances none', 'data-rebalances': 0 },
			'no rebalance seen yet');
	}
	const latest = changes[0];
	return el('details', {
		className: 'rebalances',
		'data-rebalances': changes.length,
		open: openHistories.has(group.group),
		ontoggle: (event) => event.target.open ? openHistories.add(group.group) : openHistories.delete(group.group),
	},
	el('summary', { title: 'the last ' + changes.length + ' changes of the group\'s members, latest first' },
		'last rebalance ' + clock(latest.at) + ': ' + latest.before.length + ' → ' + latest.after.length
			+ (latest.after.length === 1 ? ' member' : ' members')),
	el('ol', { className: 'history' }, changes.map((rebalance) => rebalanceItem(rebalance, group))));
}

/**
 * While the counter reads its topics to catch up (after a restart, or rebuilding its read model from the log in
 * the walkthrough's step 11), the orders on the board are behind: the note says how far it has got, and for a while after, that it has.
 */
function renderReplay(replay) {
	const note = document.getElementById('replay');
	note.hidden = !replay;
	if (!replay) {
		note.textContent = '';
		delete note.dataset.state;
		return;
	}
	const rebuild = replay.readThen === 0;
	note.style.setProperty('--share', replay.stored ? replay.read / replay.stored : 1);
	if (replay.caughtUpAt === null) {
		note.dataset.state = 'behind';
		note.textContent = (rebuild ? 'Counter rebuilding from the log: ' : 'Counter catching up with the log: ')
			+ number(replay.read) + ' of ' + number(replay.stored) + ' events read (lag ' + number(replay.lag) + ')';
	}
	else {
		note.dataset.state = 'caught-up';
		const between = ' between ' + clock(replay.since) + ' and ' + clock(replay.caughtUpAt);
		note.textContent = rebuild
			? 'Counter rebuilt from the log: all ' + number(replay.stored) + ' events read' + between
			: 'Counter caught up with the log: the ' + number(replay.lagThen) + ' events it was behind read' + between;
	}
}

function renderLag(report) {
	const problem = document.getElementById('lag-problem');
	problem.hidden = !report.problem;
	problem.textContent = report.problem || '';
	if (report.problem) {
		return;
	}
	renderReplay(report.replay);
	document.getElementById('groups').replaceChildren(...report.groups.map((group) => {
		const busy = group.members.filter((member) => !member.idle);
		const colours = new Map(busy.map((member, i) => [member.id, MEMBER_COLOURS[i % MEMBER_COLOURS.length]]));
		const members = new Map(group.members.map((member) => [member.id, member]));
		return el('section', { className: 'group', 'data-group': group.group },
			el('h3', {},
				el('span', {}, el('code', {}, group.group), ' · ' + group.department),
				el('span', {
					className: 'total',
					'data-lag': group.total,
					title: 'records written to its topics that the group has not read yet',
				}, 'lag ', el('b', {}, group.total))),
			el('div', { className: 'state-row' }, groupState(group), rebalances(group)),
			group.topics.map((topic) => el('div', { className: 'partitions', 'data-topic': topic },
				el('code', { className: 'topic', title: topic }, topic),
				group.partitions.filter((partition) => partition.topic === topic)
					.map((partition) => partitionCell(partition, colours, members)))),
			el('ul', { className: 'members' },
				group.members.map((member) => memberItem(member, colours.get(member.id), group))));
	}));
}

// --- the cluster ------------------------------------------------------------------------------------------------

function brokerCard(broker) {
	const state = !broker.up ? 'down'
		: broker.outOfSync ? 'catching up on ' + broker.outOfSync + (broker.outOfSync === 1 ? ' partition' : ' partitions')
			: 'up';
	return el('article', {
		className: 'broker' + (broker.up ? '' : ' down') + (broker.up && broker.outOfSync ? ' behind' : ''),
		'data-broker': broker.id,
		'data-up': String(broker.up),
		'data-controller': String(broker.controller),
		title: broker.up
			? 'broker ' + broker.id + ' at ' + broker.address + ': leads ' + broker.leads + ', out of sync on '
				+ broker.outOfSync
			: 'broker ' + broker.id + ' is down: it leads nothing, and its replicas are out of sync',
	},
	el('strong', {}, 'broker ' + broker.id),
	broker.controller ? el('span', { className: 'badge' }, 'controller') : null,
	el('span', { className: 'state' }, state),
	el('span', { className: 'detail' }, broker.up ? broker.address + ' · leads ' + broker.leads : 'leads 0'));
}

/** A controller that is no broker: cluster mode's dedicated controller. A combined node shows as its broker. */
function controllerCard(controller) {
	return el('article', {
		className: 'broker controller-only',
		'data-controller-node': controller.id,
		'data-active': String(controller.active),
	},
	el('strong', {}, 'controller ' + controller.id),
	controller.active ? el('span', { className: 'badge' }, 'active') : null,
	el('span', { className: 'detail' }, controller.address || ''));
}

function replicaCell(partition) {
	const isr = new Set(partition.isr);
	return el('div', {
		className: 'replica-partition' + (partition.underReplicated ? ' under' : '')
			+ (partition.leader === null ? ' leaderless' : ''),
		'data-partition': partition.partition,
		'data-leader': partition.leader ?? 'none',
		'data-replicas': partition.replicas.join(','),
		'data-isr': partition.isr.join(','),
		title: 'partition ' + partition.partition + ': leader ' + (partition.leader ?? 'none') + ', replicas '
			+ partition.replicas.join(', ') + ', in sync (ISR) ' + (partition.isr.join(', ') || 'none'),
	},
	el('span', { className: 'number' }, 'p' + partition.partition),
	el('b', {}, partition.leader ?? '–'),
	el('span', { className: 'isr' }, partition.replicas.map((replica) =>
		el('span', { className: isr.has(replica) ? 'in' : 'out' }, replica))));
}

function figure(id, value, title) {
	const shown = document.getElementById(id);
	shown.textContent = value ?? '?';
	shown.dataset.value = value ?? 'unknown';
	shown.title = value === null ? title : '';
}

// The Connect worker's connectors, each with its state and its tasks' (e.g. "till-outbox RUNNING (1/1)").
function renderConnect(connect) {
	const shown = document.getElementById('connect');
	if (!connect || !connect.worker) {
		shown.textContent = 'no worker';
		return;
	}
	shown.textContent = connect.connectors.length === 0 ? 'a worker, no connector' : connect.connectors
		.map((c) => `${c.name} ${c.state} (${c.tasks.filter((t) => t === 'RUNNING').length}/${c.tasks.length})`)
		.join(', ');
	shown.dataset.state = connect.connectors.every((c) => c.state === 'RUNNING'
		&& c.tasks.every((t) => t === 'RUNNING')) ? 'running' : 'trouble';
}

function renderCluster(view) {
	const problem = document.getElementById('cluster-problem');
	problem.hidden = !view.problem;
	problem.textContent = view.problem || '';
	figure('waiting-at-till', view.waitingAtTill, 'the till does not answer');
	renderConnect(view.connect);
	if (view.problem) {
		// What the brokers said last may no longer be true.
		figure('under-replicated', null, 'Kafka does not answer');
		figure('without-leader', null, 'Kafka does not answer');
		document.getElementById('brokers').replaceChildren();
		document.getElementById('replicas').replaceChildren();
		return;
	}
	figure('under-replicated', view.underReplicated);
	figure('without-leader', view.withoutLeader);
	document.getElementById('brokers').replaceChildren(...view.brokers.map(brokerCard),
		...view.controllers.filter((controller) => !controller.broker).map(controllerCard));
	document.getElementById('replicas').replaceChildren(...view.topics.map((topic) =>
		el('div', { className: 'topic-replicas', 'data-topic': topic.topic },
			el('code', { className: 'topic', title: topic.topic }, topic.topic),
			el('div', { className: 'replica-cells' }, topic.partitions.map(replicaCell)))));
}

// --- the shelf (Kafka Streams) ----------------------------------------------------------------------------------

function statusName(status) {
	return status.toLowerCase().replace(/_/g, ' ');
}

function shelfCount(view, status) {
	const count = view.counts[status] ?? 0;
	return el('li', { 'data-status': status, 'data-orders': count, title: STATUSES[status].label },
		el('b', {}, count), ' ' + statusName(status));
}

function shelvedOrder(order) {
	return el('li', { 'data-order-id': order.orderId, 'data-status': order.status },
		el('code', { title: order.orderId }, shortId(order.orderId)),
		el('span', { className: 'status' }, statusName(order.status)),
		el('span', { className: 'at' }, new Date(order.at).toLocaleTimeString([], { hour12: false })));
}

/** Minutes as columns, the menu's products as rows; a cell's shading is its share of the busiest minute. */
function bakedTable(view) {
	const pieces = new Map(view.bakedPerMinute.map((count) => [count.minute + ' ' + count.product, count.pieces]));
	const most = Math.max(1, ...view.bakedPerMinute.map((count) => count.pieces));
	const products = new Set([...menu.map((item) => item.product), ...view.bakedPerMinute.map((count) => count.product)]);
	const names = new Map(menu.map((item) => [item.product, item.name]));
	const minute = (instant) => new Date(instant)
		.toLocaleTimeString([], { hour12: false, hour: '2-digit', minute: '2-digit' });
	return el('table', {},
		el('thead', {}, el('tr', {}, el('th', {}, 'baked / min'),
			view.minutes.map((start) => el('th', { title: 'the minute from ' + minute(start) }, ':' + minute(start).slice(-2))))),
		el('tbody', {}, [...products].map((product) => el('tr', { 'data-product': product },
			el('th', {}, names.get(product) || product),
			view.minutes.map((start) => {
				const baked = pieces.get(start + ' ' + product) || 0;
				return el('td', {
					'data-minute': start,
					'data-pieces': baked,
					style: '--share:' + (baked / most),
					title: baked + ' × ' + (names.get(product) || product) + ' baked in the minute from ' + minute(start),
				}, baked || '');
			})))));
}

function renderShelf(view) {
	const problem = document.getElementById('shelf-problem');
	problem.hidden = !view.problem;
	problem.textContent = view.problem ? 'Shelf not ready: ' + view.problem : '';
	// While Kafka Streams restores its stores, what the shelf said last may no longer be true.
	document.getElementById('shelf-counts').replaceChildren(...(view.problem ? [] : ON_THE_SHELF.map((status) =>
		shelfCount(view, status))));
	document.getElementById('shelf-orders').replaceChildren(...view.latest.map(shelvedOrder));
	document.getElementById('baked').replaceChildren(...(view.problem ? [] : [bakedTable(view)]));
}

// --- actions ----------------------------------------------------------------------------------------------------

async function placeOrder(event) {
	event.preventDefault();
	const message = document.getElementById('placed');
	const button = document.getElementById('place');
	const customer = document.getElementById('customer').value.trim();
	const order = {
		customer,
		items: [{
			product: document.getElementById('product').value,
			quantity: Number(document.getElementById('quantity').value),
		}],
	};
	button.disabled = true;
	message.className = 'message';
	message.textContent = 'Placing…';
	try {
		const response = await fetch('board/orders', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
			body: JSON.stringify(order),
		});
		if (response.ok) {
			const placed = await response.json();
			message.dataset.orderId = placed.orderId;
			message.textContent = 'Order ' + shortId(placed.orderId) + ' for ' + customer
				+ ' placed: the till wrote OrderPlaced to bakery.orders, key ' + placed.orderId + '.';
		}
		else {
			message.className = 'message error';
			message.textContent = await problemOf(response);
		}
	}
	catch (failure) {
		message.className = 'message error';
		message.textContent = 'The board does not answer: ' + failure.message;
	}
	finally {
		button.disabled = false;
	}
}

async function handOver(orderId) {
	const message = document.getElementById('placed');
	const response = await fetch('board/orders/' + encodeURIComponent(orderId) + '/pickup', { method: 'POST' });
	if (response.ok) {
		if (remember(await response.json())) {
			renderOrders();
		}
	}
	else {
		message.className = 'message error';
		message.textContent = await problemOf(response);
	}
}

// --- loading and following ----------------------------------------------------------------------------------------

async function loadSnapshot() {
	const response = await fetch('board/snapshot');
	const snapshot = await response.json();
	tracesUrl = snapshot.tracesUrl;
	renderMenu(snapshot.menu);
	counts = snapshot.counts;
	snapshot.orders.forEach(remember);
	renderOrders();
}

/** The order form offers what the bake houses offer on bakery.menu; a new product appears as it is offered. */
function renderMenu(offered) {
	const products = document.getElementById('product');
	const names = (items) => items.map((item) => item.product).join(',');
	if (names(offered) !== names(menu) || !products.options.length) {
		const chosen = products.value;
		products.replaceChildren(...offered.map((item) => el('option', { value: item.product }, item.name)));
		if (offered.some((item) => item.product === chosen)) {
			products.value = chosen;
		}
	}
	menu = offered;
}

async function loadLag() {
	const response = await fetch('board/lag');
	renderLag(await response.json());
}

async function loadCluster() {
	const response = await fetch('board/cluster');
	renderCluster(await response.json());
}

/** The shelf answers with its problem while it is being restored; anything else is the board's own. */
async function loadShelf() {
	const response = await fetch('board/shelf');
	renderShelf(response.ok ? await response.json() : { problem: await problemOf(response), latest: [] });
}

// --- the departments -----------------------------------------------------------------------------------------------

/** When the counter last answered, while it is away: the orders shown are as it told them then. */
function renderDepartments(departments) {
	for (const department of departments) {
		const item = document.querySelector('#departments [data-department="' + department.department + '"]');
		if (!item) {
			continue;
		}
		item.dataset.state = department.state;
		item.title = department.module + ': ' + department.state
			+ (department.waitingFor.length ? ' (waiting for ' + department.waitingFor.join(', ') + ')' : '')
			+ (department.state === 'away' && department.lastAnswered
				? ', last answered at ' + clock(department.lastAnswered) : '');
	}
	const counter = departments.find((department) => department.department === 'counter');
	const note = document.getElementById('counter-away');
	note.hidden = !counter || counter.state !== 'away';
	note.textContent = note.hidden ? ''
		: 'Counter away (restarting?): the orders are as it last told them'
			+ (counter.lastAnswered ? ', at ' + clock(counter.lastAnswered) : '') + '.';
}

async function loadDepartments() {
	const response = await fetch('board/departments');
	renderDepartments(await response.json());
}

// --- the curves: each group's lag and records read per second, the last minutes --------------------------------

function remembered(look) {
	if (looks.length && Date.parse(looks[looks.length - 1].at) >= Date.parse(look.at)) {
		return;
	}
	looks.push(look);
	const oldest = Date.parse(look.at) - CURVES_MS;
	while (looks.length && Date.parse(looks[0].at) < oldest) {
		looks.shift();
	}
}

/** A group's value at each look: its lag, or the records it read per second over the stretch before the look. */
function seriesOf(group, figure) {
	const points = [];
	for (let i = 0; i < looks.length; i++) {
		const look = looks[i];
		const at = Date.parse(look.at);
		const now = look.groups.find((figures) => figures.group === group);
		if (!now) {
			continue;
		}
		if (figure === 'lag') {
			points.push([at, now.lag]);
			continue;
		}
		let j = i;
		while (j > 0 && at - Date.parse(looks[j - 1].at) <= RATE_OVER_MS) {
			j--;
		}
		const before = j < i ? looks[j].groups.find((figures) => figures.group === group) : null;
		const seconds = (at - Date.parse(looks[j].at)) / 1000;
		points.push([at, before && seconds > 0 ? Math.max(0, now.position - before.position) / seconds : 0]);
	}
	return points;
}

function renderCurves() {
	const end = looks.length ? Date.parse(looks[looks.length - 1].at) : Date.now();
	const start = end - CURVES_MS;
	const groups = looks.length ? looks[looks.length - 1].groups.map((figures) => figures.group) : [];
	for (const curve of document.querySelectorAll('#curves .curve')) {
		const figure = curve.dataset.figure;
		const series = new Map(groups.map((group) => [group, seriesOf(group, figure)]));
		const most = Math.max(1, ...[...series.values()].flat().map(([, value]) => value));
		const svg = curve.querySelector('svg');
		const lines = [...series].map(([group, points]) => {
			const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
			line.setAttribute('points', points.map(([at, value]) =>
				((at - start) / CURVES_MS * 600).toFixed(1) + ',' + (98 - value / most * 94).toFixed(1)).join(' '));
			line.setAttribute('stroke', GROUP_COLOURS[group] || '#7d6f62');
			line.setAttribute('data-group', group);
			line.setAttribute('data-most', Math.max(0, ...points.map(([, value]) => value)));
			line.setAttribute('vector-effect', 'non-scaling-stroke');
			return line;
		});
		svg.replaceChildren(...lines);
		curve.querySelector('.curve-most').textContent = figure === 'lag' ? 'max ' + number(most) : 'max ' + most.toFixed(1);
	}
	document.getElementById('curves-legend').replaceChildren(
		// Each group's lag now, beside its colour: in sight however far down its panel is.
		...groups.map((group) => {
			const lag = seriesOf(group, 'lag');
			return el('span', { 'data-group': group },
				el('span', { className: 'swatch', style: 'background:' + (GROUP_COLOURS[group] || '#7d6f62') }), group,
				' ', el('b', { className: 'total', title: 'its lag now' }, lag.length ? number(lag[lag.length - 1][1]) : '?'));
		}),
		el('span', { className: 'time-shown' }, 'the last 10 minutes'));
}

async function loadFigures() {
	const response = await fetch('board/figures');
	const history = await response.json();
	history.looks.forEach(remembered);
	renderCurves();
}

function follow() {
	const connection = document.getElementById('connection');
	const events = new EventSource('board/events');
	events.addEventListener('open', () => {
		connection.dataset.state = 'live';
		connection.textContent = 'live';
		// Whatever happened while the stream was down: the snapshot has it.
		loadSnapshot().catch(() => {});
		loadFigures().catch(() => {});
		loadLag().catch(() => {});
		loadCluster().catch(() => {});
		loadShelf().catch(() => {});
		loadDepartments().catch(() => {});
	});
	events.addEventListener('error', () => {
		// The board itself is away (restarting): the page keeps its last picture and reconnects.
		connection.dataset.state = 'reconnecting';
		connection.textContent = 'board away, reconnecting…';
		if (events.readyState === EventSource.CLOSED) {
			// The browser gave up on this stream; it retries a stream that was cut by itself.
			setTimeout(follow, REOPEN_AFTER_MS);
		}
	});
	events.addEventListener('order', (event) => {
		const moved = JSON.parse(event.data);
		counts = moved.counts;
		remember(moved.order);
		renderOrders();
	});
	events.addEventListener('lag', (event) => renderLag(JSON.parse(event.data)));
	events.addEventListener('figures', (event) => {
		remembered(JSON.parse(event.data));
		renderCurves();
	});
	events.addEventListener('cluster', (event) => renderCluster(JSON.parse(event.data)));
	events.addEventListener('shelf', (event) => renderShelf(JSON.parse(event.data)));
	events.addEventListener('menu', (event) => renderMenu(JSON.parse(event.data)));
	events.addEventListener('departments', (event) => renderDepartments(JSON.parse(event.data)));
}

document.getElementById('order-form').addEventListener('submit', placeOrder);
follow();
