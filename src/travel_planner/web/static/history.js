// The saved trips beside the page: newest first, paged, each with rename and delete (both
// usable with the keyboard; delete asks first).

import { ApiError, api } from "./api.js";
import { language, t } from "./labels.js";

const $ = (id) => document.getElementById(id);
let hooks = null;
let nextOffset = 0;

// current() -> the open trip's id; open(id); deleted(id); failed(error); login()
export function initHistory(callbacks) {
  hooks = callbacks;
  $("more-trips").addEventListener("click", () => refreshHistory(true));
}

export function markCurrent() {
  for (const link of $("trips").querySelectorAll("a")) {
    if (link.dataset.id === hooks.current()) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

function iconButton(symbol, label, onClick) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "icon";
  button.setAttribute("aria-label", label);
  button.title = label;
  button.textContent = symbol;
  button.addEventListener("click", onClick);
  return button;
}

function tripItem(trip) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = `/trips/${trip.id}`;
  link.dataset.id = trip.id;
  const title = document.createElement("span");
  title.className = "title";
  title.textContent = trip.title;
  const when = document.createElement("span");
  when.className = "when";
  when.textContent = new Intl.DateTimeFormat(language(), { dateStyle: "medium" }).format(new Date(trip.created_at));
  link.append(title, when);
  link.addEventListener("click", (event) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    history.pushState(null, "", link.href);
    hooks.open(trip.id);
  });
  const rename = iconButton("✎", t("Rename “{title}”", { title: trip.title }), () => startRename(item, trip));
  const remove = iconButton("✕", t("Delete “{title}”", { title: trip.title }), () => deleteTrip(trip));
  item.append(link, rename, remove);
  return item;
}

function focusTrip(id) {
  $("trips").querySelector(`[data-id="${CSS.escape(id)}"]`)?.focus();
}

function startRename(item, trip) {
  const form = document.createElement("form");
  form.className = "rename";
  const label = document.createElement("label");
  label.className = "visually-hidden";
  label.htmlFor = `rename-${trip.id}`;
  label.textContent = t("New name");
  const input = document.createElement("input");
  input.id = `rename-${trip.id}`;
  input.value = trip.title;
  input.maxLength = 200;
  input.required = true;
  const save = document.createElement("button");
  save.type = "submit";
  save.textContent = t("Save");
  form.append(label, input, save);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const renamed = await api.rename(trip.id, input.value);
      if (hooks.current() === trip.id) $("trip-title").textContent = renamed.title;
    } catch (error) {
      hooks.failed(error);
    }
    await refreshHistory();
    focusTrip(trip.id);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") refreshHistory().then(() => focusTrip(trip.id));
  });
  item.replaceChildren(form);
  input.select();
  input.focus();
}

async function deleteTrip(trip) {
  if (!window.confirm(t("Delete “{title}” and everything saved with it?", { title: trip.title }))) return;
  try {
    await api.remove(trip.id);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) return hooks.failed(error);
  }
  if (hooks.current() === trip.id) hooks.deleted(trip.id);
  await refreshHistory();
}

export async function refreshHistory(more = false) {
  try {
    const page = await api.trips(more ? nextOffset : 0);
    const list = $("trips");
    if (!more) list.replaceChildren();
    for (const trip of page.items) list.append(tripItem(trip));
    nextOffset = page.next_offset ?? 0;
    $("more-trips").hidden = page.next_offset === null;
    $("history-empty").hidden = list.children.length > 0;
    $("history").hidden = false;
    markCurrent();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) hooks.login();
  }
}
