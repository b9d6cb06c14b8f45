// The page's own words in the traveller's language. A trip's page follows the language of
// its plan (the request's language); before that, the browser's languages choose.

const SUPPORTED = ["en", "es", "fr", "de", "pt", "it"];
const cache = new Map();
let current = { language: "en", labels: {} };

export function browserLanguage() {
  for (const tag of navigator.languages || [navigator.language || "en"]) {
    const code = String(tag).slice(0, 2).toLowerCase();
    if (SUPPORTED.includes(code)) return code;
  }
  return "en";
}

export function t(text, values = {}) {
  const template = current.labels[text] || text;
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

export function language() {
  return current.language;
}

export async function useLanguage(code, fetchLabels) {
  const wanted = SUPPORTED.includes(code) ? code : "en";
  if (wanted === current.language && cache.has(wanted)) return false;
  if (!cache.has(wanted)) {
    try {
      cache.set(wanted, wanted === "en" ? {} : (await fetchLabels(wanted)).labels);
    } catch {
      return false;
    }
  }
  current = { language: wanted, labels: cache.get(wanted) };
  document.documentElement.lang = wanted;
  applyLabels(document);
  return true;
}

// Elements say which English text they show: data-label (text), data-label-placeholder,
// data-label-aria (aria-label), data-label-title (title).
export function applyLabels(root) {
  for (const node of root.querySelectorAll("[data-label]")) node.textContent = t(node.dataset.label);
  for (const node of root.querySelectorAll("[data-label-placeholder]")) {
    node.placeholder = t(node.dataset.labelPlaceholder);
  }
  for (const node of root.querySelectorAll("[data-label-aria]")) {
    node.setAttribute("aria-label", t(node.dataset.labelAria));
  }
  for (const node of root.querySelectorAll("[data-label-title]")) node.title = t(node.dataset.labelTitle);
  document.title = t("Travel planner");
}
