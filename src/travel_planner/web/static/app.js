// The page: a request box, live progress, the plan streaming in, saved trips, refinements,
// questions answered in place, exports. Deep links (/trips/ID) survive a reload: the page
// asks the server for the trip and, while a plan is still being written, follows its run
// from the first event again.

import { ApiError, api } from "./api.js";
import { initHistory, markCurrent, refreshHistory } from "./history.js";
import { applyLabels, browserLanguage, t, useLanguage } from "./labels.js";
import { renderMarkdown } from "./markdown.js";

const $ = (id) => document.getElementById(id);
const state = { tripId: null, trip: null, runId: null, source: null, ended: true, planText: null, draft: "" };

function show(node, visible) {
  node.hidden = !visible;
}

function say(node, text) {
  node.textContent = text || "";
  show(node, Boolean(text));
}

function fail(node, error) {
  if (error instanceof ApiError && error.status === 401) return showLogin();
  if (error instanceof ApiError && error.code === "offline") return say(node, t("The server cannot be reached. Check your connection and try again."));
  say(node, error.message || t("Something went wrong."));
}

// What the traveller reads when a plan fails. The server's message is for whoever runs the
// service (it names hosts and fixes): the API and the server's log keep it.
function runError(error) {
  const text = {
    dependency_unavailable: t("The planner cannot reach one of its services right now. Please try again in a few minutes."),
    unusable_model_output: t("The model could not write a usable plan this time. Try again, or describe your trip in other words."),
    configuration_error: t("The planner is not set up correctly. The details are in the server's log."),
    internal: t("Something went wrong on the server. The details are in its log."),
  }[error.code];
  return text || error.message || t("Something went wrong.");
}

async function setLanguage(code) {
  await useLanguage(code, api.labels);
}

// Views

function showLogin() {
  closeStream();
  show($("login"), true);
  show($("compose"), false);
  show($("trip"), false);
  show($("history"), false);
  $("token").focus();
}

function showCompose(focus) {
  closeStream();
  state.tripId = null;
  state.trip = null;
  show($("login"), false);
  show($("trip"), false);
  show($("compose"), true);
  markCurrent();
  setLanguage(browserLanguage());
  if (focus) $("request").focus();
}

function renderPlan(text) {
  const plan = $("plan");
  plan.replaceChildren(renderMarkdown(text || ""));
  show(plan, Boolean(text));
}

function renderConversation(messages, question) {
  const list = $("conversation");
  list.replaceChildren();
  // A question still waiting for its answer is shown once, where it is answered.
  const shown = question ? messages.slice(0, -1) : messages;
  for (const message of shown) {
    const item = document.createElement("li");
    item.className = message.role;
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = message.role === "traveller" ? t("You") : t("Planner");
    const text = document.createElement("span");
    text.textContent = message.text;
    item.append(who, " ", text);
    list.append(item);
  }
}

function renderQuestion(question) {
  show($("question"), Boolean(question));
  $("message-label").textContent = question ? t("Your answer") : t("Ask for a change");
  $("message").placeholder = question
    ? t("4 days in Lisbon in May, food and museums")
    : t("Make day 2 more relaxed");
  if (!question) return;
  $("question-text").textContent = question.message;
  const options = $("options");
  options.replaceChildren();
  for (const option of question.options || []) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = option;
    button.addEventListener("click", () => sendMessage(option));
    item.append(button);
    options.append(item);
  }
  show(options, options.children.length > 0);
}

function renderExports(tripId, available) {
  show($("exports"), available);
  const base = `/api/trips/${encodeURIComponent(tripId)}`;
  $("export-ics").href = `${base}/plan.ics`;
  $("export-md").href = `${base}/plan.md`;
  $("export-json").href = `${base}/plan.json`;
}

function renderTrip(trip) {
  state.trip = trip;
  $("trip-title").textContent = trip.title;
  document.title = `${trip.title} · ${t("Travel planner")}`;
  renderConversation(trip.messages, trip.clarification);
  renderPlan(trip.plan ? trip.plan.plan : "");
  renderQuestion(trip.clarification);
  renderExports(trip.id, Boolean(trip.plan));
  show($("message-form"), true);
  const last = trip.runs[trip.runs.length - 1];
  const lastNote = last && !trip.active_run_id ? endNote(last.status) : "";
  say($("status"), last && last.status === "done" ? "" : lastNote);
  if (last && last.error && !trip.active_run_id && last.status === "failed") say($("run-error"), runError(last.error));
}

async function openTrip(id, { focus = false } = {}) {
  show($("login"), false);
  show($("compose"), false);
  show($("trip"), true);
  say($("run-error"), "");
  say($("incomplete"), "");
  state.tripId = id;
  markCurrent();
  let trip;
  try {
    trip = await api.trip(id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      history.replaceState(null, "", "/");
      showCompose(false);
      return say($("request-error"), t("That trip does not exist any more."));
    }
    return fail($("run-error"), error);
  }
  if (state.tripId !== id) return;
  if (trip.language) await setLanguage(trip.language);
  renderTrip(trip);
  if (trip.active_run_id) follow(trip.active_run_id);
  if (focus) $("trip-title").focus();
}

// A run's live events

function closeStream() {
  if (state.source) state.source.close();
  state.source = null;
  state.runId = null;
  state.ended = true;
  show($("run"), false);
}

function stepItem(step) {
  let item = $("steps").querySelector(`[data-step="${CSS.escape(step)}"]`);
  if (!item) {
    item = document.createElement("li");
    item.dataset.step = step;
    $("steps").append(item);
  }
  return item;
}

function endNote(status) {
  return {
    done: t("Your plan is ready."),
    cancelled: t("Stopped. Nothing was changed."),
    failed: t("The plan could not be finished."),
    interrupted: t("The server stopped before this plan was finished. Send it again to plan it."),
  }[status] || "";
}

function showDraft(day) {
  const box = $("draft");
  $("draft-title").textContent = day ? t("Writing day {day}…", { day }) : t("Writing…");
  $("draft-text").textContent = state.draft;
  show(box, Boolean(state.draft.trim()));
}

const handlers = {
  status(data) {
    const text = data.status === "queued"
      ? t("Waiting for a free planner: number {position} in the queue.", { position: data.position })
      : t("Planning your trip…");
    say($("status"), text);
  },
  step(data) {
    const item = stepItem(data.step);
    item.className = data.state;
    item.textContent = data.text;
    if (data.state === "started") say($("status"), data.text);
  },
  notice(data) {
    // Two steps can report the same thing in the traveller's words (their details, in the
    // API, differ): say it once.
    const shown = [...$("notice-list").children].some((li) => li.textContent === data.text);
    if (shown) return;
    const item = document.createElement("li");
    item.textContent = data.text;
    $("notice-list").append(item);
    show($("notices"), true);
  },
  draft(data) {
    state.draft += data.text;
    showDraft(data.day);
  },
  plan(data) {
    state.planText = (state.planText ?? "") + data.text;
    state.draft = "";
    showDraft(null);
    renderPlan(state.planText);
  },
  async result(data) {
    const lang = data.kind === "plan" ? data.language : data.clarification?.language;
    if (lang) await setLanguage(lang);
    if (data.kind === "plan") {
      state.planText = data.plan;
      renderPlan(data.plan);
    } else {
      renderQuestion(data.clarification);
    }
  },
  error(data) {
    say($("run-error"), runError(data));
  },
  async end(data) {
    const id = state.tripId;
    closeStream();
    state.draft = "";
    showDraft(null);
    const note = endNote(data.status);
    if (data.status !== "done" && state.planText) say($("incomplete"), t("This plan is incomplete: it was not finished."));
    await refreshHistory();
    if (id && data.status === "done") await openTrip(id);
    else if (id) await refreshConversation(id);
    say($("status"), note);
  },
};

async function refreshConversation(id) {
  try {
    const trip = await api.trip(id);
    if (state.tripId !== id) return;
    state.trip = trip;
    renderConversation(trip.messages, trip.clarification);
    renderQuestion(trip.clarification);
  } catch (error) {
    fail($("run-error"), error);
  }
}

function follow(runId) {
  closeStream();
  state.runId = runId;
  state.ended = false;
  state.planText = null;
  state.draft = "";
  $("steps").replaceChildren();
  $("notice-list").replaceChildren();
  show($("notices"), false);
  say($("run-error"), "");
  say($("incomplete"), "");
  show($("run"), true);
  show($("stop"), true);
  $("stop").disabled = false;
  say($("status"), t("Planning your trip…"));
  const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events`);
  state.source = source;
  for (const [name, handle] of Object.entries(handlers)) {
    source.addEventListener(name, (event) => {
      if (state.source !== source) return;
      handle(JSON.parse(event.data));
    });
  }
  source.addEventListener("error", () => {
    if (state.source !== source || state.ended) return;
    if (source.readyState === EventSource.CLOSED) {
      // The server said there is nothing more (or refused us): read the trip as saved.
      const id = state.tripId;
      closeStream();
      if (id) openTrip(id);
    } else {
      say($("status"), t("Connection lost, reconnecting…"));
    }
  });
}

// Actions

async function submitRequest(event) {
  event.preventDefault();
  const text = $("request").value.trim();
  if (!text) return;
  say($("request-error"), "");
  $("plan-button").disabled = true;
  try {
    const accepted = await api.plan(text);
    $("request").value = "";
    history.pushState(null, "", `/trips/${accepted.id}`);
    state.tripId = accepted.id;
    show($("compose"), false);
    show($("trip"), true);
    renderTrip({ id: accepted.id, title: text, messages: [{ role: "traveller", text }], runs: [], plan: null, clarification: null, active_run_id: accepted.run_id });
    follow(accepted.run_id);
    $("trip-title").focus();
    refreshHistory();
  } catch (error) {
    fail($("request-error"), error);
  } finally {
    $("plan-button").disabled = false;
  }
}

async function sendMessage(text) {
  const id = state.tripId;
  if (!id || !text.trim()) return;
  say($("message-error"), "");
  $("send").disabled = true;
  try {
    const accepted = await api.send(id, text.trim());
    $("message").value = "";
    const messages = [...(state.trip?.messages || []), { role: "traveller", text: text.trim() }];
    renderConversation(messages);
    if (state.trip) state.trip.messages = messages;
    renderQuestion(null);
    follow(accepted.run_id);
    $("status").focus?.();
  } catch (error) {
    fail($("message-error"), error);
  } finally {
    $("send").disabled = false;
  }
}

async function stop() {
  if (!state.runId) return;
  $("stop").disabled = true;
  say($("status"), t("Stopping…"));
  try {
    await api.cancel(state.runId);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === "run_finished")) fail($("run-error"), error);
  }
}

// Start

function route(focus) {
  const match = location.pathname.match(/^\/trips\/([^/]+)$/);
  if (match) openTrip(decodeURIComponent(match[1]), { focus });
  else showCompose(focus);
}

async function login(event) {
  event.preventDefault();
  say($("login-error"), "");
  try {
    await api.login($("token").value);
    $("token").value = "";
    await start();
  } catch (error) {
    say($("login-error"), error.message);
  }
}

async function start() {
  let session;
  try {
    session = await api.session();
  } catch (error) {
    show($("compose"), true);
    return fail($("request-error"), error);
  }
  show($("logout"), session.auth_required && session.authenticated);
  if (!session.authenticated) return showLogin();
  show($("login"), false);
  await refreshHistory();
  route(false);
}

function wire() {
  $("request-form").addEventListener("submit", submitRequest);
  $("message-form").addEventListener("submit", (event) => {
    event.preventDefault();
    sendMessage($("message").value);
  });
  for (const box of [$("request"), $("message")]) {
    box.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) box.form.requestSubmit();
    });
  }
  $("stop").addEventListener("click", stop);
  $("print").addEventListener("click", () => window.print());
  initHistory({
    current: () => state.tripId,
    open: (id) => openTrip(id, { focus: true }),
    deleted: () => {
      history.pushState(null, "", "/");
      showCompose(true);
    },
    failed: (error) => fail($("run-error"), error),
    login: showLogin,
  });
  $("login-form").addEventListener("submit", login);
  $("logout").addEventListener("click", async () => {
    await api.logout().catch(() => null);
    location.assign("/");
  });
  for (const link of [$("new-trip"), $("home-link")]) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      history.pushState(null, "", "/");
      showCompose(true);
    });
  }
  window.addEventListener("popstate", () => route(true));
  if (window.matchMedia("(max-width: 52rem)").matches) $("history-box").open = false;
}

wire();
applyLabels(document);
setLanguage(browserLanguage()).then(start);
